/**
 * The sizes of a helpline or contact and how many a list holds, zod-free so the web checks forms with the same
 * numbers the server's schemas (moderation.ts `supportResource`) use.
 */
export const supportLimits = {
  nameMin: 2,
  nameMax: 80,
  phoneMax: 30,
  urlMax: 200,
  descriptionMax: 200,
  /** A group's own helplines and contacts, each list. */
  groupListMax: 10,
  /** The platform's helplines, which admins set for every group without a list of its own. */
  platformHelplinesMax: 12,
} as const;

/** Digits and spaces, with an optional + in front: `+45 70 201 201`. */
export const supportPhonePattern = /^\+?[0-9 ]*$/;
