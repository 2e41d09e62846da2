/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): where the self time went, by function and by package.
 * Run on its own: `node tests/load/profile-summary.ts <file.cpuprofile>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** Which package or part of the code a script belongs to. */
function areaOf(url: string): string {
  if (!url) return '(native / GC / idle)';
  if (url.startsWith('node:')) return 'node core';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const match = /\/(server|shared|db|tests)\/src\/(.*)$/.exec(url) ?? /\/(tests)\/(.*)$/.exec(url);
  return match ? `${match[1]}/src/${path.dirname(match[2]!)}` : url;
}

export function summariseProfile(file: string, top = 20): string {
  if (!existsSync(file)) return `(no CPU profile at ${file})`;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const hits = new Map<number, number>();
  for (const sample of profile.samples) hits.set(sample, (hits.get(sample) ?? 0) + 1);
  const total = profile.samples.length;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (count === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += count;
      continue;
    }
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^file:\/\/.*?\/(node_modules|server|shared|db|tests)\//, '$1/')}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + count);
    const area = areaOf(url);
    byArea.set(area, (byArea.get(area) ?? 0) + count);
  }
  const busy = total - idle;
  const share = (count: number) => `${((count / Math.max(1, busy)) * 100).toFixed(1).padStart(5)}%`;
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => `  ${share(count)}  ${name}`);
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  return [
    `CPU profile ${path.basename(file)}: ${seconds.toFixed(0)} s, busy ${((busy / Math.max(1, total)) * 100).toFixed(0)}% of samples; shares of busy time:`,
    'By package or folder:',
    ...list(byArea),
    'By function (self time):',
    ...list(byFunction),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node tests/load/profile-summary.ts <file.cpuprofile>\n');
    process.exit(2);
  }
  process.stdout.write(`${summariseProfile(file, Number(process.argv[3] ?? 25))}\n`);
}
