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

/** An association's logo: the largest upload, the box it is fitted into, and the formats read and served. */
export const associationLogoLimits = {
  /** 512 KB: a logo is small; anything larger is refused before it is read. */
  maxBytes: 512 * 1024,
  /** Fitted inside this square (in pixels), never enlarged. */
  size: 256,
} as const;
/** What an admin may upload, told from the bytes (never the name): SVG, GIF and the rest are refused. */
export const associationLogoUploadTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** What the server serves: only images it encoded itself. */
export const associationLogoServedTypes = ['image/webp', 'image/png'] as const;
export type AssociationLogoServedType = (typeof associationLogoServedTypes)[number];

/** The public address of an association's logo, versioned by its last change so a new logo shows at once. */
export function associationLogoUrl(associationId: string, updatedAt: Date): string {
  return `/api/associations/${associationId}/logo?v=${updatedAt.getTime()}`;
}

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
