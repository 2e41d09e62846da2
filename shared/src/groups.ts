import { z } from 'zod';
import { isoDate, listOf, listQuery } from './common.ts';
import { limits } from './limits.ts';
import { personName } from './person-name.ts';

/** Kinds an administrator can create. */
export const creatableGroupKinds = ['diagnosis', 'network', 'subgroup'] as const;
/**
 * Kinds that are a private conversation, not a group anyone sees as one: `mentorship` (one mentor match's pair, made
 * by the mentoring module) and `direct` (two members writing to each other, made by the direct module). Hidden,
 * never in the directory, counts, searches or administration, their members exactly the pair.
 */
export const conversationGroupKinds = ['mentorship', 'direct'] as const;
export type ConversationGroupKind = (typeof conversationGroupKinds)[number];
/** True for a group that is a private conversation (see `conversationGroupKinds`). */
export function isConversationKind(kind: string): kind is ConversationGroupKind {
  return (conversationGroupKinds as readonly string[]).includes(kind);
}
/**
 * A member's unread state in a conversation: messages by others not yet read (counted up to 100), the newest seq,
 * and how far they read. Groups and mentorships carry it.
 */
export const unreadState = z.object({
  count: z.number().int(),
  lastSeq: z.number().int(),
  lastReadSeq: z.number().int(),
});
export type UnreadState = z.infer<typeof unreadState>;
/** Every kind. */
export const groupKinds = [...creatableGroupKinds, ...conversationGroupKinds] as const;
export type GroupKind = (typeof groupKinds)[number];
export const groupVisibilities = ['listed', 'hidden'] as const;
export const joinPolicies = ['request', 'invite'] as const;
export const groupRoles = ['member', 'moderator', 'owner'] as const;
export type GroupRole = (typeof groupRoles)[number];
/** How a member relates to the diagnosis; shown to other members only when the member fills it in. */
export const familyRoles = [
  'parent',
  'person_with_diagnosis',
  'sibling',
  'grandparent',
  'professional',
  'other',
] as const;
export type FamilyRole = (typeof familyRoles)[number];
export const joinRequestStatuses = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export const membershipEventKinds = [
  'joined.request_approved',
  'joined.invite',
  'joined.added',
  'joined.created',
  'left',
  'removed',
  'role_changed',
  'request.created',
  'request.declined',
  'request.withdrawn',
  'blocked',
  'unblocked',
] as const;

const slug = z
  .string()
  .min(2)
  .max(limits.groupSlugMax)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');
const name = z.string().trim().min(2).max(limits.groupNameMax);
const description = z.string().trim().max(limits.groupDescriptionMax);
/** How many diagnosis terms (names, synonyms, ICD-10 or ORPHA codes) a group has, and how long each may be. */
export const diagnosisTermLimits = {
  count: limits.diagnosisTermsMax,
  length: limits.diagnosisTermMax,
} as const;
const terms = z
  .array(z.string().trim().min(1).max(diagnosisTermLimits.length))
  .max(diagnosisTermLimits.count)
  .refine((list) => new Set(list.map((term) => term.toLowerCase())).size === list.length, 'duplicate term');
const groupRef = z.string().min(1).max(64);
const reason = z.string().trim().max(limits.reasonMax);

/** `:id` of a group. Opaque: an id that cannot exist answers 404 like one that does not. */
export const groupIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const groupMemberParams = z.strictObject({
  id: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
});
export const joinRequestParams = z.strictObject({
  id: z.string().min(1).max(64),
  requestId: z.string().min(1).max(64),
});
export const inviteParams = z.strictObject({
  id: z.string().min(1).max(64),
  inviteId: z.string().min(1).max(64),
});
export const inviteCodeParams = z.strictObject({ code: z.string().min(16).max(64) });

/** What the actor may do with a group; the web shows controls from this and never re-derives rights. */
export const groupPermissions = z.object({
  canRead: z.boolean(),
  canRequestToJoin: z.boolean(),
  canLeave: z.boolean(),
  canViewMembers: z.boolean(),
  canModerate: z.boolean(),
  canInvite: z.boolean(),
  canManageRoles: z.boolean(),
  canEdit: z.boolean(),
  /** The actor holds a moderator role but must enrol TOTP before using it. */
  needsMfaForModeration: z.boolean(),
});
export type GroupPermissions = z.infer<typeof groupPermissions>;

export const myMembership = z.object({
  role: z.enum(groupRoles),
  joinedAt: isoDate,
  profileName: z.string().nullable(),
  bio: z.string().nullable(),
  familyRole: z.enum(familyRoles).nullable(),
  /** Muted: no digest mail and no unread badge for the group; mentions and replies still notify. */
  muted: z.boolean(),
});

export const myJoinRequest = z.object({
  id: z.string(),
  status: z.enum(joinRequestStatuses),
  message: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
});

export const group = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(groupKinds),
    visibility: z.enum(groupVisibilities),
    joinPolicy: z.enum(joinPolicies),
    parentId: z.string().nullable(),
    parentName: z.string().nullable(),
    /** The association, with its logo's versioned address (null without a logo). */
    organisation: z.object({ id: z.string(), name: z.string(), logoUrl: z.string().nullable() }).nullable(),
    diagnosisTerms: z.array(z.string()),
    historyVisibleToNewMembers: z.boolean(),
    /** Whether members may ask each other for direct messages through this group (owners may forbid it). */
    directMessagesAllowed: z.boolean(),
    /** Members read the history, nobody posts (a closed mentorship). */
    readOnly: z.boolean(),
    /** Listed groups only (and hidden ones for their members); null otherwise. */
    memberCount: z.number().int().nullable(),
    /** Pending join requests, for those who review them; null for everyone else. */
    pendingRequestCount: z.number().int().nullable(),
    /** For members: messages by others not yet read (counted up to 100), the newest seq, and how far they read. */
    unread: unreadState.nullable(),
    myMembership: myMembership.nullable(),
    /** The actor's latest join request, while it matters: pending, or declined and not yet acknowledged. */
    myJoinRequest: myJoinRequest.nullable(),
    permissions: groupPermissions,
    createdAt: isoDate,
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof group>;
export const groupResponse = z.object({ group });
/** The directory's answer (`GET /api/groups`). */
export const groupList = listOf(group);

export const groupListQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  parentId: z.string().min(1).max(64).optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** Only groups the actor asked to join and is waiting to hear from (a pending request); none signed out. */
  pending: z.enum(['true', 'false']).optional(),
});

export const createGroupBody = z.strictObject({
  name,
  slug,
  description: description.default(''),
  kind: z.enum(creatableGroupKinds),
  visibility: z.enum(groupVisibilities),
  joinPolicy: z.enum(joinPolicies),
  parentId: z.string().min(1).max(64).optional(),
  organisationId: z.string().min(1).max(64).optional(),
  /** The association the group belongs to (the `organisations` table); the same as `organisationId`. */
  associationId: z.string().min(1).max(64).optional(),
  diagnosisTerms: terms.optional(),
  historyVisibleToNewMembers: z.boolean().optional(),
});
export type CreateGroupBody = z.input<typeof createGroupBody>;

export const updateGroupBody = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    visibility: z.enum(groupVisibilities).optional(),
    joinPolicy: z.enum(joinPolicies).optional(),
    diagnosisTerms: terms.optional(),
    historyVisibleToNewMembers: z.boolean().optional(),
    /** Whether members may ask each other for direct messages through this group (a youth group forbids it). */
    directMessagesAllowed: z.boolean().optional(),
    /** Moving (admins only): a new parent, or null for the top level. */
    parentId: groupRef.nullable().optional(),
    /** Moving (admins only): a new association, or null for none. */
    associationId: groupRef.nullable().optional(),
    /** Needed when the parent becomes null for a sub-group, and allowed only with a move (admins only). */
    kind: z.enum(creatableGroupKinds).optional(),
    /** Why: optional for settings, required for a move. Kept in the audit log. */
    reason: reason.min(1).optional(),
  })
  .refine((body) => Object.keys(body).filter((key) => key !== 'reason').length > 0, 'nothing to change');
export type UpdateGroupBody = z.input<typeof updateGroupBody>;

/** Archiving and bringing back a group (admins); the reason goes to the audit log. */
export const archiveGroupBody = z.strictObject({ reason: reason.min(1) });

export const adminGroupListQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  archived: z.enum(['true', 'false', 'all']).default('false'),
});

/** A group as the administration lists it, archived ones included. */
export const adminGroup = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(creatableGroupKinds),
    visibility: z.enum(groupVisibilities),
    joinPolicy: z.enum(joinPolicies),
    parentId: z.string().nullable(),
    parentName: z.string().nullable(),
    organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
    memberCount: z.number().int(),
    archivedAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .meta({ id: 'AdminGroup' });
export type AdminGroup = z.infer<typeof adminGroup>;

export const joinRequestBody = z.strictObject({
  message: z.string().trim().max(limits.joinMessageMax).optional(),
});
export const decideJoinRequestBody = z.strictObject({
  reason: reason.optional(),
  block: z.boolean().optional(),
});

export const joinRequest = z
  .object({
    id: z.string(),
    groupId: z.string(),
    user: z.object({ id: z.string(), displayName: z.string() }),
    message: z.string().nullable(),
    status: z.enum(joinRequestStatuses),
    reason: z.string().nullable(),
    createdAt: isoDate,
    decidedAt: isoDate.nullable(),
    decidedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  })
  .meta({ id: 'JoinRequest' });
export type JoinRequest = z.infer<typeof joinRequest>;
export const joinRequestListQuery = listQuery.extend({
  status: z.enum(joinRequestStatuses).default('pending'),
});

export const createInviteBody = z.strictObject({
  maxUses: z.number().int().min(1).max(1000).optional(),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
});
export const invite = z
  .object({
    id: z.string(),
    groupId: z.string(),
    /** The last characters of the code, so moderators can tell links apart. The code itself is shown once. */
    codeHint: z.string(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    expiresAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
    createdAt: isoDate,
    createdBy: z.object({ id: z.string(), displayName: z.string() }),
    active: z.boolean(),
  })
  .meta({ id: 'Invite' });
export type Invite = z.infer<typeof invite>;
export const createdInvite = z.object({ code: z.string(), url: z.string(), invite });

/** What an invited person sees before accepting. */
export const invitePreview = z.object({
  group: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(groupKinds),
    visibility: z.enum(groupVisibilities),
  }),
  alreadyMember: z.boolean(),
  expiresAt: isoDate.nullable(),
});

export const member = z
  .object({
    userId: z.string(),
    /** The name the member chose for this group, else their account's display name. */
    displayName: z.string(),
    bio: z.string().nullable(),
    familyRole: z.enum(familyRoles).nullable(),
    role: z.enum(groupRoles),
    joinedAt: isoDate,
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof member>;
export const memberListQuery = listQuery.extend({ q: z.string().trim().max(100).optional() });
export const addMemberBody = z.strictObject({
  email: z
    .email()
    .max(limits.email)
    .transform((value) => value.trim().toLowerCase()),
  role: z.enum(groupRoles).optional(),
});
export const changeRoleBody = z.strictObject({ role: z.enum(groupRoles) });
export const removeMemberBody = z.strictObject({ reason: reason.optional(), block: z.boolean().optional() });

export const groupProfileBody = z.strictObject({
  profileName: personName(1, limits.displayNameMax).nullable().optional(),
  bio: z.string().trim().max(limits.bioMax).nullable().optional(),
  familyRole: z.enum(familyRoles).nullable().optional(),
  muted: z.boolean().optional(),
});

export const membershipEvent = z
  .object({
    id: z.string(),
    kind: z.enum(membershipEventKinds),
    user: z.object({ id: z.string(), displayName: z.string() }),
    actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    fromRole: z.enum(groupRoles).nullable(),
    toRole: z.enum(groupRoles).nullable(),
    reason: z.string().nullable(),
    createdAt: isoDate,
  })
  .meta({ id: 'MembershipEvent' });
export type MembershipEvent = z.infer<typeof membershipEvent>;
