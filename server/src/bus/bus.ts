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
