// No zod here: the web imports these values directly.

/** Limits for associations, shared by the API, the web's forms and the CLI. */
export const associationLimits = {
  nameMin: 2,
  nameMax: 120,
  shortNameMax: 20,
  descriptionMax: 1000,
  websiteMax: 200,
  contactEmailMax: 254,
  reasonMin: 3,
  reasonMax: 500,
  /** Associations are few (tens): the administration lists them all at once. */
  listMax: 500,
} as const;

/** Which associations the administration lists: the active ones by default. */
export const associationStatuses = ['active', 'archived', 'all'] as const;
export type AssociationStatus = (typeof associationStatuses)[number];

/** True for an absolute https address with a host name, the only kind of website we link to. */
export function isHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    url.protocol === 'https:' && url.hostname.includes('.') && url.username === '' && url.password === ''
  );
}
