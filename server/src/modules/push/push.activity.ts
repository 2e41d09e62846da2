import type { Clock } from '../../clock.ts';
import type { GatewayConnection, GatewayModule } from '../../realtime/gateway.ts';
import type { PushRepository } from './push.repository.ts';

/** A visible tab says so every 45 s; one write per connection per this long is enough for the 90 s window. */
const writeEveryMs = 30_000;

/**
 * The `activity` frame (shared/src/push.ts): `visible: true` records that the person is using the app now (kept in
 * the database, so every node knows, at most once per 30 s per connection); `visible: false`, or closing the last
 * visible tab this node holds for the person, clears it, so a push reaches them at once. (A visible tab of theirs on
 * another node says so again within 45 s.)
 */
export function createActivityGateway(deps: { repository: PushRepository; clock: Clock }): GatewayModule {
  const lastWritten = new Map<string, number>();
  /** Per person, their connections on this node whose tab is visible. */
  const visible = new Map<string, Set<string>>();

  function forget(connection: GatewayConnection): boolean {
    lastWritten.delete(connection.id);
    const userId = connection.actor.user.id;
    const mine = visible.get(userId);
    if (!mine?.delete(connection.id)) return false;
    if (mine.size > 0) return false;
    visible.delete(userId);
    return true;
  }

  return {
    name: 'activity',
    frameTypes: ['activity'],
    async handle(connection: GatewayConnection, frame) {
      if (frame.type !== 'activity') return;
      const userId = connection.actor.user.id;
      if (!frame.visible) {
        forget(connection);
        return deps.repository.setActivity(userId, null);
      }
      const mine = visible.get(userId) ?? new Set<string>();
      mine.add(connection.id);
      visible.set(userId, mine);
      const now = deps.clock.now();
      const last = lastWritten.get(connection.id);
      if (last !== undefined && now.getTime() - last < writeEveryMs) return;
      lastWritten.set(connection.id, now.getTime());
      await deps.repository.setActivity(userId, now);
    },
    close(connection) {
      // The last visible tab went away (closed, or the phone dropped the connection): push may reach them again.
      if (forget(connection))
        void deps.repository.setActivity(connection.actor.user.id, null).catch(() => {});
    },
  };
}
