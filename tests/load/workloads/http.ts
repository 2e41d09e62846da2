import { Histogram } from '../histogram.ts';
import type { Parameters } from '../options.ts';
import type { Generator, MeasuredServer } from '../processes.ts';
import type { HttpRequestSpec } from '../protocol.ts';

export interface HttpResult {
  name: string;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 200, by status (or error message). */
  failures: Record<string, number>;
  gaps: number;
  duplicates: number;
  serverEventLoopP99: number;
  serverCpuShare: number;
  generatorEventLoopP99: number;
}

/** Closed-loop HTTP load from the generator processes: each keeps N keep-alive connections busy for a while. */
export async function runHttp(
  name: string,
  server: MeasuredServer,
  requests: HttpRequestSpec[],
  parameters: Parameters,
  generators: Generator[],
): Promise<HttpResult> {
  {
    await server.reset();
    const replies = await Promise.all(
      generators.map((generator, index) =>
        generator.run<'http'>({
          cmd: 'http',
          // Each generator starts at a different request, so both do not walk the same groups in step.
          requests: [...requests.slice(index), ...requests.slice(0, index)],
          connections: parameters.w5.connectionsPerGenerator,
          durationMs: parameters.w5.seconds * 1000,
        }),
      ),
    );
    const reading = await server.read();
    const latency = new Histogram();
    const failures: Record<string, number> = {};
    let count = 0;
    let gaps = 0;
    let duplicates = 0;
    for (const { stats } of replies) {
      latency.merge(stats.latency);
      count += stats.requests;
      gaps += stats.gaps;
      duplicates += stats.duplicates;
      for (const [status, times] of Object.entries(stats.statuses))
        if (status !== '200') failures[status] = (failures[status] ?? 0) + times;
    }
    const seconds = Math.max(...replies.map((reply) => reply.stats.durationMs)) / 1000;
    return {
      name,
      requests: count,
      requestsPerSecond: count / seconds,
      p50: latency.percentile(50),
      p99: latency.percentile(99),
      max: latency.max,
      failures,
      gaps,
      duplicates,
      serverEventLoopP99: reading.eventLoopP99,
      serverCpuShare: reading.cpuShare,
      generatorEventLoopP99: Math.max(...replies.map((reply) => reply.stats.generatorLoopP99)),
    };
  }
}
