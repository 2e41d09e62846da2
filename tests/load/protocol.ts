import type { ClientTarget } from './clients.ts';
import type { HistogramData } from './histogram.ts';

/** One simulated person: who they are, which server they connect to, and which groups they subscribe to. */
export interface Member {
  target: ClientTarget;
  groupIds: string[];
}

/** What one generator process tells about a chat step. Counts are this process's share. */
export interface ChatStats {
  deliveries: number;
  latency: HistogramData;
  gaps: number;
  duplicates: number;
  /** Seqs a connection never received by the end of the drain (also counted as gaps in the report). */
  missing: number;
  errors: number;
  errorSamples: string[];
  sent: number;
  acked: number;
  firstSendAt: number;
  lastDeliveryAt: number;
  /** The generator's own event-loop delay p99 (ms): if it is high, the generator, not the server, is the limit. */
  generatorLoopP99: number;
}

export interface HttpStats {
  requests: number;
  latency: HistogramData;
  statuses: Record<string, number>;
  gaps: number;
  duplicates: number;
  durationMs: number;
  generatorLoopP99: number;
}

/** One request of the HTTP workload; `check` says how to count gaps and duplicates in its answer. */
export interface HttpRequestSpec {
  url: string;
  cookie?: string;
  check: 'history' | 'groups' | 'none';
}

export type Command =
  | { cmd: 'connect'; members: Member[]; concurrency: number }
  | { cmd: 'subscribe'; concurrency: number }
  | { cmd: 'post'; groupId: string; body: string }
  | {
      cmd: 'send';
      /** Messages per second to send, per group this process sends for. */
      rates: Record<string, number>;
      durationMs: number;
      /** Stop after this many messages per group (the roll call sends one). */
      maxPerGroup?: number;
      /** Every `threadEvery`-th message of a group is a reply in this thread (Q&A). */
      threadIds?: Record<string, string>;
      threadEvery?: number;
    }
  | { cmd: 'drain'; targets: Record<string, number>; timeoutMs: number }
  | { cmd: 'http'; requests: HttpRequestSpec[]; connections: number; durationMs: number }
  /** Closes every client and forgets them, so the process can serve the next workload. */
  | { cmd: 'reset' }
  | { cmd: 'close' };

export type Reply =
  | { reply: 'connected'; connected: number; failed: number; ms: number; errorSamples: string[] }
  | {
      reply: 'subscribed';
      subscriptions: number;
      /** Answered with an error frame naming the group. */
      refused: number;
      /** Left unanswered because the server closed the connection (the client saw the close). */
      lost: number;
      /** Answered by nothing at all on an open connection. */
      unanswered: number;
      ms: number;
      errors: number;
      errorSamples: string[];
    }
  | { reply: 'posted'; messageId: string; seq: number }
  | {
      reply: 'sent';
      maxSeq: Record<string, number>;
      sent: number;
      acked: number;
      /** Answered with an error frame carrying the clientId. */
      refused: number;
      /** Lost with a connection the server closed. */
      lost: number;
      /** Answered by nothing at all within 60 s of the step's end. */
      unanswered: number;
      saturated: boolean;
    }
  | { reply: 'drained'; stats: ChatStats }
  | { reply: 'http'; stats: HttpStats }
  | { reply: 'closed' }
  | { reply: 'failed'; error: string };
