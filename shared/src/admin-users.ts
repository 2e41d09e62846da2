import { z } from 'zod';
import { platformRoles } from './auth.ts';
import { id, isoDate, listOf } from './common.ts';

/** Limits for administering people: the search text and the reason every change carries. */
export const adminUserLimits = {
  queryMax: 200,
  reasonMin: 3,
  reasonMax: 500,
  pageSize: 20,
} as const;

const reason = z.string().trim().min(adminUserLimits.reasonMin).max(adminUserLimits.reasonMax);

/** `GET /api/admin/users?q=&cursor=`: people by name or email (an empty `q` lists everyone, newest first). */
export const adminUserSearchQuery = z.strictObject({
  q: z.string().trim().max(adminUserLimits.queryMax).default(''),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
});

export const adminUserParams = z.strictObject({ id });

/** What an account's state is: usable, locked (until a time, or until unlocked), or the address never confirmed. */
export const adminUserStatus = z.enum(['active', 'locked', 'unconfirmed']);

export const adminUser = z
  .object({
    id: z.string(),
    displayName: z.string(),
    email: z.string(),
    platformRole: z.enum(platformRoles),
    status: adminUserStatus,
    /** When the lock ends; null while not locked. A lock "until unlocked" is far in the future (year 9999). */
    lockedUntil: isoDate.nullable(),
    totpEnabled: z.boolean(),
    createdAt: isoDate,
    lastActiveAt: isoDate.nullable(),
    groups: z.array(
      z.object({ id: z.string(), name: z.string(), role: z.enum(['member', 'moderator', 'owner']) }),
    ),
    permissions: z.object({
      canChangeRole: z.boolean(),
      canLock: z.boolean(),
      canUnlock: z.boolean(),
      canResetMfa: z.boolean(),
      canEndSessions: z.boolean(),
    }),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUser>;

export const adminUserList = listOf(adminUser);
export const adminUserResponse = z.object({ user: adminUser });

export const changePlatformRoleBody = z.strictObject({
  role: z.enum(platformRoles),
  reason: reason.optional(),
});
export type ChangePlatformRoleBody = z.infer<typeof changePlatformRoleBody>;

/** `until` absent: locked until someone unlocks. */
export const lockUserBody = z.strictObject({ reason, until: isoDate.optional() });
export type LockUserBody = z.infer<typeof lockUserBody>;

export const reasonBody = z.strictObject({ reason });
export type ReasonBody = z.infer<typeof reasonBody>;

/** `/sessions/end` takes an optional reason (ending sessions takes nothing from the person but a sign-in). */
export const endSessionsBody = z.strictObject({ reason: reason.optional() }).default({});
export const endSessionsResponse = z.object({ ended: z.number().int(), user: adminUser });
