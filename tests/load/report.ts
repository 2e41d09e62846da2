import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { StepResult } from './workloads/chat.ts';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  platform: string;
  kernel: string;
  loadAverageAtStart: number[];
}

export function machine(): Machine {
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}

export function commit(cwd: string): { commit: string; dirty: boolean } {
  try {
    const hash = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8' }).trim();
    return { commit: hash, dirty: status.length > 0 };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

/** A plain-text table with right-aligned numbers, for the terminal and for docs/BENCHMARKS.md. */
export function table(title: string, header: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = header.map((name, index) =>
    Math.max(name.length, ...cells.map((row) => row[index]!.length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join(' | ')} |`;
  return [
    `### ${title}`,
    '',
    line(header),
    `|${widths.map((width, index) => (index === 0 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...cells.map(line),
    '',
  ].join('\n');
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const count = (value: number) => Math.round(value).toLocaleString('en-US');
export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
/** A ratio as "0.42×", or "–" when there is nothing to divide by. */
export const ratio = (value: number | null | undefined, base: number | null | undefined) =>
  value === null || value === undefined || !base ? '–' : `${(value / base).toFixed(2)}×`;

export function stepRow(name: string, step: StepResult): Array<string | number> {
  return [
    name,
    step.ratePerGroup,
    count(step.deliveriesPerSecond),
    ms(step.p50),
    ms(step.p95),
    ms(step.p99),
    ms(step.serverEventLoopP99),
    `${Math.round(step.serverCpuShare * 100)}%`,
    ms(step.generatorEventLoopP99),
    step.gaps,
    step.duplicates,
    step.errors + (step.saturated ? ' sat' : ''),
    step.sendsUnanswered ?? '–',
  ];
}

export const stepHeader = [
  'server',
  'msg/s per group',
  'deliveries/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'server loop p99',
  'server CPU',
  'generator loop p99',
  'gaps',
  'dups',
  'errors',
  'no answer',
];
