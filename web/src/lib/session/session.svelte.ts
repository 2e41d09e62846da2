import type { PublicUser } from '@spejl/shared';
import { meApi } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';

/** Who is signed in. Loaded once by the root layout; sign-in, sign-up and sign-out update it. */
class Session {
  user = $state<PublicUser | null>(null);
  loaded = false;

  get signedIn(): boolean {
    return this.user !== null;
  }

  get isAdmin(): boolean {
    return this.user?.platformRole === 'admin';
  }

  /** Asks the server who we are; 401 means nobody. Other failures leave the visitor signed out and rethrow. */
  async load(fetcher?: typeof fetch): Promise<PublicUser | null> {
    try {
      this.user = (await meApi.get(fetcher)).user;
    } catch (error) {
      this.user = null;
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      this.loaded = true;
    }
    return this.user;
  }
}

export const session = new Session();
