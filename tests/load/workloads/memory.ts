import type { Parameters } from '../options.ts';
import { type Generator, type MeasuredServer, sleep } from '../processes.ts';
import type { ProbeReading } from '../probe.ts';
import type { SeededGroup } from '../seed.ts';
import { ChatSession } from './chat.ts';
import { type HeldConnections, plansFor, type SubscribeOutcome } from './realtime.ts';

/**
 * The memory budget, set from the full run of 2026-12-06T05:40Z (bench-full-2026-12-06T05-40-32-983Z.json: W1's 10,000
 * sockets, 222 MB idle, 485 MB open, 916 MB subscribed) with about 25% headroom, so a regression shows as "missed"
 * while the run's own noise does not. A budget is reported, never a reason to fail the run.
 */
export const memoryBudget = {
  /** Measured 26.9 KB per socket open and authenticated, not subscribed. */
  idleConnectionBytes: 34 * 1024,
  /** Measured 44.2 KB per socket subscribed to its group of 100. */
  activeConnectionBytes: 55 * 1024,
  /**
   * The two full runs of 2026-12-06 with W6 measured 47.8 MB (09:34Z: 41.3 MB) per 1,000 members of a group of 2,001
   * on a fresh process; the larger plus 25%.
   */
  thousandMembersBytes: 60 * 1024 ** 2,
};

/** W6's own step: RSS and heap around one large group coming live, on a server that has held nothing else. */
export interface LargeGroupMemory {
  members: number;
  failed: number;
  subscribes: SubscribeOutcome;
  before: { rssBytes: number; heapUsedBytes: number };
  open: { rssBytes: number; heapUsedBytes: number };
  live: { rssBytes: number; heapUsedBytes: number };
}

const memoryOf = (reading: ProbeReading) => ({
  rssBytes: reading.rssBytes,
  heapUsedBytes: reading.heapUsedBytes,
});

/**
 * Opens and subscribes every member of one large seeded group (W3's room: 2,001 people in the full run) on `server`,
 * reading its memory before, with the sockets open, and with all of them subscribed.
 *
 * Why the room on a server of its own, and not readings inside W3: W3 runs on the server that has just held and
 * closed W1's 10,000 sockets, and freed memory stays in the process (V8's pages, malloc's arenas), so a room opened
 * there reuses it and its RSS barely moves. A freshly started server costs a few seconds and measures what the group
 * itself takes. The probe runs a full GC before each reading (the servers run with --expose-gc), so one reading per
 * phase is enough; no median of several.
 */
export async function runLargeGroupMemory(
  server: MeasuredServer,
  room: SeededGroup,
  parameters: Parameters,
  generators: Generator[],
  log: (line: string) => void,
): Promise<LargeGroupMemory> {
  const target = { name: server.name, kind: 'spejl' as const, servers: [server] };
  const session = new ChatSession(generators, [server], plansFor(target, [room]), 'by-member');
  try {
    const before = memoryOf(await server.read());
    const connected = await session.connect(parameters.w1.connectConcurrency);
    await sleep(parameters.settleMs / 2);
    const open = memoryOf(await server.read());
    const subscribed = await session.subscribe(parameters.w1.subscribeConcurrency);
    // Long enough for the presence of the whole group to be gathered and told (at most 1 s after the last join).
    await sleep(parameters.settleMs);
    const live = memoryOf(await server.read());
    log(
      `${server.name}: group of ${connected.connected} live, RSS ${mib(before.rssBytes)} → ` +
        `${mib(open.rssBytes)} → ${mib(live.rssBytes)} MB`,
    );
    return {
      members: connected.connected,
      failed: connected.failed,
      subscribes: {
        subscribed: subscribed.subscriptions,
        refused: subscribed.refused,
        lost: subscribed.lost,
        unanswered: subscribed.unanswered,
      },
      before,
      open,
      live,
    };
  } finally {
    await session.close();
  }
}

const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

/** One line of the W6 table: what grew, from which reading to which, per unit, against its budget. */
export interface MemoryFigure {
  measure: 'idle connection' | 'active connection' | '1,000 group members';
  where: string;
  count: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  /** RSS growth per unit: per socket, or per 1,000 members. */
  rssPerUnitBytes: number;
  heapPerUnitBytes: number;
  budgetBytes: number;
}

/** W6's figures: per idle and per active connection from W1's readings, per 1,000 members from W6's own step. */
export function memoryFigures(
  held: HeldConnections | undefined,
  group: LargeGroupMemory | undefined,
  membersPerGroup: number,
): MemoryFigure[] {
  const figures: MemoryFigure[] = [];
  // Older result files have no heap readings per phase.
  if (held && held.connections > 0 && held.heapConnectedBytes !== undefined) {
    const perSocket = (after: number, before: number) => (after - before) / held.connections;
    figures.push(
      {
        measure: 'idle connection',
        where: 'W1: open and signed in, not subscribed',
        count: held.connections,
        rssBeforeBytes: held.rssIdleBytes,
        rssAfterBytes: held.rssConnectedBytes,
        rssPerUnitBytes: perSocket(held.rssConnectedBytes, held.rssIdleBytes),
        heapPerUnitBytes: perSocket(held.heapConnectedBytes, held.heapIdleBytes),
        budgetBytes: memoryBudget.idleConnectionBytes,
      },
      {
        measure: 'active connection',
        where: `W1: the same sockets subscribed, one group of ${membersPerGroup} each`,
        count: held.connections,
        rssBeforeBytes: held.rssConnectedBytes,
        rssAfterBytes: held.rssSubscribedBytes,
        rssPerUnitBytes: perSocket(held.rssSubscribedBytes, held.rssConnectedBytes),
        heapPerUnitBytes: perSocket(held.heapSubscribedBytes, held.heapConnectedBytes),
        budgetBytes: memoryBudget.activeConnectionBytes,
      },
    );
  }
  if (group && group.members > 0) {
    const perThousand = (after: number, before: number) => ((after - before) / group.members) * 1000;
    figures.push({
      measure: '1,000 group members',
      where: `W6: one group of ${group.members.toLocaleString('en-US')} open and subscribed, on a fresh server`,
      count: group.members,
      rssBeforeBytes: group.before.rssBytes,
      rssAfterBytes: group.live.rssBytes,
      rssPerUnitBytes: perThousand(group.live.rssBytes, group.before.rssBytes),
      heapPerUnitBytes: perThousand(group.live.heapUsedBytes, group.before.heapUsedBytes),
      budgetBytes: memoryBudget.thousandMembersBytes,
    });
  }
  return figures;
}
