import type { DatabaseHandle } from '@spejl/db';
import type { Config } from '../config.ts';
import { type Bus, createMemoryBus } from './bus.ts';

/** Picks the bus adapter named by BUS. */
export async function createBus(config: Pick<Config, 'bus'>, _database: DatabaseHandle): Promise<Bus> {
  if (config.bus === 'memory') return createMemoryBus();
  throw new Error(`BUS=${config.bus} is not available yet in this version; use BUS=memory (the default).`);
}
