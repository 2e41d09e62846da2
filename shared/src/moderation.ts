import { z } from 'zod';
import { attachment } from './attachments.ts';
import { isoDate, listQuery } from './common.ts';
import { limits } from './limits.ts';
import { supportLimits, supportPhonePattern } from './support-values.ts';

const id = z.string().min(1).max(64);
const person = z.object({ id: z.string(), displayName: z.string() });

export const flagReasons = [
  'spam',
  'harassment',
  'misinformation',
  'privacy',
  'self_harm',
  'illegal',
  'other',
] as const;
export type FlagReason = (typeof flagReasons)[number];

/** What a moderator can do with a queue item. `suspend` (a platform suspension) is for platform admins only. */
export const moderationActions = [
  'dismiss',
  'hide',
  'delete',
  'warn',
  'mute',
  'remove_member',
  'ban_member',
  'escalate',
  'suspend',
  'pause_mentor',
  'close_mentorship',
] as const;
export type ModerationAction = (typeof moderationActions)[number];
/**
 * The actions that fit a mentorship's pair: there is no group to hide a message in, mute or remove someone from.
 * `pause_mentor` and `close_mentorship` are the mentoring module's own pause and close.
 */
export const mentorshipActions = [
  'dismiss',
  'warn',
  'pause_mentor',
  'close_mentorship',
  'escalate',
  'suspend',
] as const satisfies readonly ModerationAction[];
/** Actions the affected member may appeal (once, within `moderationLimits.appealDays`). */
export const appealableActions = [
  'hide',
  'delete',
  'warn',
  'mute',
  'remove_member',
  'ban_member',
  'suspend',
] as const satisfies readonly ModerationAction[];

export const itemStatuses = ['open', 'resolved'] as const;
/** `mentoring`: reports from a mentorship's private conversation, reviewed by coordinators. */
export const itemQueues = ['group', 'platform', 'mentoring'] as const;
/** A review scope that is neither a group nor the platform: `mentoring` (coordinators). */
export const reviewScopes = ['mentoring'] as const;
/**
 * Where a reported message was written: an ordinary group, a mentorship's private conversation, or a direct
 * conversation between two members (its reports go to the platform queue).
 */
export const itemSpaces = ['group', 'mentorship', 'direct'] as const;
/** Why an item is in the queue: members' flags, a watched word, or a new member's message held for approval. */
export const itemSources = ['flags', 'filter', 'new_member'] as const;
export const flagStatuses = ['open', 'upheld', 'dismissed'] as const;
export const filterKinds = ['word', 'pattern'] as const;
export const filterActions = ['block', 'hold', 'flag'] as const;
export const appealStatuses = ['open', 'upheld', 'overturned'] as const;
export const appealOutcomes = ['upheld', 'overturned'] as const;
export const reportPeriods = ['month', 'quarter', 'year'] as const;

export const moderationLimits = {
  noteMax: 500,
  reasonMin: 3,
  messageToUserMax: 1000,
  statementMin: 10,
  statementMax: 2000,
  /** Flags one person may raise in 24 hours. */
  flagsPerDay: 20,
  appealDays: 20,
  bulkMax: 50,
  filterPatternMax: 100,
  filtersMax: 300,
  muteHoursMax: 24 * 90,
  supportResourcesMax: supportLimits.groupListMax,
  platformHelplinesMax: supportLimits.platformHelplinesMax,
} as const;

const reason = z.string().trim().min(moderationLimits.reasonMin).max(limits.reasonMax);

// ---------- Flags ----------

export const flagBody = z
  .strictObject({
    reason: z.enum(flagReasons),
    note: z.string().trim().max(moderationLimits.noteMax).optional(),
  })
  .refine((body) => body.reason !== 'other' || (body.note ?? '').length > 0, {
    message: 'a note is required for "other"',
    path: ['note'],
  });
export type FlagBody = z.input<typeof flagBody>;

export const flagResponse = z.object({
  flag: z.object({
    id: z.string(),
    reason: z.enum(flagReasons),
    status: z.enum(flagStatuses),
    createdAt: isoDate,
  }),
  /** Support resources, when the reason was self_harm: the reporter may want them too. */
  support: z.boolean(),
});

/** One of the actor's own flags, with what came of it. */
export const myReport = z
  .object({
    id: z.string(),
    reason: z.enum(flagReasons),
    note: z.string().nullable(),
    createdAt: isoDate,
    status: z.enum(itemStatuses),
    /** Whether moderators agreed (upheld) or found nothing against the rules (dismissed); null while open. */
    outcome: z.enum(['upheld', 'dismissed']).nullable(),
    action: z.enum(moderationActions).nullable(),
    resolvedAt: isoDate.nullable(),
    group: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
    messageId: z.string().nullable(),
    /** The start of the reported message while it can still be read; null once it is hidden or removed. */
    excerpt: z.string().nullable(),
  })
  .meta({ id: 'MyReport' });
export type MyReport = z.infer<typeof myReport>;

// ---------- The queue ----------

export const contextMessage = z.object({
  id: z.string(),
  seq: z.number().int(),
  author: person.nullable(),
  body: z.string().nullable(),
  createdAt: isoDate,
  deleted: z.boolean(),
  hidden: z.boolean(),
});

export const moderationFlag = z.object({
  id: z.string(),
  reason: z.enum(flagReasons),
  note: z.string().nullable(),
  /** Null for an automatic flag (a watched word or a new member's held message). */
  reporter: person.nullable(),
  automatic: z.boolean(),
  weight: z.number(),
  status: z.enum(flagStatuses),
  createdAt: isoDate,
});

export const itemPermissions = z.object({
  canAct: z.boolean(),
  canClaim: z.boolean(),
  canEscalate: z.boolean(),
  canSuspend: z.boolean(),
  /** The item is about the actor: they can see it (admins) but never act on it. */
  aboutMe: z.boolean(),
  /** Every action the actor may take on the item now (empty when they may not act). */
  actions: z.array(z.enum(moderationActions)),
});

export const moderationItem = z
  .object({
    id: z.string(),
    group: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    /** A mentorship's item carries the reported message only, never its context. */
    space: z.enum(itemSpaces),
    /** The mentorship the conversation belongs to (its match and the pair), for a mentorship's item. */
    mentorship: z
      .object({
        matchId: z.string(),
        status: z.enum(['proposed', 'declined', 'cancelled', 'active', 'closed']),
        mentor: person,
        family: person,
      })
      .nullable(),
    queue: z.enum(itemQueues),
    status: z.enum(itemStatuses),
    source: z.enum(itemSources),
    score: z.number(),
    /** The group's score at which a message is hidden pending review. */
    threshold: z.number(),
    /** A self_harm flag: moderators should look at once. */
    urgent: z.boolean(),
    subject: person.nullable(),
    message: z
      .object({
        id: z.string(),
        seq: z.number().int(),
        body: z.string().nullable(),
        threadId: z.string().nullable(),
        createdAt: isoDate,
        editedAt: isoDate.nullable(),
        deleted: z.boolean(),
        hidden: z.boolean(),
        /** Its photos and PDFs (at `attachmentUrl`); none once the message is deleted, as their files are gone. */
        attachments: z.array(attachment),
      })
      .nullable(),
    flags: z.array(moderationFlag),
    context: z.object({ before: z.array(contextMessage), after: z.array(contextMessage) }),
    claimedBy: person.nullable(),
    claimedAt: isoDate.nullable(),
    createdAt: isoDate,
    resolvedAt: isoDate.nullable(),
    resolution: z
      .object({ action: z.enum(moderationActions), reason: z.string().nullable(), actor: person.nullable() })
      .nullable(),
    permissions: itemPermissions,
  })
  .meta({ id: 'ModerationItem' });
export type ModerationItem = z.infer<typeof moderationItem>;

/** A moderation action as moderators see it (the audit of one member's history, an appeal's subject). */
export const actionSummary = z.object({
  id: z.string(),
  action: z.enum(moderationActions),
  reason: z.string(),
  actor: person.nullable(),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});

export const moderationItemDetail = moderationItem
  .extend({
    edits: z.array(z.object({ previousBody: z.string(), editedAt: isoDate })),
    /** Earlier actions about the same member in this group, newest first. */
    authorHistory: z.array(actionSummary),
  })
  .meta({ id: 'ModerationItemDetail' });
export type ModerationItemDetail = z.infer<typeof moderationItemDetail>;

export const queueQuery = listQuery.extend({
  /** A group's queue; without it, the platform queue (admins). */
  groupId: id.optional(),
  /** `mentoring`: the coordinators' queue of reports from mentorships (not with groupId). */
  scope: z.enum(reviewScopes).optional(),
  status: z.enum(itemStatuses).default('open'),
});

export const itemIdParams = z.strictObject({ id });

const actionFields = {
  action: z.enum(moderationActions),
  reason,
  durationHours: z.number().int().min(1).max(moderationLimits.muteHoursMax).optional(),
  messageToUser: z.string().trim().max(moderationLimits.messageToUserMax).optional(),
};
const needsDuration = (body: { action: ModerationAction; durationHours?: number | undefined }) =>
  body.action !== 'mute' || body.durationHours !== undefined;
const durationIssue = { message: 'a mute needs durationHours', path: ['durationHours'] };

export const actionBody = z.strictObject(actionFields).refine(needsDuration, durationIssue);
export type ActionBody = z.input<typeof actionBody>;

export const bulkActionBody = z
  .strictObject({ ...actionFields, itemIds: z.array(id).min(1).max(moderationLimits.bulkMax) })
  .refine(needsDuration, durationIssue);
export const bulkActionResult = z.object({
  results: z.array(z.object({ itemId: z.string(), ok: z.boolean(), code: z.string().nullable() })),
});

export const moderationSummary = z.object({
  /** The actor moderates at least one group, or is a platform admin. */
  moderates: z.boolean(),
  /** The actor holds a moderator role but must turn on two-step verification first (or sign in with it). */
  needsMfa: z.boolean(),
  /** TOTP is on, but this session signed in without it: sign in again with the code. */
  needsStepUp: z.boolean(),
  openCount: z.number().int(),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      openCount: z.number().int(),
      urgentCount: z.number().int(),
      openAppeals: z.number().int(),
    }),
  ),
  platform: z
    .object({ openCount: z.number().int(), urgentCount: z.number().int(), openAppeals: z.number().int() })
    .nullable(),
  /** The coordinators' queue of reports from mentorships; null for everyone else. */
  mentoring: z
    .object({ openCount: z.number().int(), urgentCount: z.number().int(), openAppeals: z.number().int() })
    .nullable(),
});
export type ModerationSummary = z.infer<typeof moderationSummary>;

// ---------- Actions about me, appeals ----------

export const myModerationAction = z
  .object({
    id: z.string(),
    action: z.enum(moderationActions),
    reason: z.string(),
    messageToUser: z.string().nullable(),
    group: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
    createdAt: isoDate,
    expiresAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
    /** The last day an appeal can be made; null when the action cannot be appealed. */
    appealableUntil: isoDate.nullable(),
    appeal: z
      .object({
        id: z.string(),
        status: z.enum(appealStatuses),
        decisionReason: z.string().nullable(),
        createdAt: isoDate,
        decidedAt: isoDate.nullable(),
      })
      .nullable(),
    permissions: z.object({ canAppeal: z.boolean() }),
  })
  .meta({ id: 'MyModerationAction' });
export type MyModerationAction = z.infer<typeof myModerationAction>;

export const appealBody = z.strictObject({
  statement: z.string().trim().min(moderationLimits.statementMin).max(moderationLimits.statementMax),
});
export const appealDecisionBody = z.strictObject({ outcome: z.enum(appealOutcomes), reason });
export const appealQuery = listQuery.extend({
  groupId: id.optional(),
  /** `mentoring`: appeals against coordinators' decisions in mentorships (not with groupId). */
  scope: z.enum(reviewScopes).optional(),
  status: z.enum(['open', 'decided']).default('open'),
});
export const appealTokenParams = z.strictObject({ token: z.string().min(16).max(limits.tokenMax) });

export const appeal = z
  .object({
    id: z.string(),
    group: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
    appellant: person.nullable(),
    statement: z.string(),
    status: z.enum(appealStatuses),
    createdAt: isoDate,
    decidedAt: isoDate.nullable(),
    decidedBy: person.nullable(),
    decisionReason: z.string().nullable(),
    action: actionSummary.extend({ messageToUser: z.string().nullable(), itemId: z.string().nullable() }),
    permissions: z.object({ canDecide: z.boolean() }),
  })
  .meta({ id: 'Appeal' });
export type Appeal = z.infer<typeof appeal>;

/** What a suspended person sees through the link in their mail (they cannot sign in). */
export const suspensionAppealPreview = z.object({
  reason: z.string(),
  messageToUser: z.string().nullable(),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  appealableUntil: isoDate,
  appealed: z.boolean(),
});

// ---------- Settings, filters, support ----------

export const supportResource = z.strictObject({
  name: z.string().trim().min(supportLimits.nameMin).max(supportLimits.nameMax),
  phone: z
    .string()
    .trim()
    .max(supportLimits.phoneMax)
    .regex(supportPhonePattern, 'digits and spaces')
    .optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(supportLimits.urlMax)
    .optional(),
  description: z.string().trim().max(supportLimits.descriptionMax).optional(),
});
export type SupportResource = z.infer<typeof supportResource>;

export const moderationSettings = z
  .object({
    groupId: z.string(),
    hideThreshold: z.number(),
    slowModeSeconds: z.number().int(),
    newMemberMessageCount: z.number().int(),
    holdNewMemberMessages: z.boolean(),
    newMemberLinkLimit: z.number().int().nullable(),
    /** The helplines shown with support resources: the group's own list, or the platform's default. */
    helplines: z.array(supportResource),
    helplinesCustomised: z.boolean(),
    contacts: z.array(supportResource),
    updatedAt: isoDate.nullable(),
    permissions: z.object({ canEdit: z.boolean() }),
  })
  .meta({ id: 'ModerationSettings' });
export type ModerationSettings = z.infer<typeof moderationSettings>;

export const updateModerationSettingsBody = z
  .strictObject({
    hideThreshold: z.number().min(1).max(10).optional(),
    slowModeSeconds: z.number().int().min(0).max(3600).optional(),
    newMemberMessageCount: z.number().int().min(0).max(50).optional(),
    holdNewMemberMessages: z.boolean().optional(),
    newMemberLinkLimit: z.number().int().min(0).max(20).nullable().optional(),
    /** null goes back to the platform's default helplines. */
    helplines: z.array(supportResource).max(moderationLimits.supportResourcesMax).nullable().optional(),
    contacts: z.array(supportResource).max(moderationLimits.supportResourcesMax).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateModerationSettingsBody = z.input<typeof updateModerationSettingsBody>;

export const filterPattern = z
  .string()
  .trim()
  .min(2)
  .max(moderationLimits.filterPatternMax)
  .refine((value) => !/\*\*/.test(value), 'one * at a time');

export const moderationFilter = z
  .object({
    id: z.string(),
    groupId: z.string().nullable(),
    kind: z.enum(filterKinds),
    pattern: z.string(),
    action: z.enum(filterActions),
    createdAt: isoDate,
    createdBy: person.nullable(),
  })
  .meta({ id: 'ModerationFilter' });
export type ModerationFilter = z.infer<typeof moderationFilter>;

export const filterQuery = z.strictObject({ groupId: id.optional() });
export const createFilterBody = z.strictObject({
  /** Without a group, the filter is platform-wide (admins). */
  groupId: id.optional(),
  kind: z.enum(filterKinds),
  pattern: filterPattern,
  action: z.enum(filterActions),
});
export const filterList = z.object({ items: z.array(moderationFilter), nextCursor: z.null() });

export const supportQuery = z.strictObject({ groupId: id.optional() });
export const supportResources = z.object({
  group: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
  helplines: z.array(supportResource),
  contacts: z.array(supportResource),
});

/** The platform's helplines as admins see them (`GET /api/admin/support`). */
export const platformSupport = z
  .object({
    /** What a member sees when the group has no list of its own: the platform's list, or the built-in one. */
    helplines: z.array(supportResource),
    /** False while the built-in list is in use. */
    customised: z.boolean(),
    /** The built-in list in the reader's language, to compare with or go back to. */
    defaults: z.array(supportResource),
    updatedAt: isoDate.nullable(),
    updatedBy: person.nullable(),
    permissions: z.object({ canEdit: z.boolean() }),
  })
  .meta({ id: 'PlatformSupport' });
export type PlatformSupport = z.infer<typeof platformSupport>;

export const updatePlatformSupportBody = z.strictObject({
  /** null goes back to the built-in list. */
  helplines: z.array(supportResource).min(1).max(moderationLimits.platformHelplinesMax).nullable(),
  /** Kept in the audit log with the change. */
  reason: reason.optional(),
});
export type UpdatePlatformSupportBody = z.input<typeof updatePlatformSupportBody>;

// ---------- Records ----------

export const auditEntry = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    createdAt: isoDate,
    groupId: z.string().nullable(),
    actor: person.nullable(),
    /** A moderation action (`hide`, `filter.block`, `settings.update`, …) or a membership change (`membership.…`). */
    action: z.string(),
    target: person.nullable(),
    reason: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    itemId: z.string().nullable(),
    messageId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = listQuery.extend({
  groupId: id.optional(),
  /** `mentoring`: the record of mentorships' reports (coordinators; not with groupId). */
  scope: z.enum(reviewScopes).optional(),
});
export const auditExportQuery = z.strictObject({
  groupId: id.optional(),
  scope: z.enum(reviewScopes).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const transparencyQuery = z.strictObject({
  groupId: id.optional(),
  period: z.enum(reportPeriods).default('month'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const transparencyReport = z
  .object({
    group: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
    period: z.enum(reportPeriods),
    periods: z.array(
      z.object({
        from: isoDate,
        to: isoDate,
        flagsByReason: z.record(z.string(), z.number().int()),
        actionsByAction: z.record(z.string(), z.number().int()),
        itemsOpened: z.number().int(),
        itemsResolved: z.number().int(),
        /** Items opened by automatic means (watched words, new-member rules), and posts blocked outright. */
        automaticItems: z.number().int(),
        blockedPosts: z.number().int(),
        medianMinutesToFirstReview: z.number().nullable(),
        appealsReceived: z.number().int(),
        appealsOverturned: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TransparencyReport' });
export type TransparencyReport = z.infer<typeof transparencyReport>;

// ---------- WebSocket ----------

/** A moderator's live view: subscribe to the queues the actor may review (their groups, and the platform's). */
export const moderationClientFrames = [
  z.strictObject({ type: z.literal('moderation.subscribe') }),
  z.strictObject({ type: z.literal('moderation.unsubscribe') }),
] as const;

export const queueChanges = ['opened', 'updated', 'resolved', 'claimed', 'appeal'] as const;
export const moderationServerFrames = [
  z.object({ type: z.literal('moderation.subscribed'), scopes: z.array(z.string()) }),
  z.object({
    type: z.literal('moderation.queue'),
    /** A group id, or `platform`. */
    scope: z.string(),
    itemId: z.string().nullable(),
    change: z.enum(queueChanges),
    urgent: z.boolean(),
  }),
] as const;
