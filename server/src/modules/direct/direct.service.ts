import { randomUUID } from 'node:crypto';
import type { DirectConversation, DirectRequestBody, NotificationData } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { toPage } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { publishGroupChange } from '../groups/groups.context.ts';
import { type GroupsRepository, isUuid, type Unread } from '../groups/groups.repository.ts';
import type { ConversationWriting, MessagesService } from '../messages/messages.service.ts';
import { type NotificationService, notificationFor } from '../notifications/notifications.service.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import {
  type ConversationFacts,
  conversationPermissions,
  isAvailable,
  requestDecision,
  respondRefusal,
  writeRefusal,
} from './direct.policy.ts';
import {
  type ConversationRow,
  type ConversationView,
  canonicalPair,
  type DirectRepository,
  otherOf,
} from './direct.repository.ts';

export interface DirectDeps {
  repository: DirectRepository;
  /** Tells the pair's open chats that who may write changed (`conversation.changed` on `group:<id>`). */
  bus: Bus;
  groups: GroupsRepository;
  messages: Pick<MessagesService, 'post' | 'list'>;
  notifications: NotificationService;
  preferences: PreferencesService;
  clock: Clock;
}

interface Page {
  offset: number;
  limit: number;
}

/** The name a direct conversation's group carries; nobody sees it as a group (the web names the other person). */
const conversationName = 'Direkte samtale';

function factsOf(view: ConversationView, userId: string): ConversationFacts {
  return {
    status: view.row.status,
    requestedBy: view.row.requestedBy,
    firstMessageAt: view.row.firstMessageAt,
    otherId: otherOf(view.row, userId),
    blockedByMe: view.blockedByMe,
    blockedByOther: view.blockedByOther,
  };
}

/** A conversation as the API gives it to one of the pair. */
function toConversation(
  view: ConversationView,
  userId: string,
  unread: Unread | undefined,
): DirectConversation {
  const facts = factsOf(view, userId);
  return {
    id: view.row.groupId,
    other:
      facts.otherId && view.otherName !== null ? { id: facts.otherId, displayName: view.otherName } : null,
    status: view.row.status,
    requestedByMe: view.row.requestedBy === userId,
    available: isAvailable(facts),
    blockedByMe: view.blockedByMe,
    unreadCount: unread?.count ?? 0,
    lastMessageAt: view.lastMessageAt?.toISOString() ?? null,
    createdAt: view.row.createdAt.toISOString(),
    permissions: conversationPermissions(userId, facts),
  };
}

/**
 * The chat's question for a direct conversation, answered from the database alone (the messages service asks it
 * before every post, edit and reaction, over REST and the WebSocket alike).
 */
export function directWriting(repository: DirectRepository): ConversationWriting {
  return {
    async writeRefusal(groupId, userId) {
      const row = await repository.findByGroup(groupId);
      if (!row) return 'direct.unavailable';
      const otherId = otherOf(row, userId);
      const blocked = otherId !== null && (await repository.blockedEither(userId, otherId));
      return writeRefusal(userId, {
        status: row.status,
        requestedBy: row.requestedBy,
        firstMessageAt: row.firstMessageAt,
        otherId,
        blockedByMe: blocked,
        blockedByOther: blocked,
      });
    },
  };
}

/**
 * Direct messages: the setting, asking (with the first message), accepting and declining, the list, and blocks.
 * Each conversation is a hidden group of kind `direct` with the two as its only members, so the chat does the rest.
 */
export function createDirectService(deps: DirectDeps) {
  const { repository, clock, notifications } = deps;

  /** One conversation for one of its pair; 404 for anyone else, exactly like an id that does not exist. */
  async function load(actor: Actor, id: string): Promise<ConversationView> {
    const view = await repository.find(id, actor.user.id);
    if (!view) throw new AppError('not_found');
    return view;
  }

  async function present(actor: Actor, id: string): Promise<DirectConversation> {
    const view = await load(actor, id);
    const unread = await deps.groups.unreadOf(actor.user.id, [id]);
    return toConversation(view, actor.user.id, unread.get(id));
  }

  /** The actor's name in the conversation: the one they use where the two met, else their account's. */
  async function nameIn(groupId: string, actor: Actor): Promise<string> {
    const membership = await deps.groups.findMembership(groupId, actor.user.id);
    return membership?.profileName ?? actor.user.displayName;
  }

  /** After commit: open chats of the conversation read who may write again. */
  async function changed(groupId: string) {
    await deps.bus.publish(`group:${groupId}`, { type: 'conversation.changed', groupId });
  }

  async function tell(
    userId: string | null,
    type: 'direct.request' | 'direct.accepted',
    data: NotificationData<'direct.request'>,
  ) {
    if (!userId) return;
    const written = await notifications.create([notificationFor(userId, type, data)]);
    await notifications.deliver(written);
  }

  /** Makes the pair's hidden group and the waiting conversation, in one transaction; returns the group's id. */
  async function create(
    actor: Actor,
    otherId: string,
    names: { askerName: string | null; otherName: string | null },
  ): Promise<string> {
    const now = clock.now();
    return repository.transaction(async (tx) => {
      const group = await deps.groups.insertGroup(
        {
          name: conversationName,
          slug: `direct-${randomUUID()}`,
          description: '',
          kind: 'direct',
          visibility: 'hidden',
          joinPolicy: 'invite',
          directMessagesAllowed: false,
          createdAt: now,
          updatedAt: now,
        },
        tx,
      );
      if (!group) throw new Error('a direct conversation’s group was not made');
      // Each is named as in the group where they met: a pseudonym stays a pseudonym.
      for (const [userId, profileName] of [
        [actor.user.id, names.askerName],
        [otherId, names.otherName],
      ] as const) {
        await deps.groups.insertMembership({ groupId: group.id, userId, role: 'member', joinedAt: now }, tx);
        if (profileName) await deps.groups.updateMembership(group.id, userId, { profileName }, tx);
      }
      await repository.insert(
        {
          groupId: group.id,
          ...canonicalPair(actor.user.id, otherId),
          requestedBy: actor.user.id,
          status: 'pending',
          createdAt: now,
          updatedAt: now,
        },
        tx,
      );
      return group.id;
    });
  }

  /** Posts the request's first message through the chat; the conversation's `firstMessageAt` closes the door after. */
  async function postFirst(actor: Actor, groupId: string, body: string, clientId: string) {
    await deps.messages.post(actor, groupId, { clientId, body });
    await repository.update(groupId, { firstMessageAt: clock.now(), updatedAt: clock.now() });
  }

  /** The person asked says yes: both may write from now on, and the one who asked is told. */
  async function accept(actor: Actor, id: string) {
    const view = await load(actor, id);
    const refusal = respondRefusal(actor.user.id, factsOf(view, actor.user.id));
    if (refusal) throw new AppError(refusal);
    const now = clock.now();
    const accepted = await repository.update(
      view.row.groupId,
      { status: 'accepted', respondedAt: now, updatedAt: now },
      'pending',
    );
    if (!accepted) throw new AppError('direct.not_pending');
    await changed(view.row.groupId);
    await tell(view.row.requestedBy, 'direct.accepted', {
      conversationId: view.row.groupId,
      name: await nameIn(view.row.groupId, actor),
    });
    return present(actor, id);
  }

  return {
    writing: directWriting(repository),

    async settings(actor: Actor) {
      return { enabled: (await deps.preferences.get(actor)).directMessages };
    },

    async saveSettings(actor: Actor, enabled: boolean) {
      return { enabled: (await deps.preferences.update(actor, { directMessages: enabled })).directMessages };
    },

    /** My conversations, newest activity first, with unread counts. */
    async list(actor: Actor, page: Page) {
      const rows = await repository.listFor(actor.user.id, page);
      const { items, nextCursor } = toPage(rows, page);
      const unread = await deps.groups.unreadOf(
        actor.user.id,
        items.map((item) => item.row.groupId),
      );
      return {
        items: items.map((item) => toConversation(item, actor.user.id, unread.get(item.row.groupId))),
        nextCursor,
      };
    },

    get: present,

    /**
     * Asks someone, with the first message. Every refusal is the same `dm.not_allowed`. A new conversation (or a
     * declined one asked again by the person who declined it) answers `created: true`; the conversation the two
     * already have answers `created: false`, with the message added once it is accepted.
     */
    async request(actor: Actor, body: DirectRequestBody) {
      const otherId = body.userId.toLowerCase();
      const clientId = body.clientId ?? `direct-${randomUUID()}`;
      if (!isUuid(otherId)) throw new AppError('dm.not_allowed');
      const now = clock.now();
      const self = otherId === actor.user.id;
      const askerEnabled = await repository.setting(actor.user.id);
      const recipientReachable = !self && (await repository.reachable(otherId, now));
      const shared = self ? undefined : await repository.sharedGroup(actor.user.id, otherId, body.groupId);
      const blocked = await repository.blockedEither(actor.user.id, otherId);
      const existing = self ? undefined : await repository.findPair(actor.user.id, otherId);
      const decision = requestDecision(actor.user.id, {
        self,
        askerEnabled,
        recipientReachable,
        sharedGroup: shared !== undefined,
        blocked,
        existing: existing ?? null,
      });
      if ('refusal' in decision) throw new AppError(decision.refusal);

      switch (decision.open) {
        case 'new': {
          const groupId = await create(actor, otherId, shared!);
          try {
            await postFirst(actor, groupId, body.body, clientId);
          } catch (error) {
            // A refused first message (a blocked word, a limit) leaves no conversation behind.
            await repository.deleteUnstarted(groupId);
            await publishGroupChange(deps.bus, groupId);
            throw error;
          }
          await tell(otherId, 'direct.request', {
            conversationId: groupId,
            name: await nameIn(groupId, actor),
          });
          return { conversation: await present(actor, groupId), created: true };
        }
        case 'reopen': {
          const row = existing as ConversationRow;
          await repository.update(
            row.groupId,
            {
              status: 'pending',
              requestedBy: actor.user.id,
              firstMessageAt: null,
              respondedAt: null,
              updatedAt: now,
            },
            'declined',
          );
          try {
            await postFirst(actor, row.groupId, body.body, clientId);
          } catch (error) {
            await repository.update(row.groupId, {
              status: 'declined',
              requestedBy: row.requestedBy,
              firstMessageAt: row.firstMessageAt,
              respondedAt: row.respondedAt,
            });
            throw error;
          }
          await tell(otherId, 'direct.request', {
            conversationId: row.groupId,
            name: await nameIn(row.groupId, actor),
          });
          return { conversation: await present(actor, row.groupId), created: true };
        }
        case 'accept_theirs': {
          // They asked first: asking back is saying yes, with a first answer.
          const row = existing as ConversationRow;
          await accept(actor, row.groupId);
          await deps.messages.post(actor, row.groupId, { clientId, body: body.body });
          return { conversation: await present(actor, row.groupId), created: false };
        }
        case 'existing': {
          const row = existing as ConversationRow;
          if (row.status === 'accepted')
            await deps.messages.post(actor, row.groupId, { clientId, body: body.body });
          return { conversation: await present(actor, row.groupId), created: false };
        }
      }
    },

    accept,

    /** The person asked says no. Nobody is told; the one who asked cannot ask again (the other one can). */
    async decline(actor: Actor, id: string) {
      const view = await load(actor, id);
      const refusal = respondRefusal(actor.user.id, factsOf(view, actor.user.id));
      if (refusal) throw new AppError(refusal);
      const now = clock.now();
      const declined = await repository.update(
        view.row.groupId,
        { status: 'declined', respondedAt: now, updatedAt: now },
        'pending',
      );
      if (!declined) throw new AppError('direct.not_pending');
      await changed(view.row.groupId);
      return present(actor, id);
    },

    /**
     * Blocks someone: no request either way from now on, their conversation ends for writing on both sides and
     * leaves the blocker's list, and a waiting request between them is declined. The blocked person is never told.
     */
    async block(actor: Actor, userId: string) {
      const blockedId = userId.toLowerCase();
      if (blockedId === actor.user.id)
        throw new AppError('validation.failed', { details: [{ path: ['userId'], message: 'yourself' }] });
      if (!(await repository.userExists(blockedId))) throw new AppError('not_found');
      const now = clock.now();
      const pair = await repository.transaction(async (tx) => {
        await repository.block(actor.user.id, blockedId, now, tx);
        const found = await repository.findPair(actor.user.id, blockedId, tx);
        if (found?.status === 'pending')
          await repository.update(
            found.groupId,
            { status: 'declined', respondedAt: now, updatedAt: now },
            'pending',
            tx,
          );
        return found;
      });
      if (pair) await changed(pair.groupId);
      return { blocked: true };
    },

    /** Lifts a block; an accepted conversation can be written in again. */
    async unblock(actor: Actor, userId: string) {
      const unblockedId = userId.toLowerCase();
      if (!(await repository.unblock(actor.user.id, unblockedId))) return;
      const pair = await repository.findPair(actor.user.id, unblockedId);
      if (pair) await changed(pair.groupId);
    },

    /** The people I blocked, named as I know them. */
    async blocks(actor: Actor, page: Page) {
      const rows = await repository.blocksOf(actor.user.id, page);
      const { items, nextCursor } = toPage(rows, page);
      return {
        items: items.map((row) => ({
          id: row.id,
          displayName: row.displayName,
          blockedAt: row.blockedAt.toISOString(),
        })),
        nextCursor,
      };
    },

    /** A conversation's messages, for the contract's `/api/conversations/:id/messages`; 404 outside the pair. */
    async messages(actor: Actor, id: string, query: Parameters<MessagesService['list']>[2]) {
      await load(actor, id);
      return deps.messages.list(actor, id, query);
    },

    /** Writes in a conversation, for the contract's `/api/conversations/:id/messages`; 404 outside the pair. */
    async post(actor: Actor, id: string, input: Parameters<MessagesService['post']>[2]) {
      await load(actor, id);
      return deps.messages.post(actor, id, input);
    },
  };
}

export type DirectService = ReturnType<typeof createDirectService>;
