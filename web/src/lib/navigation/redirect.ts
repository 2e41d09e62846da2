import { isSafeRedirectPath } from '@spejl/shared/welcome-values';

/** The path to go to after signing in: only a same-site path (one leading slash), never another origin. */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/'): string {
  // The same rule the server applies to sign-up's `redirectTo` (shared/src/welcome-values.ts).
  return value && isSafeRedirectPath(value) ? value : fallback;
}

/** `/sign-in?redirectTo=<here>` for a page that needs a signed-in user. */
export function signInUrl(from: URL): string {
  const target = from.pathname + from.search;
  if (target === '/') return '/sign-in';
  // Slashes stay readable (`?redirectTo=/account`); everything else that could end the query is escaped.
  return `/sign-in?redirectTo=${encodeURIComponent(target).replaceAll('%2F', '/')}`;
}

/** `/sign-up` or `/sign-in` with `?redirectTo=<path>`, so the person comes back to `path` afterwards. */
export function withRedirect(page: '/sign-up' | '/sign-in', path: string): string {
  const target = safeRedirectTarget(path, '');
  if (!target || target === '/') return page;
  return `${page}?redirectTo=${encodeURIComponent(target).replaceAll('%2F', '/')}`;
}

const comeBackKey = 'spejl.comeBackAfterSignUp';

/** Keeps, in this tab, where to come back to once the address is confirmed (for a confirmation link mailed again). */
export function rememberComeBack(path: string | null): void {
  try {
    if (path) sessionStorage.setItem(comeBackKey, path);
    else sessionStorage.removeItem(comeBackKey);
  } catch {
    // Storage can be switched off; the mailed link carries the place too.
  }
}

/** Where to go once the address is confirmed: the link's `redirectTo`, else the remembered place, else home. */
export function takeComeBack(fromLink: string | null): string {
  let remembered: string | null = null;
  try {
    remembered = sessionStorage.getItem(comeBackKey);
    sessionStorage.removeItem(comeBackKey);
  } catch {
    // As above.
  }
  return safeRedirectTarget(fromLink ?? remembered, '/');
}
