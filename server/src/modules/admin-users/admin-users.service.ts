import type {
  AdminUser,
  ChangePlatformRoleBody,
  Locale,
  LockUserBody,
  PlatformRole,
  ReasonBody,
  TextKey,
} from '@spejl/shared';
import { adminUserLimits, platformRoles, translate } from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { type AccountCommands, type Executor, lockedIndefinitely } from '../auth/auth.accounts.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { Mailer } from '../mail/mail.service.ts';
import type { AuditInsert } from '../moderation/moderation.repository.ts';
import { adminRefusal, permissionsFor, selfRefusal } from './admin-users.policy.ts';
import type { AccountRow, AdminUsersRepository } from './admin-users.repository.ts';

export interface AdminUsersDeps {
  repository: AdminUsersRepository;
  accounts: AccountCommands;
  clock: Clock;
  mailer: Mailer;
  publicOrigin: string;
  /** The moderation module's audit log (insert only), in the same transaction as the change. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  onMailError?: (error: unknown) => void;
}

/** Who made a change: an admin in the web, or an operator on the host (`pnpm spejl`, no person to name). */
export type ChangedBy = { actor: Actor } | { operator: true };

type MailKind =
  | 'accountLocked'
  | 'accountLockedIndefinitely'
  | 'accountUnlocked'
  | 'mfaReset'
  | 'roleRaised'
  | 'roleLowered';

/** People in the administration: find them, change their platform role, lock, unlock, reset TOTP, end sessions. */
export function createAdminUsersService(deps: AdminUsersDeps) {
  const { repository, accounts, clock } = deps;

  function isLocked(row: AccountRow) {
    return row.lockedUntil !== null && row.lockedUntil > clock.now();
  }

  async function mail(row: AccountRow, kind: MailKind, params: Record<string, string>) {
    const locale: Locale = row.locale;
    const text = (key: TextKey, extra?: Record<string, string>) => translate(locale, key, extra);
    try {
      await deps.mailer.send({
        to: row.email,
        subject: text(`mail.${kind}.subject` as TextKey),
        text: `${text('mail.greeting', { name: row.displayName })}\n\n${text(`mail.${kind}.body` as TextKey, params)}\n\n${text('mail.signature')}`,
      });
    } catch (error) {
      // The change is made and recorded; a mail that fails must not make it look undone.
      (deps.onMailError ?? console.error)(error);
    }
  }

  async function view(actor: Actor | null, rows: AccountRow[]): Promise<AdminUser[]> {
    const memberships = await repository.memberships(rows.map((row) => row.id));
    return rows.map((row) => {
      const locked = isLocked(row);
      const totpEnabled = row.totpEnabledAt !== null;
      return {
        id: row.id,
        displayName: row.displayName,
        email: row.email,
        platformRole: row.platformRole,
        status: locked ? 'locked' : row.emailVerifiedAt ? 'active' : 'unconfirmed',
        lockedUntil: locked ? row.lockedUntil!.toISOString() : null,
        totpEnabled,
        createdAt: row.createdAt.toISOString(),
        lastActiveAt: row.lastActiveAt?.toISOString() ?? null,
        groups: memberships
          .filter((membership) => membership.userId === row.id)
          .map(({ id, name, role }) => ({ id, name, role })),
        permissions: actor
          ? permissionsFor(actor, { id: row.id, locked, totpEnabled })
          : {
              canChangeRole: true,
              canLock: !locked,
              canUnlock: locked,
              canResetMfa: totpEnabled,
              canEndSessions: true,
            },
      };
    });
  }

  /** The account, after the policy: 403 for non-admins before anything is read, 404 for an unknown id. */
  async function target(by: ChangedBy, id: string, allowSelf = false): Promise<AccountRow> {
    if ('actor' in by) {
      const refusal = adminRefusal(by.actor);
      if (refusal) throw new AppError(refusal);
    }
    const row = await repository.find(id);
    if (!row) throw new AppError('not_found');
    if ('actor' in by && !allowSelf) {
      const refusal = selfRefusal(by.actor, row);
      if (refusal) throw new AppError(refusal);
    }
    return row;
  }

  const actorOf = (by: ChangedBy) => ('actor' in by ? by.actor : null);
  const entry = (
    by: ChangedBy,
    row: AccountRow,
    action: string,
    reason: string | undefined,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): AuditInsert => ({
    groupId: null,
    actorId: 'actor' in by ? by.actor.user.id : null,
    targetUserId: row.id,
    action,
    reason: reason ?? null,
    before,
    after: 'actor' in by ? after : { ...after, via: 'cli' },
    createdAt: clock.now(),
  });

  async function reread(by: ChangedBy, id: string) {
    const [user] = await view(actorOf(by), [(await repository.find(id))!]);
    return user!;
  }

  return {
    /** People whose name or address contains `q` (case and æ/ø/å folded), 20 at a time. */
    async search(actor: Actor, query: { q: string; cursor?: string | undefined }) {
      const refusal = adminRefusal(actor);
      if (refusal) throw new AppError(refusal);
      const offset = Number(query.cursor ?? 0);
      const rows = await repository.search(query.q, offset);
      const more = rows.length > adminUserLimits.pageSize;
      const page = rows.slice(0, adminUserLimits.pageSize);
      return {
        items: await view(actor, page),
        nextCursor: more ? String(offset + adminUserLimits.pageSize) : null,
      };
    },

    async get(actor: Actor, id: string) {
      await target({ actor }, id, true);
      return { user: await reread({ actor }, id) };
    },

    /** Changes the platform role; the last admin cannot be demoted (409 `admin_user.last_admin`). */
    async changeRole(by: ChangedBy, id: string, input: ChangePlatformRoleBody) {
      const row = await target(by, id);
      const before: PlatformRole = row.platformRole;
      await accounts.transaction(async (tx) => {
        if ((await accounts.setRole(id, input.role, tx)) === 'last_admin')
          throw new AppError('admin_user.last_admin');
        if (before !== input.role)
          await deps.audit(
            [entry(by, row, 'account.role_changed', input.reason, { role: before }, { role: input.role })],
            tx,
          );
      });
      await accounts.changed(id);
      if (before !== input.role) {
        // The person learns of new powers (and that they need two-step verification to use them) or of lost ones.
        const raised = platformRoles.indexOf(input.role) > platformRoles.indexOf(before);
        await mail(row, raised ? 'roleRaised' : 'roleLowered', {
          role: translate(row.locale, `role.${input.role}`),
          before: translate(row.locale, `role.${before}`),
          accountUrl: `${deps.publicOrigin}/account`,
        });
      }
      return { user: await reread(by, id), before };
    },

    /** Locks the account (until a time, or until unlocked), ends its sessions and sockets, and mails the person. */
    async lock(by: ChangedBy, id: string, input: LockUserBody) {
      const row = await target(by, id);
      const until = input.until ? new Date(input.until) : null;
      if (until && until <= clock.now())
        throw new AppError('validation.failed', { details: { field: 'until' } });
      const ended = await accounts.transaction(async (tx) => {
        const count = await accounts.lock(id, until, tx);
        await deps.audit(
          [
            entry(
              by,
              row,
              'account.locked',
              input.reason,
              { lockedUntil: isLocked(row) ? row.lockedUntil!.toISOString() : null },
              { lockedUntil: (until ?? lockedIndefinitely).toISOString(), sessionsEnded: count },
            ),
          ],
          tx,
        );
        return count;
      });
      await accounts.closeSockets(id);
      const day = (date: Date) =>
        new Intl.DateTimeFormat(row.locale === 'en' ? 'en-GB' : 'da-DK', {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'Europe/Copenhagen',
        }).format(date);
      await mail(row, until ? 'accountLocked' : 'accountLockedIndefinitely', {
        reason: input.reason,
        until: until ? day(until) : '',
      });
      return { user: await reread(by, id), ended };
    },

    async unlock(by: ChangedBy, id: string, input: ReasonBody) {
      const row = await target(by, id);
      await accounts.transaction(async (tx) => {
        await accounts.unlock(id, tx);
        await deps.audit(
          [
            entry(
              by,
              row,
              'account.unlocked',
              input.reason,
              { lockedUntil: row.lockedUntil?.toISOString() ?? null },
              { lockedUntil: null },
            ),
          ],
          tx,
        );
      });
      await accounts.changed(id);
      if (isLocked(row)) await mail(row, 'accountUnlocked', { signInUrl: `${deps.publicOrigin}/sign-in` });
      return { user: await reread(by, id) };
    },

    /** Turns two-step verification off, deletes the recovery codes, ends every session, and mails the reason. */
    async resetMfa(by: ChangedBy, id: string, input: ReasonBody) {
      const row = await target(by, id);
      const ended = await accounts.transaction(async (tx) => {
        const count = await accounts.resetMfa(id, tx);
        await deps.audit(
          [
            entry(
              by,
              row,
              'account.mfa_reset',
              input.reason,
              { totpEnabled: row.totpEnabledAt !== null },
              { totpEnabled: false, sessionsEnded: count },
            ),
          ],
          tx,
        );
        return count;
      });
      await accounts.closeSockets(id);
      await mail(row, 'mfaReset', { reason: input.reason, accountUrl: `${deps.publicOrigin}/account` });
      return { user: await reread(by, id), ended };
    },

    /** Ends every session of the person: they sign in again everywhere. */
    async endSessions(by: ChangedBy, id: string, input: { reason?: string | undefined }) {
      const row = await target(by, id);
      const ended = await accounts.transaction(async (tx) => {
        const count = await accounts.endSessions(id, tx);
        await deps.audit(
          [entry(by, row, 'account.sessions_ended', input.reason, {}, { sessionsEnded: count })],
          tx,
        );
        return count;
      });
      await accounts.closeSockets(id);
      return { user: await reread(by, id), ended };
    },

    /** The CLI finds people by address. */
    findIdByEmail: async (email: string) => (await repository.findByEmail(email))?.id,
  };
}

export type AdminUsersService = ReturnType<typeof createAdminUsersService>;
