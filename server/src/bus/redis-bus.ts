import { createClient } from 'redis';
import type { Bus } from './bus.ts';
import { createLocalHandlers, logBusError, toJson } from './postgres-bus.ts';

export interface RedisBusOptions {
  url: string;
  /** Put before every channel name in Redis, so several deployments (or test runs) can share one Redis. */
  channelPrefix?: string;
  /** Shown by CLIENT LIST, with `-publisher` or `-subscriber` after it. */
  connectionName?: string;
  /** Where failures that no caller can receive go: a throwing handler, a dropped connection. */
  onError?: (error: unknown, context: string) => void;
}

/** Tries at start-up before giving up, so a wrong REDIS_URL stops the start instead of hanging it. */
const connectAttempts = 5;

/**
 * The bus over Redis pub/sub: one connection publishes, one holds a single pattern subscription to every
 * channel under the prefix, and events are routed to this process's handlers by channel name.
 */
export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const prefix = options.channelPrefix ?? 'spejl:';
  const name = options.connectionName ?? 'spejl-bus';
  const onError = options.onError ?? logBusError;
  const local = createLocalHandlers(onError);
  let closed = false;

  let connected = false;
  const publisher = createClient({
    url: options.url,
    name: `${name}-publisher`,
    socket: {
      // Once connected, node-redis reconnects forever (and subscribes again); before that, give up soon.
      reconnectStrategy: (retries, cause) =>
        !connected && retries >= connectAttempts ? cause : Math.min(2 ** retries * 50, 2000),
    },
  });
  const subscriber = publisher.duplicate({ name: `${name}-subscriber` });
  publisher.on('error', (error) => onError(error, 'redis publisher connection'));
  subscriber.on('error', (error) => onError(error, 'redis subscriber connection'));

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    connected = true;
    await subscriber.pSubscribe(`${escapePattern(prefix)}*`, (message, redisChannel) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch (error) {
        onError(error, `malformed message on ${redisChannel}`);
        return;
      }
      local.deliver(redisChannel.slice(prefix.length), payload);
    });
  } catch (error) {
    publisher.destroy();
    subscriber.destroy();
    throw error;
  }

  return {
    kind: 'redis',
    async publish(channel, payload) {
      if (closed) throw new Error('The bus is closed.');
      await publisher.publish(prefix + channel, toJson(payload));
    },
    subscribe: local.subscribe,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([publisher.close(), subscriber.close()]);
      local.clear();
    },
  };
}

/** Escapes Redis glob characters, so the prefix matches only itself. */
function escapePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, (character) => `\\${character}`);
}
