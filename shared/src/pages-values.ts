// No zod here: the web and the database schema import these values directly.

/** The pages every install has: the terms, the privacy policy and the help. */
export const pageSlugs = ['terms', 'privacy', 'help'] as const;
export type PageSlug = (typeof pageSlugs)[number];

/** The pages a person accepts at sign-up ("the terms and the privacy policy"); a new version can ask again. */
export const consentPageSlugs = ['terms', 'privacy'] as const satisfies readonly PageSlug[];

/** Sizes of a page version; a page body fits in the PUT route's own body limit with room to spare. */
export const pageLimits = {
  titleMax: 120,
  bodyMax: 60_000,
  reasonMax: 1_000,
  /** The PUT route's body limit in bytes (a Danish character can take two bytes, the JSON some more). */
  requestBytes: 256 * 1024,
  /** Versions listed for an admin, newest first. */
  versionsListed: 100,
} as const;

/** True when the text is one of the pages. */
export function isPageSlug(value: string): value is PageSlug {
  return (pageSlugs as readonly string[]).includes(value);
}
