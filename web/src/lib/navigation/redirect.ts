/** The path to go to after signing in: only a same-site path (one leading slash), never another origin. */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Control characters and backslashes can turn a path into a different origin in some URL parsers.
  for (const character of value) {
    if (character.charCodeAt(0) < 0x20 || character === '\\') return fallback;
  }
  return value;
}

/** `/sign-in?redirectTo=<here>` for a page that needs a signed-in user. */
export function signInUrl(from: URL): string {
  const target = from.pathname + from.search;
  if (target === '/') return '/sign-in';
  // Slashes stay readable (`?redirectTo=/account`); everything else that could end the query is escaped.
  return `/sign-in?redirectTo=${encodeURIComponent(target).replaceAll('%2F', '/')}`;
}
