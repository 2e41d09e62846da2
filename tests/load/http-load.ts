/** The HTTP part of a generator process (W5): a closed loop over keep-alive connections. */
import http from 'node:http';
import type { ELDHistogram } from 'node:perf_hooks';
import { Histogram } from './histogram.ts';
import type { Command, HttpRequestSpec, HttpStats } from './protocol.ts';

function get(agent: http.Agent, spec: HttpRequestSpec): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      spec.url,
      { agent, headers: spec.cookie ? { cookie: spec.cookie } : {} },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

/** Counts gaps and duplicates in one answer: a history page's seqs must be consecutive and its clientIds unique. */
function checkAnswer(spec: HttpRequestSpec, body: string, result: HttpStats) {
  if (spec.check === 'none') return;
  const parsed = JSON.parse(body) as { items: Array<{ id: string; seq: number; clientId: string }> };
  if (spec.check === 'groups') {
    const ids = new Set(parsed.items.map((item) => item.id));
    result.duplicates += parsed.items.length - ids.size;
    return;
  }
  const clientIds = new Set<string>();
  for (let index = 0; index < parsed.items.length; index += 1) {
    const item = parsed.items[index]!;
    if (clientIds.has(item.clientId)) result.duplicates += 1;
    clientIds.add(item.clientId);
    if (index === 0) continue;
    const step = item.seq - parsed.items[index - 1]!.seq;
    if (step <= 0) result.duplicates += 1;
    else if (step > 1) result.gaps += step - 1;
  }
}

/** Keeps `connections` keep-alive connections busy for the duration, counting answers, latency, gaps and duplicates. */
export async function httpLoad(
  command: Extract<Command, { cmd: 'http' }>,
  loopDelay: ELDHistogram,
): Promise<HttpStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: command.connections });
  const histogram = new Histogram();
  const result: HttpStats = {
    requests: 0,
    latency: histogram.toJSON(),
    statuses: {},
    gaps: 0,
    duplicates: 0,
    durationMs: 0,
    generatorLoopP99: 0,
  };
  loopDelay.reset();
  const started = performance.now();
  const end = started + command.durationMs;
  let turn = 0;
  await Promise.all(
    Array.from({ length: command.connections }, async () => {
      while (performance.now() < end) {
        const spec = command.requests[turn++ % command.requests.length]!;
        const sentAt = performance.now();
        try {
          const answer = await get(agent, spec);
          histogram.record(performance.now() - sentAt);
          result.requests += 1;
          result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
          if (answer.status === 200) checkAnswer(spec, answer.body, result);
        } catch (error) {
          result.statuses[(error as Error).message] = (result.statuses[(error as Error).message] ?? 0) + 1;
        }
      }
    }),
  );
  result.durationMs = performance.now() - started;
  result.latency = histogram.toJSON();
  result.generatorLoopP99 = loopDelay.percentile(99) / 1e6;
  agent.destroy();
  return result;
}
