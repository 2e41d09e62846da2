import type { ClientTarget, TargetKind } from '../clients.ts';
import type { Parameters } from '../options.ts';
import { type Generator, type MeasuredServer, sleep } from '../processes.ts';
import type { SeededGroup } from '../seed.ts';
import { ChatSession, type GroupPlan, type StepResult } from './chat.ts';

/** Where a chat workload connects: one or more processes of one kind. */
export interface ChatTarget {
  name: string;
  kind: TargetKind;
  servers: MeasuredServer[];
}

/** What became of every subscribe frame: answered, refused with an error, lost to a close, or answered by nothing. */
export interface SubscribeOutcome {
  subscribed: number;
  refused: number;
  lost: number;
  unanswered: number;
}

function subscribeOutcome(reply: {
  subscriptions: number;
  refused: number;
  lost: number;
  unanswered: number;
}): SubscribeOutcome {
  return {
    subscribed: reply.subscriptions,
    refused: reply.refused,
    lost: reply.lost,
    unanswered: reply.unanswered,
  };
}

export interface HeldConnections {
  connections: number;
  failed: number;
  connectSeconds: number;
  connectsPerSecond: number;
  subscribeSeconds: number;
  subscribes: SubscribeOutcome;
  rssIdleBytes: number;
  rssConnectedBytes: number;
  rssSubscribedBytes: number;
  /** V8 heap in use at the same three readings (W6 reports it next to RSS). */
  heapIdleBytes: number;
  heapConnectedBytes: number;
  heapSubscribedBytes: number;
  /** (RSS with every connection open and subscribed − RSS idle) / connections. */
  bytesPerConnection: number;
  heapBytesPerConnection: number;
  /** One message per group to every held connection: proves each one is live. */
  rollCall: StepResult;
  errorSamples: string[];
}

export interface W2Result {
  steps: StepResult[];
  /** The last step with p99 within the limit, the sender keeping up and no errors. */
  knee: StepResult | null;
}

/** The seeded groups as client plans for one target; member i of a group connects to node i % nodes. */
export function plansFor(target: ChatTarget, groups: SeededGroup[]): GroupPlan[] {
  return groups.map((group) => ({
    id: group.id,
    members: group.members.map((member, index): ClientTarget => {
      const server = target.servers[index % target.servers.length]!;
      return target.kind === 'spejl'
        ? {
            kind: 'spejl',
            url: server.url,
            origin: `http://localhost:${server.port}`,
            cookie: member.cookie,
            userId: member.id,
          }
        : { kind: target.kind, url: server.url, userId: member.id };
    }),
  }));
}

/** Connects and subscribes every member; with `measure`, reads the servers' memory before and after. */
async function hold(session: ChatSession, target: ChatTarget, parameters: Parameters) {
  const idle = await Promise.all(target.servers.map((server) => server.read()));
  const connected = await session.connect(parameters.w1.connectConcurrency);
  await sleep(parameters.settleMs / 2);
  const afterConnect = await Promise.all(target.servers.map((server) => server.read()));
  const subscribed = await session.subscribe(parameters.w1.subscribeConcurrency);
  await sleep(parameters.settleMs);
  const afterSubscribe = await Promise.all(target.servers.map((server) => server.read()));
  const total = (readings: typeof idle, pick: (reading: (typeof idle)[number]) => number) =>
    readings.reduce((sum, reading) => sum + pick(reading), 0);
  const count = Math.max(1, connected.connected);
  return {
    connected,
    subscribed,
    rssIdleBytes: total(idle, (reading) => reading.rssBytes),
    rssConnectedBytes: total(afterConnect, (reading) => reading.rssBytes),
    rssSubscribedBytes: total(afterSubscribe, (reading) => reading.rssBytes),
    heapIdleBytes: total(idle, (reading) => reading.heapUsedBytes),
    heapConnectedBytes: total(afterConnect, (reading) => reading.heapUsedBytes),
    heapSubscribedBytes: total(afterSubscribe, (reading) => reading.heapUsedBytes),
    bytesPerConnection:
      (total(afterSubscribe, (reading) => reading.rssBytes) - total(idle, (reading) => reading.rssBytes)) /
      count,
    heapBytesPerConnection:
      (total(afterSubscribe, (reading) => reading.heapUsedBytes) -
        total(idle, (reading) => reading.heapUsedBytes)) /
      count,
  };
}

/**
 * W1 and W2 on one set of connections: hold every member of every group (W1), then step the message rate per group
 * up until p99 passes the limit (W2).
 */
export async function runHeldAndGroupChat(
  target: ChatTarget,
  groups: SeededGroup[],
  parameters: Parameters,
  generators: Generator[],
  log: (line: string) => void,
): Promise<{ w1: HeldConnections; w2: W2Result }> {
  const session = new ChatSession(generators, target.servers, plansFor(target, groups), 'by-group');
  try {
    log(`${target.name}: connecting ${session.connectionCount} clients`);
    const held = await hold(session, target, parameters);
    log(
      `${target.name}: ${held.connected.connected} open in ${(held.connected.ms / 1000).toFixed(1)} s, ` +
        `subscribed in ${(held.subscribed.ms / 1000).toFixed(1)} s`,
    );
    const rollCall = await session.step({ ratePerGroup: 1, durationMs: 1000, maxPerGroup: 1 });
    const w1: HeldConnections = {
      connections: held.connected.connected,
      failed: held.connected.failed,
      connectSeconds: held.connected.ms / 1000,
      connectsPerSecond: held.connected.connected / (held.connected.ms / 1000),
      subscribeSeconds: held.subscribed.ms / 1000,
      subscribes: subscribeOutcome(held.subscribed),
      rssIdleBytes: held.rssIdleBytes,
      rssConnectedBytes: held.rssConnectedBytes,
      rssSubscribedBytes: held.rssSubscribedBytes,
      heapIdleBytes: held.heapIdleBytes,
      heapConnectedBytes: held.heapConnectedBytes,
      heapSubscribedBytes: held.heapSubscribedBytes,
      bytesPerConnection: held.bytesPerConnection,
      heapBytesPerConnection: held.heapBytesPerConnection,
      rollCall,
      errorSamples: [...held.connected.errorSamples, ...held.subscribed.errorSamples].slice(0, 5),
    };
    const w2 = await stepUp(session, target.name, parameters.w2, log);
    return { w1, w2 };
  } finally {
    await session.close();
  }
}

async function stepUp(
  session: ChatSession,
  name: string,
  options: { ratesPerGroup: number[]; stepSeconds: number; kneeP99Ms: number },
  log: (line: string) => void,
): Promise<W2Result> {
  const steps: StepResult[] = [];
  let knee: StepResult | null = null;
  const run = async (rate: number) => {
    const step = await session.step({ ratePerGroup: rate, durationMs: options.stepSeconds * 1000 });
    steps.push(step);
    log(
      `${name}: ${rate}/s per group → ${Math.round(step.deliveriesPerSecond)} deliveries/s, ` +
        `p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms${step.saturated ? ' (saturated)' : ''}`,
    );
    const within = step.p99 <= options.kneeP99Ms && !step.saturated && step.errors === 0;
    if (within && (!knee || step.deliveriesPerSecond > knee.deliveriesPerSecond)) knee = step;
    return within;
  };
  for (const rate of options.ratesPerGroup) if (!(await run(rate))) break;
  // Past the limit already at the first rate: step down to find where the knee is.
  for (let rate = options.ratesPerGroup[0]! / 2; !knee && rate >= options.ratesPerGroup[0]! / 8; rate /= 2)
    await run(rate);
  return { steps, knee };
}

/** W3: one room with a presenter and many attendees; chat, and every few messages a question in the Q&A thread. */
export async function runWebinar(
  target: ChatTarget,
  room: SeededGroup,
  parameters: Parameters,
  generators: Generator[],
  log: (line: string) => void,
): Promise<{
  connectSeconds: number;
  subscribeSeconds: number;
  subscribes: SubscribeOutcome;
  failed: number;
  step: StepResult;
}> {
  const session = new ChatSession(generators, target.servers, plansFor(target, [room]), 'by-member');
  try {
    const connected = await session.connect(parameters.w1.connectConcurrency);
    const subscribed = await session.subscribe(parameters.w1.subscribeConcurrency);
    log(
      `${target.name}: room of ${connected.connected} open in ${(connected.ms / 1000).toFixed(1)} s, ` +
        `subscribed in ${(subscribed.ms / 1000).toFixed(1)} s`,
    );
    const questionThread = await session.post(room.id, 'Velkommen! Skriv jeres spørgsmål i denne tråd.');
    await sleep(parameters.settleMs);
    const step = await session.step({
      ratePerGroup: parameters.w3.messagesPerSecond,
      durationMs: parameters.w3.seconds * 1000,
      threadIds: { [room.id]: questionThread },
      threadEvery: parameters.w3.questionEvery,
    });
    log(`${target.name}: webinar p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms`);
    return {
      connectSeconds: connected.ms / 1000,
      subscribeSeconds: subscribed.ms / 1000,
      subscribes: subscribeOutcome(subscribed),
      failed: connected.failed + (subscribed.subscriptions < connected.connected ? 1 : 0),
      step,
    };
  } finally {
    await session.close();
  }
}

/** W4: the group chat across two nodes; each group's members alternate between them. */
export async function runTwoNodes(
  target: ChatTarget,
  groups: SeededGroup[],
  parameters: Parameters,
  generators: Generator[],
  log: (line: string) => void,
): Promise<{
  connectSeconds: number;
  failed: number;
  subscribes: SubscribeOutcome;
  rollCall: StepResult;
  steps: StepResult[];
}> {
  const session = new ChatSession(generators, target.servers, plansFor(target, groups), 'by-group');
  try {
    const connected = await session.connect(parameters.w1.connectConcurrency);
    const subscribed = await session.subscribe(parameters.w1.subscribeConcurrency);
    log(`${target.name}: ${connected.connected} open across ${target.servers.length} nodes`);
    const rollCall = await session.step({ ratePerGroup: 1, durationMs: 1000, maxPerGroup: 1 });
    const steps: StepResult[] = [];
    for (const rate of parameters.w4.ratesPerGroup) {
      const step = await session.step({ ratePerGroup: rate, durationMs: parameters.w4.stepSeconds * 1000 });
      steps.push(step);
      log(
        `${target.name}: ${rate}/s per group → ${Math.round(step.deliveriesPerSecond)} deliveries/s, ` +
          `p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms`,
      );
      // The lowest rate always runs: it is where the bus's own latency shows, even on a busy machine.
      if (steps.length > 1 && (step.p99 > parameters.w2.kneeP99Ms || step.saturated)) break;
    }
    return {
      connectSeconds: connected.ms / 1000,
      failed: connected.failed,
      subscribes: subscribeOutcome(subscribed),
      rollCall,
      steps,
    };
  } finally {
    await session.close();
  }
}
