import type { RawSql } from '@spejl/db';
import postgres from 'postgres';
import type { Bus } from './bus.ts';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const maxNotifyBytes = 7999;

export interface PostgresBusOptions {
  /** The app's database; the bus opens two more connections to it, one for LISTEN and one for NOTIFY. */
  databaseUrl: string;
  /** The app's pool, for the `bus_payloads` table. */
  raw: RawSql;
  /** The PostgreSQL channel every event travels on. */
  pgChannel?: string;
  /** Shown in pg_stat_activity for the LISTEN connection (and, with `-notify`, the NOTIFY one). */
  applicationName?: string;
  /** How long a payload sent by reference stays readable. */
  payloadRetentionMs?: number;
  purgeIntervalMs?: number;
  /** Where failures no caller can receive go: a throwing handler, a malformed notification, a failed purge. */
  onError?: (error: unknown, context: string) => void;
}

interface Outgoing {
  channel: string;
  /** The payload as JSON, serialised at publish so later changes to the object do not travel. */
  payloadJson: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One event in a notification: the payload inline, or the id of its row in `bus_payloads`. */
type WireEvent = { c: string; p: unknown } | { c: string; r: number };

/**
 * The bus over LISTEN/NOTIFY on one PostgreSQL channel. Publishes made while the previous NOTIFY is on its way
 * (or in the same tick) leave together as one notification carrying an array; payloads too large for a
 * notification are stored in `bus_payloads` and travel by id.
 */
export async function createPostgresBus(options: PostgresBusOptions): Promise<Bus> {
  const { raw } = options;
  const pgChannel = options.pgChannel ?? 'spejl_bus';
  const retentionSeconds = (options.payloadRetentionMs ?? 5 * 60_000) / 1000;
  const onError = options.onError ?? logBusError;
  const local = createLocalHandlers(onError);

  let queue: Outgoing[] = [];
  let draining: Promise<void> | null = null;
  let receiving: Promise<void> = Promise.resolve();
  let closed = false;

  // postgres.js gives `listen` a connection of its own and, when it drops, reconnects and LISTENs again.
  const listener = postgres(options.databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'spejl-bus' },
  });
  // NOTIFY has a connection of its own too: on the app's pool every publish queued behind the message path's
  // queries (and took a connection from them). One connection also keeps the order by itself, so a batch's
  // notifications are pipelined instead of sent one round trip at a time.
  const notifier = postgres(options.databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: `${options.applicationName ?? 'spejl-bus'}-notify` },
  });
  try {
    await listener.listen(pgChannel, (text) => {
      // One at a time, so events keep their order while a notification waits for its stored payloads.
      receiving = receiving
        .then(() => receive(text))
        .catch((error) => onError(error, 'receiving a notification'));
    });
  } catch (error) {
    await Promise.all([listener.end({ timeout: 0 }), notifier.end({ timeout: 0 })]);
    throw error;
  }

  const purgeTimer = setInterval(() => void purge(), options.purgeIntervalMs ?? 60_000);
  purgeTimer.unref();
  void purge();

  async function purge() {
    try {
      await raw.query(`delete from bus_payloads where created_at < now() - make_interval(secs => $1)`, [
        retentionSeconds,
      ]);
    } catch (error) {
      if (!closed) onError(error, 'purging bus_payloads');
    }
  }

  /** Sends the queue in batches, one at a time so that notifications commit in publish order. */
  async function drain() {
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      await send(batch);
    }
    // Cleared in the same step that saw the queue empty, so a publish arriving afterwards starts a new drain.
    draining = null;
  }

  async function send(batch: Outgoing[]) {
    let wireEvents: string[];
    try {
      wireEvents = await Promise.all(batch.map(toWireEvent));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // Issued together on the one connection, which runs them in this order; each settles its own publishes.
    await Promise.all(
      pack(batch, wireEvents).map((notification) =>
        notifier`select pg_notify(${pgChannel}, ${notification.text})`.then(
          () => {
            for (const item of notification.items) item.resolve();
          },
          (error: unknown) => {
            for (const item of notification.items) item.reject(error);
          },
        ),
      ),
    );
  }

  async function toWireEvent(item: Outgoing): Promise<string> {
    const inline = `{"c":${JSON.stringify(item.channel)},"p":${item.payloadJson}}`;
    if (Buffer.byteLength(inline) + 2 <= maxNotifyBytes) return inline;
    const { rows } = await raw.query('insert into bus_payloads (payload) values ($1) returning id', [
      item.payloadJson,
    ]);
    return JSON.stringify({ c: item.channel, r: Number(rows[0]?.id) });
  }

  async function receive(text: string) {
    const events = parseNotification(text);
    const ids = events.flatMap((event) => ('r' in event ? [event.r] : []));
    const stored = new Map<number, string>();
    if (ids.length > 0) {
      const { rows } = await raw.query('select id, payload from bus_payloads where id = any($1::bigint[])', [
        ids,
      ]);
      for (const row of rows) stored.set(Number(row.id), String(row.payload));
    }
    for (const event of events) {
      if ('p' in event) {
        local.deliver(event.c, event.p);
        continue;
      }
      const payloadJson = stored.get(event.r);
      if (payloadJson === undefined) onError(new Error(`bus_payloads row ${event.r} is gone`), event.c);
      else local.deliver(event.c, JSON.parse(payloadJson));
    }
  }

  return {
    kind: 'postgres',
    async publish(channel, payload) {
      if (closed) throw new Error('The bus is closed.');
      const payloadJson = toJson(payload);
      await new Promise<void>((resolve, reject) => {
        queue.push({ channel, payloadJson, resolve, reject });
        draining ??= drain();
      });
    },
    subscribe: local.subscribe,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(purgeTimer);
      await draining;
      await Promise.all([listener.end({ timeout: 5 }), notifier.end({ timeout: 5 })]);
      await receiving;
      local.clear();
    },
  };
}

/** Packs events, in order, into as few notifications as stay under the NOTIFY limit. */
function pack(batch: Outgoing[], wireEvents: string[]) {
  const notifications: Array<{ text: string; items: Outgoing[] }> = [];
  let parts: string[] = [];
  let items: Outgoing[] = [];
  let bytes = 2;
  for (const [index, part] of wireEvents.entries()) {
    const partBytes = Buffer.byteLength(part);
    if (parts.length > 0 && bytes + 1 + partBytes > maxNotifyBytes) {
      notifications.push({ text: `[${parts.join(',')}]`, items });
      parts = [];
      items = [];
      bytes = 2;
    }
    bytes += (parts.length > 0 ? 1 : 0) + partBytes;
    parts.push(part);
    items.push(batch[index]!);
  }
  if (parts.length > 0) notifications.push({ text: `[${parts.join(',')}]`, items });
  return notifications;
}

/** The payload as JSON; refuses what JSON cannot carry rather than let it break the whole notification. */
export function toJson(payload: unknown): string {
  const json = JSON.stringify(payload);
  if (json === undefined) throw new TypeError('A bus payload must be JSON-serialisable.');
  return json;
}

function parseNotification(text: string): WireEvent[] {
  const value: unknown = JSON.parse(text);
  const valid =
    Array.isArray(value) &&
    value.every(
      (event) =>
        typeof event === 'object' &&
        event !== null &&
        typeof event.c === 'string' &&
        ('p' in event || typeof event.r === 'number'),
    );
  if (!valid) throw new Error(`not a bus notification: ${text.slice(0, 200)}`);
  return value as WireEvent[];
}

/** The default error sink: the bus runs outside any request, so there is no request logger to use. */
export function logBusError(error: unknown, context: string) {
  console.error(`[bus] ${context}:`, error);
}

/**
 * The handlers of one process, by channel. Shared by the cross-process adapters; it would sit better in bus.ts,
 * where the memory adapter could use it too.
 */
export function createLocalHandlers(onError: (error: unknown, context: string) => void) {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  return {
    subscribe(channel: string, handler: (payload: unknown) => void): () => void {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(channel) === set) handlers.delete(channel);
      };
    },
    deliver(channel: string, payload: unknown) {
      for (const handler of handlers.get(channel) ?? []) {
        // A failing handler (say, one dead socket) must not keep the event from the channel's other handlers.
        try {
          const result: unknown = handler(payload);
          if (result instanceof Promise) result.catch((error) => onError(error, `handler for ${channel}`));
        } catch (error) {
          onError(error, `handler for ${channel}`);
        }
      }
    },
    clear() {
      handlers.clear();
    },
  };
}
