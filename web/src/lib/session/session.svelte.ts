import type { PublicUser } from '@spejl/shared';
import { meApi } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';

/** Who is signed in. Loaded once by the root layout; sign-in, sign-up and sign-out update it. */
class Session {
  user = $state<PublicUser | null>(null);
  loaded = false;
  /**
   * The server could not be asked (offline, restarting): we do not know who this is, so the page offers neither
   * "Log ind" nor the person's menu, and reloads once the network is back.
   */
  unreachable = $state(false);

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
      this.unreachable = false;
    } catch (error) {
      this.user = null;
      // No answer at all (offline) or a server in trouble; a refusal such as 429 is an answer.
      this.unreachable = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      this.loaded = true;
    }
    return this.user;
  }
}

export const session = new Session();
