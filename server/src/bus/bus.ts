/** A real-time event travelling between app processes. */
export interface BusEvent {
  channel: string;
  payload: unknown;
}

/**
 * Pub/sub between app processes. `memory` serves one process; `postgres` (LISTEN/NOTIFY) and `redis` carry
 * events across processes. Publish after commit, never inside a transaction.
 */
export interface Bus {
  readonly kind: 'memory' | 'postgres' | 'redis';
  publish(channel: string, payload: unknown): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(channel: string, handler: (payload: unknown) => void): () => void;
  close(): Promise<void>;
}

/**
 * The bus with `heard` told of every publish before it goes out: a process's caches forget what an event changes as
 * it is published, not when the event comes back to them (messages.memory.ts, groups.list-memory.ts).
 */
export function tellingOnPublish(bus: Bus, heard: (channel: string, payload: unknown) => void): Bus {
  return {
    kind: bus.kind,
    publish(channel, payload) {
      heard(channel, payload);
      return bus.publish(channel, payload);
    },
    subscribe: (channel, handler) => bus.subscribe(channel, handler),
    close: () => bus.close(),
  };
}

/** The single-process bus: delivery is a function call, in order. */
export function createMemoryBus(): Bus {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  return {
    kind: 'memory',
    async publish(channel, payload) {
      for (const handler of handlers.get(channel) ?? []) handler(payload);
    },
    subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(channel);
      };
    },
    async close() {
      handlers.clear();
    },
  };
}
