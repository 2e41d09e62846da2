import { privacyApi } from '../api/privacy.ts';

/** Where a person who has not accepted new terms may still go: the texts, help, their account (export, delete). */
const open = [
  '/consent',
  '/terms',
  '/privacy',
  '/help',
  '/support',
  '/account',
  '/sign-in',
  '/sign-up',
  '/verify-email',
];

/**
 * Whether the signed-in person must accept a new version of the terms or the privacy policy before going on.
 * Asked once per visit (and again after signing in as someone else); accepting clears it.
 */
class ConsentGate {
  outdated = $state(false);
  private checkedFor: string | null = null;

  async check(userId: string): Promise<void> {
    if (this.checkedFor === userId) return;
    this.checkedFor = userId;
    try {
      const state = await privacyApi.consents();
      this.outdated = state.current.some((consent) => consent.kind === 'terms' && consent.outdated);
    } catch {
      // The consents could not be read (offline, restarting): let the person in; the next visit asks again.
      this.outdated = false;
    }
  }

  /** Where to send the person first (`/consent`, then back), or null when they may go on. */
  detour(url: Pick<URL, 'pathname' | 'search'>): string | null {
    if (!this.outdated) return null;
    if (open.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) return null;
    const target = url.pathname + url.search;
    return `/consent?redirectTo=${encodeURIComponent(target).replaceAll('%2F', '/')}`;
  }

  accepted(): void {
    this.outdated = false;
  }
}

export const consentGate = new ConsentGate();
