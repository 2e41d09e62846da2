import { z } from 'zod';
import { attachmentKinds, attachmentServedTypes } from './attachments-values.ts';
import { isHttpsUrl } from './associations-values.ts';
import { id, isoDate, listOf, listQuery } from './common.ts';
import { locales } from './limits.ts';
import {
  creatableResourceKinds,
  municipalities,
  resourceAudiences,
  resourceKinds,
  resourceLimits,
  resourceReviewStates,
  resourceScopeTypes,
  resourceStatuses,
  resourceTopics,
} from './resources-values.ts';

export * from './resources-values.ts';

/** A calendar day, YYYY-MM-DD (Danish time). */
const day = z.iso.date();
const httpsUrl = z
  .string()
  .trim()
  .max(resourceLimits.urlMax)
  .refine((value) => isHttpsUrl(value), { message: 'https_url' });
const title = z.string().trim().min(1).max(resourceLimits.titleMax);
const summary = z.string().trim().min(1).max(resourceLimits.summaryMax);
const body = z.string().trim().min(1).max(resourceLimits.bodyMax);
const audiences = z
  .array(z.enum(resourceAudiences))
  .min(1)
  .max(resourceAudiences.length)
  .refine((list) => new Set(list).size === list.length, { message: 'duplicate' });
const validYear = z
  .number()
  .int()
  .min(resourceLimits.validYearMin)
  .max(resourceLimits.validYearMax)
  .nullable();
const region = z.enum(municipalities).nullable();
const reason = z.string().trim().min(resourceLimits.reasonMin).max(resourceLimits.reasonMax);

/** A source the resource builds on. */
export const resourceSource = z.strictObject({
  title: z.string().trim().min(1).max(resourceLimits.sourceTitleMax),
  url: httpsUrl.optional(),
});
const sources = z.array(resourceSource).max(resourceLimits.sourcesMax);

/** Where a new resource belongs: the whole platform, an association, or a group. */
export const resourceScopeInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('platform') }),
  z.strictObject({ type: z.literal('association'), id }),
  z.strictObject({ type: z.literal('group'), id }),
]);
export type ResourceScopeInput = z.infer<typeof resourceScopeInput>;

export const resourceParams = z.object({ id });

/** `GET /api/resources`: what the reader may see, searched and filtered; editors may ask for the withdrawn ones. */
export const resourceListQuery = listQuery.extend({
  q: z.string().trim().max(resourceLimits.queryMax).optional(),
  topic: z.enum(resourceTopics).optional(),
  audience: z.enum(resourceAudiences).optional(),
  groupId: id.optional(),
  associationId: id.optional(),
  status: z.enum(resourceStatuses).default('published'),
});
export type ResourceListQuery = z.infer<typeof resourceListQuery>;

/**
 * `GET /api/kit.pdf`: the printable kit of public resources, for one audience and one topic or all of them; `lang`
 * picks the language of the kit's own texts (the reader's language when absent), never which resources go in.
 */
export const resourceKitQuery = z.object({
  audience: z.enum(resourceAudiences).optional(),
  topic: z.enum(resourceTopics).optional(),
  lang: z.enum(locales).optional(),
});
export type ResourceKitQuery = z.infer<typeof resourceKitQuery>;

/**
 * A new resource. An article has a Markdown body, a link an https address, a file the id of the editor's own upload
 * (`POST /api/uploads`) not yet on a message or another resource; only platform and association ones may be public.
 */
export const createResourceBody = z
  .strictObject({
    kind: z.enum(creatableResourceKinds),
    title,
    summary,
    topic: z.enum(resourceTopics),
    audiences,
    scope: resourceScopeInput,
    /** The municipality it holds in; null or absent for all of Denmark. */
    region: region.optional(),
    /** The year its rates and rules are for; null when it does not depend on the year. */
    validYear: validYear.optional(),
    sources: sources.default([]),
    language: z.enum(locales).default('da'),
    public: z.boolean().default(false),
    body: body.optional(),
    url: httpsUrl.optional(),
    /** The upload that is the file (files only). */
    fileId: id.optional(),
    /** When it is to be checked again; by default 12 months on, or the end of `validYear` when that comes first. */
    reviewDueOn: day.optional(),
  })
  .superRefine((value, context) => {
    if (value.kind === 'file' && value.fileId === undefined)
      context.addIssue({ code: 'custom', path: ['fileId'], message: 'required' });
    if (value.kind !== 'file' && value.fileId !== undefined)
      context.addIssue({ code: 'custom', path: ['fileId'], message: 'only_files_have_a_file' });
    if (value.kind === 'file' && value.body !== undefined)
      context.addIssue({ code: 'custom', path: ['body'], message: 'file_has_no_body' });
    if (value.kind === 'file' && value.url !== undefined)
      context.addIssue({ code: 'custom', path: ['url'], message: 'file_has_no_url' });
    if (value.kind === 'article' && value.body === undefined)
      context.addIssue({ code: 'custom', path: ['body'], message: 'required' });
    if (value.kind === 'article' && value.url !== undefined)
      context.addIssue({ code: 'custom', path: ['url'], message: 'article_has_no_url' });
    if (value.kind === 'link' && value.url === undefined)
      context.addIssue({ code: 'custom', path: ['url'], message: 'required' });
    if (value.kind === 'link' && value.body !== undefined)
      context.addIssue({ code: 'custom', path: ['body'], message: 'link_has_no_body' });
    if (value.public && value.scope.type === 'group')
      context.addIssue({ code: 'custom', path: ['public'], message: 'group_resources_are_not_public' });
  });
export type CreateResourceBody = z.input<typeof createResourceBody>;

/** Changes to a resource; its kind and scope stay. `checked: true` also records that the whole text was checked today. */
export const updateResourceBody = z
  .strictObject({
    title: title.optional(),
    summary: summary.optional(),
    topic: z.enum(resourceTopics).optional(),
    audiences: audiences.optional(),
    region: region.optional(),
    validYear: validYear.optional(),
    sources: sources.optional(),
    language: z.enum(locales).optional(),
    public: z.boolean().optional(),
    body: body.optional(),
    url: httpsUrl.optional(),
    /** A new upload in place of the file (files only); the old file is removed. */
    fileId: id.optional(),
    reviewDueOn: day.optional(),
    checked: z.boolean().optional(),
    /** Why, for the audit log. */
    reason: reason.optional(),
  })
  .refine((value) => Object.keys(value).some((key) => key !== 'reason'), { message: 'empty' });
export type UpdateResourceBody = z.input<typeof updateResourceBody>;

/** Withdrawing a resource needs a reason, kept with it and in the audit log. */
export const withdrawResourceBody = z.strictObject({ reason });
export type WithdrawResourceBody = z.input<typeof withdrawResourceBody>;

/** Publishing a withdrawn resource again; the editor vouches for it, so it counts as checked today. */
export const republishResourceBody = z.strictObject({ reason: reason.optional() });

/** Who a resource belongs to, with the association's or group's name. */
export const resourceScope = z.object({
  type: z.enum(resourceScopeTypes),
  id: z.string().nullable(),
  name: z.string().nullable(),
});

/** Whom a reader asks about a resource: its association, or Sjældne-netværket where there is none (`fallback`). */
export const resourceContact = z.object({
  association: z
    .object({
      id: z.string(),
      name: z.string(),
      website: z.string().nullable(),
      contactEmail: z.string().nullable(),
    })
    .nullable(),
  group: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
  fallback: z.boolean(),
});

/** What the reader may do with a resource. */
export const resourcePermissions = z.object({
  canEdit: z.boolean(),
  canWithdraw: z.boolean(),
  canDelete: z.boolean(),
});

const resourceFields = {
  id: z.string(),
  kind: z.enum(resourceKinds),
  title: z.string(),
  summary: z.string(),
  topic: z.enum(resourceTopics),
  audiences: z.array(z.enum(resourceAudiences)),
  /** The first of `audiences`, the one it is written for first (contract.md names a single `audience`). */
  audience: z.enum(resourceAudiences),
  scope: resourceScope,
  region: z.string().nullable(),
  validYear: z.number().int().nullable(),
  language: z.enum(locales),
  public: z.boolean(),
  status: z.enum(resourceStatuses),
  /** The link's address (links only). */
  url: z.string().nullable(),
  /** The file's id (files only), served at `resourceFileUrl(fileId)`. */
  fileId: z.string().nullable(),
  /** What the file is, for "PDF, 1.2 MB" beside its link (files only; null while it is missing). */
  file: z
    .object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(attachmentKinds),
      mime: z.enum(attachmentServedTypes),
      size: z.number().int(),
    })
    .nullable(),
  /** The day it was last checked, shown openly with its age. */
  reviewedOn: day,
  reviewDueOn: day,
  reviewState: z.enum(resourceReviewStates),
  /** True once its review date has passed: readers are told it may be out of date. */
  overdue: z.boolean(),
  /** Who looks after it; editors only (null for readers, or when the account is gone). */
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  /** Why and when it was withdrawn; only editors ever see a withdrawn resource. */
  withdrawn: z.object({ at: isoDate, reason: z.string() }).nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  permissions: resourcePermissions,
};

/** A resource in a list or the review queue: everything but its text, sources and contact. */
export const resourceListItem = z.object(resourceFields).meta({ id: 'ResourceListItem' });
export type ResourceListItem = z.infer<typeof resourceListItem>;

/** One resource with its Markdown body (articles), its sources and whom to contact. */
export const resource = z
  .object({
    ...resourceFields,
    /** Markdown, rendered like the pages (`parsePage` in page-markdown.ts): a tree, never HTML. */
    body: z.string().nullable(),
    sources: z.array(z.object({ title: z.string(), url: z.string().optional() })),
    contact: resourceContact,
  })
  .meta({ id: 'Resource' });
export type Resource = z.infer<typeof resource>;

export const resourceList = listOf(resourceListItem);
export type ResourceList = z.infer<typeof resourceList>;

/** The editor's queue: due and overdue resources in their scopes, the oldest review date first. */
export const resourceReviewQuery = listQuery;

/** An association's editors, as admins manage them. */
export const associationEditorParams = z.object({ id, userId: id });
export const addAssociationEditorBody = z
  .strictObject({
    userId: id.optional(),
    email: z.email().max(254).optional(),
    reason: reason.optional(),
  })
  .refine((value) => (value.userId === undefined) !== (value.email === undefined), {
    message: 'user_id_or_email',
  });
export type AddAssociationEditorBody = z.input<typeof addAssociationEditorBody>;

export const associationEditor = z
  .object({ userId: z.string(), displayName: z.string(), addedAt: isoDate })
  .meta({ id: 'AssociationEditor' });
export const associationEditorList = z.object({ items: z.array(associationEditor), nextCursor: z.null() });
