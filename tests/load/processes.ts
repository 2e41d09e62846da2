import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/server.ts';
import type { ProbeReading } from './probe.ts';
import type { Command, Reply } from './protocol.ts';

export const loadDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(loadDir, '../..');

/** A server process under measurement, with the probe preloaded. */
export interface MeasuredServer {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Starts a measurement window (event-loop delay and CPU). */
  reset(): Promise<void>;
  /** Reads the window so far; runs a full GC first so memory figures are comparable. */
  read(): Promise<ProbeReading>;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** The script, relative to the repo root. */
  script: string;
  /** The environment, given the port the server will listen on. */
  env?: (port: number) => Record<string, string>;
  /** Path of the health check answering 200 once the server listens. */
  healthPath: string;
  /** Where to write a CPU profile of this process, if one is wanted. */
  profileDir?: string | undefined;
}

/** Starts one server as its own process on a free loopback port and waits until it answers its health check. */
export async function startMeasured(options: StartOptions): Promise<MeasuredServer> {
  const port = await freePort();
  const flags = ['--expose-gc', '--import', path.join(loadDir, 'probe.ts')];
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    flags.push(
      '--cpu-prof',
      `--cpu-prof-dir=${options.profileDir}`,
      `--cpu-prof-name=${options.name}.cpuprofile`,
    );
  }
  const child = spawn(process.execPath, [...flags, options.script], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), ...options.env?.(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output = (output + chunk).slice(-20_000);
  });
  child.stderr!.on('data', (chunk) => {
    output = (output + chunk).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}${options.healthPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not start in time:\n${output}`);
    }
    await sleep(100);
  }
  const ask = <T>(message: object, answer: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.name} probe did not answer`)), 30_000);
      const listener = (reply: { probe?: string }) => {
        if (reply.probe !== answer) return;
        clearTimeout(timer);
        child.off('message', listener);
        resolve(reply as T);
      };
      child.on('message', listener);
      child.send(message);
    });
  return {
    name: options.name,
    url,
    port,
    child,
    output: () => output,
    reset: () => ask<void>({ probe: 'reset' }, 'reset'),
    read: () => ask<ProbeReading>({ probe: 'read' }, 'reading'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      // The server's own output (warnings, errors) stays with the results, for when a figure needs explaining.
      const logs = path.join(loadDir, 'results', 'logs');
      mkdirSync(logs, { recursive: true });
      writeFileSync(path.join(logs, `${options.name}.log`), output);
    },
  };
}

/** A forked load-generator process, driven command by command. */
export interface Generator {
  index: number;
  run<R extends Reply['reply']>(command: Command): Promise<Extract<Reply, { reply: R }>>;
  stop(): Promise<void>;
}

export function startGenerator(index: number): Generator {
  const child = fork(path.join(loadDir, 'generator.ts'), [], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let busy: Promise<unknown> = Promise.resolve();
  return {
    index,
    run<R extends Reply['reply']>(command: Command) {
      const result = busy.then(
        () =>
          new Promise<Extract<Reply, { reply: R }>>((resolve, reject) => {
            const onExit = () => reject(new Error(`generator ${index} exited during ${command.cmd}`));
            child.once('exit', onExit);
            child.once('message', (reply: Reply) => {
              child.off('exit', onExit);
              if (reply.reply === 'failed') reject(new Error(`generator ${index}: ${reply.error}`));
              else resolve(reply as Extract<Reply, { reply: R }>);
            });
            child.send(command);
          }),
      );
      busy = result.catch(() => undefined);
      return result;
    },
    async stop() {
      if (child.exitCode === null && child.connected) {
        await this.run({ cmd: 'close' }).catch(() => undefined);
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A private Redis for the redis-bus run, so the bench neither hears nor floods anyone else's channels. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => child.once('error', reject));
  const { createConnection } = await import('node:net');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await Promise.race([
      failed,
      new Promise<boolean>((resolve) => {
        const socket = createConnection(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
    ]);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await sleep(100);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
