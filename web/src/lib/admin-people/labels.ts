import type { AdminUser, MessageKey } from '@spejl/shared';

/** Labels for a person's platform role, status and group roles (typed against the shared values). */
export const roleKeys = {
  member: 'role.member',
  coordinator: 'role.coordinator',
  admin: 'role.admin',
} as const satisfies Record<AdminUser['platformRole'], MessageKey>;
export const platformRoleValues = Object.keys(roleKeys) as AdminUser['platformRole'][];

export const statusKeys = {
  active: 'adminPeople.status.active',
  locked: 'adminPeople.status.locked',
  unconfirmed: 'adminPeople.status.unconfirmed',
} as const satisfies Record<AdminUser['status'], MessageKey>;

export const groupRoleKeys = {
  member: 'groupRole.member',
  moderator: 'groupRole.moderator',
  owner: 'groupRole.owner',
} as const satisfies Record<AdminUser['groups'][number]['role'], MessageKey>;

/** A lock "until unlocked" is stored as the year 9999. */
export const isIndefinite = (iso: string) => new Date(iso).getUTCFullYear() >= 9000;
