import DataLoader from 'dataloader';

/**
 * A read asked for many keys at once: the keys asked while the previous read of the same kind is on its way go
 * together in the next one, and a key asked when none is on its way goes at the end of this turn of the event loop.
 * So an idle server answers as soon as before, and a busy one (10,000 sockets opening after a restart, bench W1)
 * sends one statement for the many people who arrived during the last one's round trip instead of one each.
 *
 * DataLoader does the batching; what it does not have is this schedule (it batches within one tick, and sockets
 * arrive one per turn of the loop), which is the few lines below. Nothing is kept between reads (`cache: false`):
 * the caches that know when to forget (the session cache, the chat's memory) do that.
 */
export function batchedReads<K, V>(
  read: (keys: readonly K[]) => Promise<Array<V | undefined>>,
  options: { maxBatchSize?: number } = {},
): (key: K) => Promise<V | undefined> {
  let running = 0;
  let waiting: Array<() => void> = [];
  const startNext = () => {
    const next = waiting;
    waiting = [];
    for (const dispatch of next) dispatch();
  };
  const loader = new DataLoader<K, V | undefined>(
    async (keys) => {
      running += 1;
      try {
        return await read(keys);
      } finally {
        running -= 1;
        if (running === 0) setImmediate(startNext);
      }
    },
    {
      cache: false,
      maxBatchSize: options.maxBatchSize ?? 500,
      batchScheduleFn: (dispatch) => {
        if (running > 0) waiting.push(dispatch);
        else setImmediate(dispatch);
      },
    },
  );
  return (key) => loader.load(key);
}
