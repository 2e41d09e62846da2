import type { ClientTarget } from '../clients.ts';
import { Histogram } from '../histogram.ts';
import type { Generator, MeasuredServer } from '../processes.ts';
import type { ChatStats, Member } from '../protocol.ts';

/** A group (or room) and the clients that belong to it, each already pointed at its server. */
export interface GroupPlan {
  id: string;
  members: ClientTarget[];
}

export interface StepResult {
  ratePerGroup: number;
  groups: number;
  sent: number;
  messagesPerSecond: number;
  deliveries: number;
  deliveriesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  gaps: number;
  duplicates: number;
  errors: number;
  errorSamples: string[];
  /** Sends answered with an error frame, lost with a closed connection, and answered by nothing at all. */
  sendsRefused: number;
  sendsLost: number;
  sendsUnanswered: number;
  /** The sender stopped early: the server owed three seconds of acks, or deliveries took over two seconds. */
  saturated: boolean;
  serverEventLoopP99: number;
  serverCpuShare: number;
  generatorEventLoopP99: number;
}

export interface StepOptions {
  ratePerGroup: number;
  durationMs: number;
  maxPerGroup?: number;
  threadIds?: Record<string, string>;
  threadEvery?: number;
  drainTimeoutMs?: number;
}

/**
 * Spreads clients over the generator processes and runs chat steps through them. `by-group` keeps every group in one
 * generator (sender and receivers on one clock); `by-member` spreads one big room over all of them.
 */
export class ChatSession {
  private readonly generators: Generator[];
  private readonly servers: MeasuredServer[];
  private readonly plans: GroupPlan[];
  /** Per generator: the groups it sends for and the share of each group's rate it sends. */
  private readonly shares: Array<Map<string, number>>;
  private readonly members: Member[][];

  constructor(
    generators: Generator[],
    servers: MeasuredServer[],
    plans: GroupPlan[],
    split: 'by-group' | 'by-member',
  ) {
    this.generators = generators;
    this.servers = servers;
    this.plans = plans;
    this.shares = generators.map(() => new Map());
    this.members = generators.map(() => []);
    plans.forEach((plan, groupIndex) => {
      if (split === 'by-group') {
        const owner = groupIndex % generators.length;
        this.shares[owner]!.set(plan.id, 1);
        for (const target of plan.members) this.members[owner]!.push({ target, groupIds: [plan.id] });
      } else {
        plan.members.forEach((target, memberIndex) => {
          this.members[memberIndex % generators.length]!.push({ target, groupIds: [plan.id] });
        });
        for (const share of this.shares) share.set(plan.id, 1 / generators.length);
      }
    });
  }

  get connectionCount() {
    return this.plans.reduce((sum, plan) => sum + plan.members.length, 0);
  }

  /** Opens every client; resolves with the wall time and how many failed. */
  async connect(concurrency: number) {
    const started = performance.now();
    const replies = await Promise.all(
      this.generators.map((generator, index) =>
        generator.run<'connected'>({ cmd: 'connect', members: this.members[index]!, concurrency }),
      ),
    );
    return {
      ms: performance.now() - started,
      connected: replies.reduce((sum, reply) => sum + reply.connected, 0),
      failed: replies.reduce((sum, reply) => sum + reply.failed, 0),
      errorSamples: replies.flatMap((reply) => reply.errorSamples),
    };
  }

  async subscribe(concurrency: number) {
    const started = performance.now();
    const replies = await Promise.all(
      this.generators.map((generator) => generator.run<'subscribed'>({ cmd: 'subscribe', concurrency })),
    );
    return {
      ms: performance.now() - started,
      subscriptions: replies.reduce((sum, reply) => sum + reply.subscriptions, 0),
      refused: replies.reduce((sum, reply) => sum + reply.refused, 0),
      lost: replies.reduce((sum, reply) => sum + reply.lost, 0),
      unanswered: replies.reduce((sum, reply) => sum + reply.unanswered, 0),
      errors: replies.reduce((sum, reply) => sum + reply.errors, 0),
      errorSamples: replies.flatMap((reply) => reply.errorSamples),
    };
  }

  /** Posts one message into a group from the generator that holds its first member; returns its id. */
  async post(groupId: string, body: string): Promise<string> {
    const owner = this.members.findIndex((members) =>
      members.some((member) => member.groupIds.includes(groupId)),
    );
    const reply = await this.generators[owner]!.run<'posted'>({ cmd: 'post', groupId, body });
    return reply.messageId;
  }

  /** Sends at a fixed rate per group for a while, waits until every member has every message, and measures. */
  async step(options: StepOptions): Promise<StepResult> {
    await Promise.all(this.servers.map((server) => server.reset()));
    const sends = await Promise.all(
      this.generators.map((generator, index) =>
        generator.run<'sent'>({
          cmd: 'send',
          rates: Object.fromEntries(
            [...this.shares[index]!].map(([groupId, share]) => [groupId, options.ratePerGroup * share]),
          ),
          durationMs: options.durationMs,
          ...(options.maxPerGroup !== undefined ? { maxPerGroup: options.maxPerGroup } : {}),
          ...(options.threadIds
            ? { threadIds: options.threadIds, threadEvery: options.threadEvery ?? 4 }
            : {}),
        }),
      ),
    );
    const targets: Record<string, number> = {};
    for (const send of sends)
      for (const [groupId, seq] of Object.entries(send.maxSeq))
        targets[groupId] = Math.max(targets[groupId] ?? 0, seq);
    const drains = await Promise.all(
      this.generators.map((generator) =>
        generator.run<'drained'>({ cmd: 'drain', targets, timeoutMs: options.drainTimeoutMs ?? 120_000 }),
      ),
    );
    const readings = await Promise.all(this.servers.map((server) => server.read()));
    const stats = drains.map((drain) => drain.stats);
    const latency = new Histogram();
    for (const part of stats) latency.merge(part.latency);
    const sum = (pick: (part: ChatStats) => number) => stats.reduce((total, part) => total + pick(part), 0);
    const firstSendAt = Math.min(...stats.filter((part) => part.sent > 0).map((part) => part.firstSendAt));
    const lastDeliveryAt = Math.max(...stats.map((part) => part.lastDeliveryAt));
    const saturated = sends.some((send) => send.saturated);
    // A saturated step stopped sending early: its rate is what arrived over the time it actually ran.
    const span = lastDeliveryAt - firstSendAt;
    const seconds = Math.max(1, saturated ? span : Math.max(options.durationMs, span)) / 1000;
    return {
      ratePerGroup: options.ratePerGroup,
      groups: this.plans.length,
      sent: sum((part) => part.sent),
      messagesPerSecond: sum((part) => part.sent) / seconds,
      deliveries: sum((part) => part.deliveries),
      deliveriesPerSecond: sum((part) => part.deliveries) / seconds,
      p50: latency.percentile(50),
      p95: latency.percentile(95),
      p99: latency.percentile(99),
      max: latency.max,
      gaps: sum((part) => part.gaps + part.missing),
      duplicates: sum((part) => part.duplicates),
      errors: sum((part) => part.errors),
      errorSamples: stats.flatMap((part) => part.errorSamples).slice(0, 5),
      sendsRefused: sends.reduce((total, send) => total + send.refused, 0),
      sendsLost: sends.reduce((total, send) => total + send.lost, 0),
      sendsUnanswered: sends.reduce((total, send) => total + send.unanswered, 0),
      saturated,
      serverEventLoopP99: Math.max(...readings.map((reading) => reading.eventLoopP99)),
      serverCpuShare: readings.reduce((total, reading) => total + reading.cpuShare, 0),
      generatorEventLoopP99: Math.max(...stats.map((part) => part.generatorLoopP99)),
    };
  }

  /** Closes every client; the generator processes stay for the next workload. */
  async close() {
    await Promise.all(this.generators.map((generator) => generator.run<'closed'>({ cmd: 'reset' })));
  }
}
