import { z } from 'zod';
import { associationLimits, associationStatuses, isHttpsUrl } from './associations-values.ts';
import { id, isoDate } from './common.ts';

export * from './associations-values.ts';

const name = z.string().trim().min(associationLimits.nameMin).max(associationLimits.nameMax);
/** An optional text: an empty string (an emptied form field) or null clears it. */
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value ? value : null));

const website = z
  .string()
  .trim()
  .max(associationLimits.websiteMax)
  .nullable()
  .refine((value) => !value || isHttpsUrl(value), { message: 'https_url' })
  .transform((value) => (value ? value : null));
const contactEmail = z
  .string()
  .trim()
  .max(associationLimits.contactEmailMax)
  .nullable()
  .refine((value) => !value || z.email().safeParse(value).success, { message: 'email' })
  .transform((value) => (value ? value.toLowerCase() : null));
/** The reason an admin gives for a change, kept in the audit log (associations, retention rules). */
export const adminChangeReason = z
  .string()
  .trim()
  .min(associationLimits.reasonMin)
  .max(associationLimits.reasonMax);
const reason = adminChangeReason;

/** An association (a patient association or the umbrella organisation) as admins see it. */
export const association = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    shortName: z.string().nullable(),
    website: z.string().nullable(),
    contactEmail: z.string().nullable(),
    description: z.string(),
    /** The public address of its logo, versioned (`?v=`) so a new one shows at once; null without a logo. */
    logoUrl: z.string().nullable(),
    /** Groups that belong to it and are not archived. */
    groupCount: z.number().int(),
    archivedAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
    permissions: z.object({ canEdit: z.boolean() }),
  })
  .meta({ id: 'Association' });
export type Association = z.infer<typeof association>;

export const associationList = z.object({ items: z.array(association), nextCursor: z.null() });
export type AssociationList = z.infer<typeof associationList>;

export const associationListQuery = z.strictObject({
  status: z.enum(associationStatuses).default('active'),
});

export const associationParams = z.object({ id });

/** `?v=` is the logo's version from `logoUrl`; a current version may be cached for good. */
export const associationLogoQuery = z.object({ v: z.string().max(20).optional() });

/** A new association. The slug is made from the name; the reason, when given, goes to the audit log. */
export const createAssociationBody = z.strictObject({
  name,
  shortName: clearable(associationLimits.shortNameMax).optional(),
  website: website.optional(),
  contactEmail: contactEmail.optional(),
  description: z.string().trim().max(associationLimits.descriptionMax).optional(),
  reason: reason.optional(),
});
export type CreateAssociationBody = z.input<typeof createAssociationBody>;

/** Any of an association's details; null or an empty string clears an optional one. */
export const updateAssociationBody = z
  .strictObject({
    name: name.optional(),
    shortName: clearable(associationLimits.shortNameMax).optional(),
    website: website.optional(),
    contactEmail: contactEmail.optional(),
    description: z.string().trim().max(associationLimits.descriptionMax).optional(),
    reason: reason.optional(),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'reason'), { message: 'empty' });
export type UpdateAssociationBody = z.input<typeof updateAssociationBody>;

/** Archiving and bringing back need a reason, kept in the audit log. */
export const archiveAssociationBody = z.strictObject({ reason });
export type ArchiveAssociationBody = z.input<typeof archiveAssociationBody>;
