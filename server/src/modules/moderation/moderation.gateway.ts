import type { ClientFrame, ServerFrame } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import type { GatewayConnection, GatewayModule } from '../../realtime/gateway.ts';
import { hasMfa } from '../auth/auth.policy.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import { type QueueEvent, queueChannel } from './moderation.context.ts';
import type { ModerationRecordsRepository } from './moderation.records.repository.ts';

export interface ModerationGatewayDeps {
  bus: Bus;
  logger: FastifyBaseLogger;
  authRepository: AuthRepository;
  records: ModerationRecordsRepository;
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
 * two-step status, and again whenever the member's role in a group changes.
 */
export function createModerationGateway(deps: ModerationGatewayDeps): GatewayModule {
  const { bus, logger } = deps;
  const states = new Map<string, LiveState>();

  async function scopesOf(userId: string): Promise<string[]> {
    const user = await deps.authRepository.findUserById(userId);
    if (!user || !hasMfa(user)) return [];
    const groups = await deps.records.moderatedGroups(userId);
    return [...groups.map((group) => group.id), ...(user.platformRole === 'admin' ? ['platform'] : [])];
  }

  function clear(state: LiveState) {
    for (const unsubscribe of state.unsubscribers) unsubscribe();
    state.unsubscribers = [];
  }

  async function subscribe(state: LiveState) {
    clear(state);
    state.subscribed = true;
    const userId = state.connection.actor.user.id;
    const scopes = await scopesOf(userId);
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
        subscribe(state).catch((error: unknown) =>
          logger.error({ err: error }, 'moderation resubscribe failed'),
        );
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
