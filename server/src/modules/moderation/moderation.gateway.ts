import type { ClientFrame, ServerFrame } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import type { GatewayConnection, GatewayModule } from '../../realtime/gateway.ts';
import { AppError } from '../../http/errors.ts';
import { type Actor, mfaRefusal } from '../auth/auth.policy.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import { type MentorshipModeration, type QueueEvent, queueChannel } from './moderation.context.ts';
import { mentoringReviewRefusal } from './moderation.policy.ts';
import type { ModerationRecordsRepository } from './moderation.records.repository.ts';

export interface ModerationGatewayDeps {
  bus: Bus;
  logger: FastifyBaseLogger;
  authRepository: AuthRepository;
  records: ModerationRecordsRepository;
  mentorships: Pick<MentorshipModeration, 'reviewerIds'>;
}

interface LiveState {
  connection: GatewayConnection;
  subscribed: boolean;
  /** One bus subscription per queue channel, plus the user's own channel to notice role changes. */
  unsubscribers: Array<() => void>;
}

type ModerationFrame = Extract<ClientFrame, { type: 'moderation.subscribe' | 'moderation.unsubscribe' }>;

/**
 * The live review queue: a moderator's socket subscribes once and hears every change to the queues they may
 * review (`moderation.queue` frames carry only what changed; the page fetches the item through the API, so the
 * usual permissions apply). The scopes are worked out from the database at subscribe time, with fresh roles and
 * the session's own two-step status (as REST: a session that signed in with the password alone gets no queue, and
 * the same error code), and again whenever the member's role in a group changes.
 */
export function createModerationGateway(deps: ModerationGatewayDeps): GatewayModule {
  const { bus, logger } = deps;
  const states = new Map<string, LiveState>();

  /** The queues this connection may hear; a moderator whose session has not passed TOTP is refused. */
  async function scopesOf(connection: GatewayConnection): Promise<string[]> {
    const user = await deps.authRepository.findUserById(connection.actor.user.id);
    if (!user) return [];
    const actor: Actor = { user, session: connection.actor.session };
    const groups = await deps.records.moderatedGroups(user.id);
    const reviewers = user.platformRole === 'member' ? [] : await deps.mentorships.reviewerIds();
    const holdsPower = groups.length > 0 || user.platformRole !== 'member';
    if (!holdsPower) return [];
    const refusal = mfaRefusal(actor);
    if (refusal) throw new AppError(refusal);
    return [
      ...groups.map((group) => group.id),
      ...(user.platformRole === 'admin' ? ['platform'] : []),
      ...(mentoringReviewRefusal(actor, reviewers) === null ? ['mentoring'] : []),
    ];
  }

  function clear(state: LiveState) {
    for (const unsubscribe of state.unsubscribers) unsubscribe();
    state.unsubscribers = [];
  }

  async function subscribe(state: LiveState) {
    clear(state);
    state.subscribed = true;
    const userId = state.connection.actor.user.id;
    let scopes: string[];
    try {
      scopes = await scopesOf(state.connection);
    } catch (error) {
      state.subscribed = false;
      throw error;
    }
    if (!state.subscribed) return;
    for (const scope of scopes)
      state.unsubscribers.push(
        bus.subscribe(queueChannel(scope), (payload) => {
          const event = payload as QueueEvent;
          const frame: ServerFrame = {
            type: 'moderation.queue',
            scope: event.scope,
            itemId: event.itemId,
            change: event.change,
            urgent: event.urgent,
          };
          state.connection.send(frame);
        }),
      );
    state.unsubscribers.push(
      bus.subscribe(`user:${userId}`, (payload) => {
        if ((payload as { type?: string }).type !== 'membership.changed' || !state.subscribed) return;
        subscribe(state).catch((error: unknown) => {
          if (error instanceof AppError) state.connection.error(error.code);
          else logger.error({ err: error }, 'moderation resubscribe failed');
        });
      }),
    );
    state.connection.send({ type: 'moderation.subscribed', scopes });
  }

  return {
    name: 'moderation',
    frameTypes: ['moderation.subscribe', 'moderation.unsubscribe'],
    async open(connection) {
      states.set(connection.id, { connection, subscribed: false, unsubscribers: [] });
    },
    async handle(connection, frame) {
      const state = states.get(connection.id);
      if (!state) return;
      if ((frame as ModerationFrame).type === 'moderation.subscribe') return subscribe(state);
      state.subscribed = false;
      clear(state);
    },
    close(connection) {
      const state = states.get(connection.id);
      if (!state) return;
      state.subscribed = false;
      clear(state);
      states.delete(connection.id);
    },
  };
}
