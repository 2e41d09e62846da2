/**
 * A load generator process (forked by run.ts, never in the process it measures). It holds the clients given to it,
 * sends on a schedule, and counts what arrives: deliveries, send-to-receive latency from the timestamp the sender
 * put in the body, and gaps and duplicates from `seq` and `clientId`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ChatClient, type Frame, openClient } from './clients.ts';
import { clockMs, Histogram } from './histogram.ts';
import { httpLoad } from './http-load.ts';
import type { ChatStats, Command, Member, Reply } from './protocol.ts';

interface GroupView {
  lastSeq: number;
  subscribed: boolean;
  /** A subscribe was sent and has had no answer yet (neither `subscribed` nor an error with the group as ref). */
  awaiting: boolean;
}

interface Connection {
  member: Member;
  client: ChatClient | null;
  groups: Map<string, GroupView>;
  /** The close code, once the server closed this connection. */
  closedWith: number | null;
}

const filler = 'Vi prøvede den nye ordning i skolen i dag, og det gik bedre end ventet. Tak for rådene!';
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const connections: Connection[] = [];
const membersOf = new Map<string, Connection[]>();
let stats = freshStats();
let latency = new Histogram();
let stepStart = Number.POSITIVE_INFINITY;
/** The latency of the latest delivery: once it passes this, the step is far past the knee and stops sending. */
let latestLatency = 0;
const overloadLatencyMs = 2000;
/** clientId → group and connection, for sends answered neither by an ack nor by an error yet. */
const pendingAcks = new Map<string, { groupId: string; connection: Connection }>();
const ackedSeq = new Map<string, number>();
/** Per group, the seq each clientId arrived with: a clientId under two seqs is a duplicate message. */
const seqOfClientId = new Map<string, Map<string, number>>();
let subscribedCount = 0;
let subscribeErrors = 0;
/** Subscribes whose connection the server closed before answering them (the client saw the close). */
let subscribesLost = 0;
/** Sends answered by an error frame carrying their clientId, and sends lost with their closed connection. */
let sendsRefused = 0;
let sendsLost = 0;
let onSubscribeProgress: (() => void) | null = null;
const postWaiters = new Map<string, (frame: Frame) => void>();
let clientCounter = 0;
const runTag = `${process.pid.toString(36)}${Date.now().toString(36)}`;
let closing = false;

function freshStats(): Omit<ChatStats, 'latency' | 'generatorLoopP99'> {
  return {
    deliveries: 0,
    gaps: 0,
    duplicates: 0,
    missing: 0,
    errors: 0,
    errorSamples: [],
    sent: 0,
    acked: 0,
    firstSendAt: 0,
    lastDeliveryAt: 0,
  };
}

function noteError(text: string) {
  stats.errors += 1;
  if (stats.errorSamples.length < 5) stats.errorSamples.push(text);
}

function onFrame(connection: Connection, frame: Frame) {
  switch (frame.type) {
    case 'message.created': {
      const view = connection.groups.get(frame.groupId!);
      if (!view?.subscribed) return;
      const seq = frame.seq!;
      if (seq <= view.lastSeq) {
        stats.duplicates += 1;
        return;
      }
      if (seq > view.lastSeq + 1) stats.gaps += seq - view.lastSeq - 1;
      view.lastSeq = seq;
      const message = frame.message!;
      let seen = seqOfClientId.get(frame.groupId!);
      if (!seen) {
        seen = new Map();
        seqOfClientId.set(frame.groupId!, seen);
      }
      const earlier = seen.get(message.clientId);
      if (earlier === undefined) seen.set(message.clientId, seq);
      else if (earlier !== seq) stats.duplicates += 1;
      const now = clockMs();
      stats.deliveries += 1;
      stats.lastDeliveryAt = now;
      const body = message.body ?? '';
      if (body.startsWith('t=')) {
        const sentAt = Number.parseFloat(body.slice(2, body.indexOf(' ')));
        if (sentAt >= stepStart) {
          latestLatency = now - sentAt;
          latency.record(latestLatency);
        }
      }
      return;
    }
    case 'ack': {
      const waiter = postWaiters.get(frame.clientId!);
      if (waiter) {
        postWaiters.delete(frame.clientId!);
        waiter(frame);
      }
      const pending = pendingAcks.get(frame.clientId!);
      if (pending === undefined) return;
      pendingAcks.delete(frame.clientId!);
      stats.acked += 1;
      if (frame.seq! > (ackedSeq.get(pending.groupId) ?? 0)) ackedSeq.set(pending.groupId, frame.seq!);
      return;
    }
    case 'subscribed': {
      const view = connection.groups.get(frame.groupId!);
      if (!view || view.subscribed) return;
      view.subscribed = true;
      view.awaiting = false;
      view.lastSeq = frame.lastSeq!;
      subscribedCount += 1;
      onSubscribeProgress?.();
      return;
    }
    case 'error': {
      noteError(`${frame.code} ${frame.ref ?? ''}`.trim());
      const view = frame.ref ? connection.groups.get(frame.ref) : undefined;
      if (view?.awaiting) {
        view.awaiting = false;
        subscribeErrors += 1;
        onSubscribeProgress?.();
      }
      // A refused send is answered: it is an error, not a lost frame.
      if (frame.ref && pendingAcks.has(frame.ref)) {
        pendingAcks.delete(frame.ref);
        sendsRefused += 1;
      }
      return;
    }
  }
}

/** The server closed a connection: what it still owed is lost with it (and the client knows, from the close). */
function onClosed(connection: Connection, code: number) {
  connection.closedWith = code;
  if (closing) return;
  noteError(`connection closed by the server (${code})`);
  for (const view of connection.groups.values())
    if (view.awaiting) {
      view.awaiting = false;
      subscribesLost += 1;
    }
  for (const [clientId, pending] of pendingAcks)
    if (pending.connection === connection) {
      pendingAcks.delete(clientId);
      sendsLost += 1;
    }
  onSubscribeProgress?.();
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(runners);
}

async function connect(members: Member[], concurrency: number): Promise<Reply> {
  const started = performance.now();
  let failed = 0;
  const errorSamples: string[] = [];
  for (const member of members) {
    const connection: Connection = { member, client: null, groups: new Map(), closedWith: null };
    for (const groupId of member.groupIds) {
      connection.groups.set(groupId, { lastSeq: 0, subscribed: false, awaiting: false });
      const list = membersOf.get(groupId) ?? [];
      list.push(connection);
      membersOf.set(groupId, list);
    }
    connections.push(connection);
  }
  await pool(connections.slice(connections.length - members.length), concurrency, async (connection) => {
    try {
      connection.client = await openClient(
        connection.member.target,
        (frame) => onFrame(connection, frame),
        (code) => onClosed(connection, code),
      );
    } catch (error) {
      failed += 1;
      if (errorSamples.length < 5) errorSamples.push((error as Error).message);
    }
  });
  return {
    reply: 'connected',
    connected: members.length - failed,
    failed,
    ms: performance.now() - started,
    errorSamples,
  };
}

async function subscribe(concurrency: number): Promise<Reply> {
  const started = performance.now();
  const pairs: Array<[Connection, string]> = [];
  for (const connection of connections)
    if (connection.client)
      for (const [groupId, view] of connection.groups)
        if (!view.subscribed) pairs.push([connection, groupId]);
  subscribedCount = 0;
  subscribeErrors = 0;
  subscribesLost = 0;
  stats = freshStats();
  let sentCount = 0;
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(resolve, 180_000);
    onSubscribeProgress = () => {
      const done = subscribedCount + subscribeErrors + subscribesLost;
      while (sentCount < pairs.length && sentCount - done < concurrency) {
        const [connection, groupId] = pairs[sentCount++]!;
        if (connection.closedWith !== null) {
          subscribesLost += 1;
          continue;
        }
        connection.groups.get(groupId)!.awaiting = true;
        connection.client!.send({ type: 'subscribe', groupId });
      }
      if (done >= pairs.length) {
        clearTimeout(deadline);
        resolve();
      }
    };
    onSubscribeProgress();
  });
  onSubscribeProgress = null;
  // What is left had no answer at all on a connection that stayed open: the frame went nowhere.
  const unanswered = pairs.filter(([connection, groupId]) => connection.groups.get(groupId)!.awaiting);
  if (unanswered.length > 0)
    noteError(`${unanswered.length} subscribes answered neither with subscribed nor with an error in 180 s`);
  return {
    reply: 'subscribed',
    subscriptions: subscribedCount,
    refused: subscribeErrors,
    lost: subscribesLost,
    unanswered: unanswered.length,
    ms: performance.now() - started,
    errors: stats.errors,
    errorSamples: stats.errorSamples,
  };
}

function nextClientId(): string {
  clientCounter += 1;
  return `b${runTag}x${clientCounter.toString(36)}`;
}

async function post(groupId: string, body: string): Promise<Reply> {
  const connection = membersOf
    .get(groupId)
    ?.find((candidate) => candidate.client && candidate.closedWith === null);
  if (!connection) throw new Error(`no connection in ${groupId}`);
  const clientId = nextClientId();
  const ack = await new Promise<Frame>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ack for the post')), 30_000);
    postWaiters.set(clientId, (frame) => {
      clearTimeout(timer);
      resolve(frame);
    });
    connection.client!.send({ type: 'message.send', groupId, clientId, body });
  });
  return { reply: 'posted', messageId: ack.messageId!, seq: ack.seq! };
}

async function send(command: Extract<Command, { cmd: 'send' }>): Promise<Reply> {
  stats = freshStats();
  latency = new Histogram();
  seqOfClientId.clear();
  ackedSeq.clear();
  loopDelay.reset();
  latestLatency = 0;
  sendsRefused = 0;
  sendsLost = 0;
  const start = clockMs();
  stepStart = start;
  stats.firstSendAt = start;
  const end = start + command.durationMs;
  const schedules = Object.entries(command.rates).map(([groupId, rate]) => ({
    groupId,
    interval: 1000 / rate,
    next: start + Math.random() * (1000 / rate),
    count: 0,
    senders: (membersOf.get(groupId) ?? []).filter((connection) => connection.client),
    turn: Math.floor(Math.random() * 1000),
  }));
  // Open loop, but bounded: once the server owes more acks than three seconds of sending, or messages take more
  // than two seconds to arrive, the system has fallen behind for good, and piling on more would only measure
  // the queue (and could take minutes to drain).
  const totalRate = Object.values(command.rates).reduce((sum, rate) => sum + rate, 0);
  const backlogLimit = Math.max(500, 3 * totalRate);
  let saturated = false;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = clockMs();
      if (pendingAcks.size > backlogLimit || latestLatency > overloadLatencyMs) {
        saturated = true;
        resolve();
        return;
      }
      let active = false;
      for (const schedule of schedules) {
        while (
          schedule.next <= now &&
          schedule.next < end &&
          (command.maxPerGroup === undefined || schedule.count < command.maxPerGroup)
        ) {
          // A connection the server closed is skipped: a frame sent into it would go nowhere.
          let sender = schedule.senders[schedule.turn++ % schedule.senders.length]!;
          for (let tries = 0; sender.closedWith !== null && tries < schedule.senders.length; tries++)
            sender = schedule.senders[schedule.turn++ % schedule.senders.length]!;
          if (sender.closedWith !== null) {
            // Every member's connection is gone: skip the slot (the closes are already counted as errors).
            schedule.count += 1;
            schedule.next += schedule.interval;
            continue;
          }
          const clientId = nextClientId();
          const threadId = command.threadIds?.[schedule.groupId];
          const inThread =
            threadId !== undefined &&
            command.threadEvery !== undefined &&
            schedule.count % command.threadEvery === command.threadEvery - 1;
          pendingAcks.set(clientId, { groupId: schedule.groupId, connection: sender });
          sender.client!.send({
            type: 'message.send',
            groupId: schedule.groupId,
            clientId,
            body: `t=${clockMs().toFixed(3)} ${inThread ? 'Spørgsmål: ' : ''}${filler}`,
            ...(inThread ? { threadId } : {}),
          });
          stats.sent += 1;
          schedule.count += 1;
          schedule.next += schedule.interval;
        }
        if (
          schedule.next < end &&
          (command.maxPerGroup === undefined || schedule.count < command.maxPerGroup)
        )
          active = true;
      }
      if (active) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  const ackDeadline = Date.now() + 60_000;
  while (pendingAcks.size > 0 && Date.now() < ackDeadline) await sleep(10);
  const unanswered = pendingAcks.size;
  if (unanswered > 0)
    noteError(`${unanswered} sends were answered neither with an ack nor with an error in 60 s`);
  pendingAcks.clear();
  return {
    reply: 'sent',
    maxSeq: Object.fromEntries(ackedSeq),
    sent: stats.sent,
    acked: stats.acked,
    refused: sendsRefused,
    lost: sendsLost,
    unanswered,
    saturated,
  };
}

async function drain(targets: Record<string, number>, timeoutMs: number): Promise<Reply> {
  const deadline = Date.now() + timeoutMs;
  const behind = () => {
    let missing = 0;
    for (const [groupId, target] of Object.entries(targets))
      for (const connection of membersOf.get(groupId) ?? []) {
        const view = connection.groups.get(groupId)!;
        if (connection.client && view.subscribed && view.lastSeq < target) missing += target - view.lastSeq;
      }
    return missing;
  };
  let missing = behind();
  while (missing > 0 && Date.now() < deadline) {
    await sleep(20);
    missing = behind();
  }
  stats.missing = missing;
  stepStart = Number.POSITIVE_INFINITY;
  return {
    reply: 'drained',
    stats: { ...stats, latency: latency.toJSON(), generatorLoopP99: loopDelay.percentile(99) / 1e6 },
  };
}

async function close(): Promise<Reply> {
  closing = true;
  for (const connection of connections) connection.client?.close();
  await sleep(200);
  connections.length = 0;
  membersOf.clear();
  seqOfClientId.clear();
  pendingAcks.clear();
  closing = false;
  return { reply: 'closed' };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function run(command: Command): Promise<Reply> {
  switch (command.cmd) {
    case 'connect':
      return connect(command.members, command.concurrency);
    case 'subscribe':
      return subscribe(command.concurrency);
    case 'post':
      return post(command.groupId, command.body);
    case 'send':
      return send(command);
    case 'drain':
      return drain(command.targets, command.timeoutMs);
    case 'http':
      return { reply: 'http', stats: await httpLoad(command, loopDelay) };
    case 'reset':
    case 'close':
      return close();
  }
}

process.on('message', (command: Command) => {
  run(command)
    .then((reply) => {
      process.send!(reply);
      if (command.cmd === 'close') setTimeout(() => process.exit(0), 300);
    })
    .catch((error: unknown) =>
      process.send!({ reply: 'failed', error: (error as Error).stack ?? String(error) }),
    );
});
