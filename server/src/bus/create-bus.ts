import type { DatabaseHandle } from '@spejl/db';
import type { Config } from '../config.ts';
import { type Bus, createMemoryBus } from './bus.ts';
import { createPostgresBus } from './postgres-bus.ts';

/** Picks the bus adapter named by BUS. */
export async function createBus(
  config: Pick<Config, 'bus' | 'redisUrl' | 'databaseUrl'>,
  database: DatabaseHandle,
): Promise<Bus> {
  switch (config.bus) {
    case 'memory':
      return createMemoryBus();
    case 'postgres':
      if (!config.databaseUrl || database.kind !== 'postgres')
        throw new Error('BUS=postgres needs DATABASE_URL: PGlite has no LISTEN/NOTIFY across processes.');
      return createPostgresBus({ databaseUrl: config.databaseUrl, raw: database.raw });
    case 'redis': {
      if (!config.redisUrl) throw new Error('BUS=redis needs REDIS_URL.');
      // Loaded only when chosen: the client takes about a quarter of a second to import.
      const { createRedisBus } = await import('./redis-bus.ts');
      return createRedisBus({ url: config.redisUrl });
    }
  }
}
