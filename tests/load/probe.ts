/**
 * Preloaded (`node --import`) into every server the bench measures, Spejl and baselines alike, so all are measured
 * the same way from outside their code: event-loop delay, CPU time and memory, read over the IPC channel.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProbeReading {
  probe: 'reading';
  eventLoopP50: number;
  eventLoopP99: number;
  eventLoopMax: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** CPU time (user + system) since the last reset, as a share of one core. */
  cpuShare: number;
}

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpuAt = process.cpuUsage();
  let resetAt = performance.now();
  process.on('message', (message: { probe?: string }) => {
    if (message.probe === 'reset') {
      delay.reset();
      cpuAt = process.cpuUsage();
      resetAt = performance.now();
      process.send!({ probe: 'reset' });
    } else if (message.probe === 'read') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) gc();
      const cpu = process.cpuUsage(cpuAt);
      const memory = process.memoryUsage();
      const reading: ProbeReading = {
        probe: 'reading',
        eventLoopP50: delay.percentile(50) / 1e6,
        eventLoopP99: delay.percentile(99) / 1e6,
        eventLoopMax: delay.max / 1e6,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        cpuShare: (cpu.user + cpu.system) / 1000 / Math.max(1, performance.now() - resetAt),
      };
      process.send!(reading);
    }
  });
  process.channel?.unref();
}
