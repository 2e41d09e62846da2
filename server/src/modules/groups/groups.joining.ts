import { publishDirectoryChange } from './groups.list-memory.ts';
import type { Invite, JoinRequest } from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { toPage } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { generateToken, hashToken } from '../auth/auth.tokens.ts';
import {
  authorize,
  type GroupsServiceDeps,
  loadGroup,
  publishMembershipChange,
  toGroup,
} from './groups.context.ts';
import type { InviteRow, JoinRequestRow } from './groups.repository.ts';

const hour = 60 * 60 * 1000;
const defaultInviteHours = 7 * 24;

interface Page {
  offset: number;
  limit: number;
}

function inviteActive(invite: InviteRow, now: Date): boolean {
  return (
    invite.revokedAt === null &&
    (invite.expiresAt === null || invite.expiresAt > now) &&
    (invite.maxUses === null || invite.uses < invite.maxUses)
  );
}

function toInvite(invite: InviteRow, creatorName: string | null, now: Date): Invite {
  return {
    id: invite.id,
    groupId: invite.groupId,
    codeHint: invite.codeHint,
    maxUses: invite.maxUses,
    uses: invite.uses,
    expiresAt: invite.expiresAt?.toISOString() ?? null,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
    createdAt: invite.createdAt.toISOString(),
    createdBy: { id: invite.createdBy ?? '', displayName: creatorName ?? '' },
    active: inviteActive(invite, now),
  };
}

function toJoinRequest(request: JoinRequestRow, userName: string, deciderName: string | null): JoinRequest {
  return {
    id: request.id,
    groupId: request.groupId,
    user: { id: request.userId, displayName: userName },
    message: request.message,
    status: request.status,
    reason: request.reason,
    createdAt: request.createdAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: request.decidedBy && deciderName ? { id: request.decidedBy, displayName: deciderName } : null,
  };
}

/** Joining a group: requests that moderators decide, and invite links. */
export function createJoiningService(deps: GroupsServiceDeps) {
  const { repository, clock, notifications } = deps;

  return {
    /** Asks to join a listed group that takes requests; its moderators are told. */
    async requestToJoin(actor: Actor, id: string, message: string | undefined) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'requestToJoin', context);
      await deps.requireConsent(actor.user.id, 'health_data_groups');
      const group = context.row.group;
      const now = clock.now();
      const moderators = await repository.moderatorIds(group.id);
      const { request, written } = await repository.transaction(async (tx) => {
        const inserted = await repository.insertRequest(
          { groupId: group.id, userId: actor.user.id, message: message || null, createdAt: now },
          tx,
        );
        if (!inserted) throw new AppError('group.request_pending');
        await repository.recordEvent(
          {
            groupId: group.id,
            userId: actor.user.id,
            actorId: actor.user.id,
            kind: 'request.created',
            createdAt: now,
          },
          tx,
        );
        const rows = await notifications.create(
          moderators.map((userId) => ({
            userId,
            type: 'join_request.created',
            data: { groupId: group.id, groupName: group.name, requesterName: actor.user.displayName },
          })),
          tx,
        );
        return { request: inserted, written: rows };
      });
      await notifications.deliver(written);
      // The requester's list shows the request, and its moderators' lists the count waiting.
      await publishDirectoryChange(deps.bus);
      return toJoinRequest(request, actor.user.displayName, null);
    },

    /** Takes back one's own pending request. */
    async withdraw(actor: Actor, id: string) {
      const context = await loadGroup(repository, actor, id);
      const group = context.row.group;
      const pending = await repository.findPendingRequest(group.id, actor.user.id);
      if (!pending) throw new AppError('not_found');
      const now = clock.now();
      await repository.transaction(async (tx) => {
        const decided = await repository.decideRequest(
          pending.id,
          { status: 'withdrawn', reason: null, decidedBy: actor.user.id, decidedAt: now },
          tx,
        );
        if (!decided) throw new AppError('group.request_decided');
        await repository.recordEvent(
          {
            groupId: group.id,
            userId: actor.user.id,
            actorId: actor.user.id,
            kind: 'request.withdrawn',
            createdAt: now,
          },
          tx,
        );
      });
      await publishDirectoryChange(deps.bus);
    },

    async listRequests(actor: Actor, id: string, status: JoinRequestRow['status'], page: Page) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'reviewRequests', context);
      const rows = await repository.listRequests(context.row.group.id, status, page);
      const { items, nextCursor } = toPage(rows, page);
      await deps.accessLog.record(
        actor,
        context.standing.role ? 'moderator' : 'admin',
        items.map((row) => ({
          subjectId: row.request.userId,
          kind: 'group.join_request',
          reason: 'review_join_requests',
          groupId: context.row.group.id,
          resourceId: row.request.id,
        })),
      );
      return {
        items: items.map((row) => toJoinRequest(row.request, row.userName, row.deciderName)),
        nextCursor,
      };
    },

    /** Approves or declines a pending request; the requester is told by notification and mail, in their language. */
    async decide(
      actor: Actor,
      id: string,
      requestId: string,
      outcome: 'approve' | 'decline',
      body: { reason?: string | undefined; block?: boolean | undefined },
    ) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'reviewRequests', context);
      if (outcome === 'approve' && body.block)
        throw new AppError('validation.failed', {
          details: [{ path: ['block'], message: 'only when declining' }],
        });
      const group = context.row.group;
      const request = await repository.findRequest(group.id, requestId);
      if (!request) throw new AppError('not_found');
      const requester = await repository.findUser(request.userId);
      if (!requester) throw new AppError('not_found');
      const now = clock.now();
      const reason = body.reason || null;
      const { decided, written } = await repository.transaction(async (tx) => {
        const decided = await repository.decideRequest(
          request.id,
          {
            status: outcome === 'approve' ? 'approved' : 'declined',
            reason,
            decidedBy: actor.user.id,
            decidedAt: now,
          },
          tx,
        );
        if (!decided) throw new AppError('group.request_decided');
        if (outcome === 'approve') {
          await repository.insertMembership(
            { groupId: group.id, userId: request.userId, role: 'member', joinedAt: now },
            tx,
          );
          await repository.recordEvent(
            {
              groupId: group.id,
              userId: request.userId,
              actorId: actor.user.id,
              kind: 'joined.request_approved',
              toRole: 'member',
              reason,
              createdAt: now,
            },
            tx,
          );
        } else {
          await repository.recordEvent(
            {
              groupId: group.id,
              userId: request.userId,
              actorId: actor.user.id,
              kind: 'request.declined',
              reason,
              createdAt: now,
            },
            tx,
          );
          if (body.block) {
            await repository.block(
              { groupId: group.id, userId: request.userId, blockedBy: actor.user.id, reason, createdAt: now },
              tx,
            );
            await repository.recordEvent(
              {
                groupId: group.id,
                userId: request.userId,
                actorId: actor.user.id,
                kind: 'blocked',
                reason,
                createdAt: now,
              },
              tx,
            );
          }
        }
        const written = await notifications.create(
          [
            {
              userId: request.userId,
              type: outcome === 'approve' ? 'join_request.approved' : 'join_request.declined',
              data: { groupId: group.id, groupSlug: group.slug, groupName: group.name, reason },
            },
          ],
          tx,
        );
        return { decided, written };
      });
      // Delivery also mails the outcome, unless the requester chose not to get such mails.
      await notifications.deliver(written);
      if (outcome === 'approve') await publishMembershipChange(deps.bus, group.id, request.userId, 'member');
      else await publishDirectoryChange(deps.bus);
      return toJoinRequest(decided, requester.displayName, actor.user.displayName);
    },

    /** A new invite link; the code is returned once and only its hash is kept. */
    async createInvite(
      actor: Actor,
      id: string,
      body: { maxUses?: number | undefined; expiresInHours?: number | undefined },
    ) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'invite', context);
      const code = generateToken();
      const now = clock.now();
      const invite = await repository.insertInvite({
        groupId: context.row.group.id,
        codeHash: hashToken(code),
        codeHint: code.slice(-4),
        createdBy: actor.user.id,
        maxUses: body.maxUses ?? null,
        expiresAt: new Date(now.getTime() + (body.expiresInHours ?? defaultInviteHours) * hour),
        createdAt: now,
      });
      return {
        code,
        url: `${deps.publicOrigin}/invite/${code}`,
        invite: toInvite(invite, actor.user.displayName, now),
      };
    },

    async listInvites(actor: Actor, id: string, page: Page) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'invite', context);
      const rows = await repository.listInvites(context.row.group.id, page);
      const { items, nextCursor } = toPage(rows, page);
      const now = clock.now();
      return { items: items.map((row) => toInvite(row.invite, row.creatorName, now)), nextCursor };
    },

    async revokeInvite(actor: Actor, id: string, inviteId: string) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'invite', context);
      const invite = await repository.findInvite(context.row.group.id, inviteId);
      if (!invite) throw new AppError('not_found');
      await repository.revokeInvite(invite.id, clock.now());
    },

    /** What the holder of a link is invited to. Any unusable code answers the same `group.invite_invalid`. */
    async previewInvite(actor: Actor, code: string) {
      const invite = await repository.findInviteByHash(hashToken(code));
      if (!invite || !inviteActive(invite, clock.now())) throw new AppError('group.invite_invalid');
      const row = await repository.findGroup(invite.groupId);
      if (!row) throw new AppError('group.invite_invalid');
      const membership = await repository.findMembership(row.group.id, actor.user.id);
      return {
        group: {
          id: row.group.id,
          name: row.group.name,
          description: row.group.description,
          kind: row.group.kind,
          visibility: row.group.visibility,
        },
        alreadyMember: membership !== undefined,
        expiresAt: invite.expiresAt?.toISOString() ?? null,
      };
    },

    /** Joins through a link. Accepting twice is harmless; a blocked person is refused. */
    async acceptInvite(actor: Actor, code: string) {
      const now = clock.now();
      const invite = await repository.findInviteByHash(hashToken(code));
      const row = invite ? await repository.findGroup(invite.groupId) : undefined;
      if (!invite || !row) throw new AppError('group.invite_invalid');
      const group = row.group;
      const existing = await repository.findMembership(group.id, actor.user.id);
      if (!existing) {
        if (!inviteActive(invite, now)) throw new AppError('group.invite_invalid');
        if (await repository.isBlocked(group.id, actor.user.id)) throw new AppError('group.join_blocked');
        await deps.requireConsent(actor.user.id, 'health_data_groups');
        await repository.transaction(async (tx) => {
          if (!(await repository.useInvite(invite.id, tx))) throw new AppError('group.invite_invalid');
          const added = await repository.insertMembership(
            { groupId: group.id, userId: actor.user.id, role: 'member', joinedAt: now },
            tx,
          );
          if (!added) return;
          const pending = await repository.findPendingRequest(group.id, actor.user.id, tx);
          if (pending)
            await repository.decideRequest(
              pending.id,
              { status: 'approved', reason: null, decidedBy: null, decidedAt: now },
              tx,
            );
          await repository.recordEvent(
            {
              groupId: group.id,
              userId: actor.user.id,
              actorId: invite.createdBy,
              kind: 'joined.invite',
              toRole: 'member',
              createdAt: now,
            },
            tx,
          );
        });
        await publishMembershipChange(deps.bus, group.id, actor.user.id, 'member');
      }
      const context = await loadGroup(repository, actor, group.id);
      return toGroup(actor, context);
    },
  };
}

export type JoiningService = ReturnType<typeof createJoiningService>;
