/**
 * `pnpm bench`: the load benchmark. Starts every server it measures as its own process (Spejl on PostgreSQL, a bare
 * `ws` broadcast server, a Socket.IO rooms server, a Fastify hello-world), drives them from forked generator
 * processes, prints a table and writes JSON to tests/load/results/. Any gap or duplicate fails the run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDb } from '@spejl/db';
import postgres from 'postgres';
import { type Options, parseOptions, type TargetName } from './options.ts';
import {
  loadDir,
  type MeasuredServer,
  repoRoot,
  startGenerator,
  startMeasured,
  startRedis,
} from './processes.ts';
import { summariseProfile } from './profile-summary.ts';
import type { HttpRequestSpec } from './protocol.ts';
import { commit, machine } from './report.ts';
import { type BenchResults, evaluate, render } from './results.ts';
import { type SeededGroup, seedGroups, seedHistory } from './seed.ts';
import { runHttp } from './workloads/http.ts';
import { runLargeGroupMemory } from './workloads/memory.ts';
import { type ChatTarget, runHeldAndGroupChat, runTwoNodes, runWebinar } from './workloads/realtime.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const started = new Date();
const log = (line: string) =>
  process.stdout.write(`  [${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

/** Everything started, so a failure or Ctrl-C still stops it and drops the database. */
const cleanups: Array<() => Promise<unknown>> = [];

async function createDatabase(): Promise<string> {
  const name = `spejl_bench_${started.getTime().toString(36)}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    await dropper.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function startSpejl(
  name: string,
  databaseUrl: string,
  extra: Record<string, string>,
  profileDir?: string,
): Promise<MeasuredServer> {
  return startMeasured({
    name,
    script: 'server/src/main.ts',
    healthPath: '/api/health',
    profileDir,
    env: (port) => ({
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: `http://localhost:${port}`,
      DATABASE_URL: databaseUrl,
      SERVE_WEB: 'false',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      BUS: 'memory',
      // Every generator connects from 127.0.0.1, up to 10,000 sockets at once (W1); the cap per address (200 by
      // default) is for real clients. The cap per person (20) stays: each simulated person holds one socket.
      WS_MAX_SOCKETS_PER_IP: '0',
      ...extra,
    }),
  });
}

async function track(server: Promise<MeasuredServer>): Promise<MeasuredServer> {
  const running = await server;
  cleanups.push(() => running.stop());
  return running;
}

async function main(options: Options): Promise<number> {
  const { parameters } = options;
  const runs = options.workloads;
  const results: BenchResults = {
    tool: 'spejl-bench',
    mode: parameters.mode,
    startedAt: started.toISOString(),
    finishedAt: '',
    seconds: 0,
    ...commit(repoRoot),
    machine: machine(),
    setup: {
      database: 'PostgreSQL at 127.0.0.1:5432 (a fresh spejl_bench_* database, dropped afterwards)',
      spejl:
        'node server/src/main.ts, SERVE_WEB=false, LOG_LEVEL=warn, BUS=memory (W1–W3, W5); BUS=postgres|redis (W4)',
      generators: `${parameters.generators} forked generator processes (node tests/load/generator.ts); W1–W4 give each group to one generator (W3 spreads the room over all)`,
      clock:
        'latency = receive time − the sender timestamp in the message body, both performance.timeOrigin + performance.now() on this machine',
    },
    parameters,
    workloads: [...runs].sort(),
    w1: {},
    w2: {},
    w3: {},
    w4: {},
    w5: {},
    w6: {},
    targets: [],
    failures: [],
    pass: false,
  };
  const profileDir = options.profile
    ? path.join(loadDir, 'results', 'profiles', started.toISOString().replace(/[:.]/g, '-'))
    : undefined;

  log(
    `mode ${parameters.mode}; workloads ${[...runs].sort().join(', ')}; ${parameters.generators} generator processes`,
  );
  const databaseUrl = await createDatabase();
  let spejl = await track(startSpejl('spejl', databaseUrl, {}, profileDir));
  log(`spejl listening on ${spejl.url} (PostgreSQL, memory bus)`);

  // The generator processes live for the whole run; each workload opens and closes its own clients in them.
  const generators = Array.from({ length: parameters.generators }, (_, index) => startGenerator(index));
  cleanups.push(() => Promise.all(generators.map((generator) => generator.stop())));
  const database = await createDb({ databaseUrl, poolSize: 4 });
  let population: SeededGroup[] = [];
  let room: SeededGroup | undefined;
  let history: SeededGroup | undefined;
  try {
    if (runs.has('W1') || runs.has('W4'))
      population = await seedGroups(database.db, 'chat', {
        groupCount: Math.max(parameters.w1.groups, runs.has('W4') ? parameters.w4.groups : 0),
        membersPerGroup: Math.max(parameters.w1.membersPerGroup, parameters.w4.membersPerGroup),
      });
    // W6's large group is W3's room: the same 2,001 people, seeded once.
    if (runs.has('W3') || runs.has('W6'))
      [room] = await seedGroups(database.db, 'room', {
        groupCount: 1,
        membersPerGroup: parameters.w3.attendees + 1,
      });
    if (runs.has('W5')) {
      [history] = await seedGroups(database.db, 'history', { groupCount: 1, membersPerGroup: 20 });
      await seedHistory(database.db, history!, parameters.w5.historyMessages);
    }
  } finally {
    await database.close();
  }
  log(`seeded ${population.length} groups, ${room ? 1 : 0} room, ${history ? 1 : 0} history group`);

  // W5 first, on the freshly started server: HTTP against a server still busy with earlier sockets measures those.
  if (runs.has('W5') && history) {
    log('W5: HTTP');
    const hello = await track(
      startMeasured({ name: 'hello', script: 'tests/load/servers/hello.ts', healthPath: '/health' }),
    );
    const members = history.members;
    const page = parameters.w5.pageSize;
    // Pages across the whole history: the newest page and pages before older seqs, for every member in turn.
    const historyRequests = members.flatMap((member, index) => {
      const before =
        index % 2 === 0
          ? ''
          : `&before=${page + 1 + ((index * 37) % (parameters.w5.historyMessages - page))}`;
      return [
        {
          url: `${spejl.url}/api/groups/${history!.id}/messages?limit=${page}${before}`,
          cookie: member.cookie,
          check: 'history' as const,
        },
      ];
    });
    const listRequests = members.map((member) => ({
      url: `${spejl.url}/api/groups`,
      cookie: member.cookie,
      check: 'groups' as const,
    }));
    {
      const measure = async (name: string, server: MeasuredServer, requests: HttpRequestSpec[]) => {
        const result = await runHttp(name, server, requests, parameters, generators);
        log(`${name}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99.toFixed(1)} ms`);
        return result;
      };
      results.w5.history = await measure('history page', spejl, historyRequests);
      results.w5.groups = await measure('group list', spejl, listRequests);
      results.w5.hello = await measure('hello world', hello, [{ url: `${hello.url}/hello`, check: 'none' }]);
    }
    await hello.stop();
  }
  const baselines: Partial<Record<TargetName, MeasuredServer>> = {};
  if (runs.has('W1') || runs.has('W2') || runs.has('W3')) {
    const [ws, socketio] = await Promise.all([
      options.targets.has('ws')
        ? track(
            startMeasured({
              name: 'ws',
              script: 'tests/load/servers/ws-broadcast.ts',
              healthPath: '/health',
            }),
          )
        : undefined,
      options.targets.has('socketio')
        ? track(
            startMeasured({
              name: 'socketio',
              script: 'tests/load/servers/socketio-rooms.ts',
              healthPath: '/health',
            }),
          )
        : undefined,
    ]);
    if (ws) baselines.ws = ws;
    if (socketio) baselines.socketio = socketio;
  }
  const chatTargets: ChatTarget[] = [];
  if (baselines.ws) chatTargets.push({ name: 'ws', kind: 'ws', servers: [baselines.ws] });
  if (baselines.socketio)
    chatTargets.push({ name: 'socketio', kind: 'socketio', servers: [baselines.socketio] });
  if (options.targets.has('spejl')) chatTargets.push({ name: 'spejl', kind: 'spejl', servers: [spejl] });

  const w1Groups = population.slice(0, parameters.w1.groups).map((group) => ({
    ...group,
    members: group.members.slice(0, parameters.w1.membersPerGroup),
  }));
  for (const target of chatTargets) {
    if (runs.has('W1')) {
      log(`W1+W2 on ${target.name}`);
      const { w1, w2 } = await runHeldAndGroupChat(target, w1Groups, parameters, generators, log);
      results.w1[target.name] = w1;
      results.w2[target.name] = w2;
    }
    if (runs.has('W3') && room) {
      log(`W3 on ${target.name}`);
      results.w3[target.name] = await runWebinar(target, room, parameters, generators, log);
    }
  }
  for (const baseline of Object.values(baselines)) await baseline.stop();

  await spejl.stop();

  if (runs.has('W6') && room && options.targets.has('spejl')) {
    log('W6: memory of one large group, on a fresh server');
    const fresh = await track(startSpejl('spejl-memory', databaseUrl, {}));
    results.w6.group = await runLargeGroupMemory(fresh, room, parameters, generators, log);
    await fresh.stop();
  }

  if (runs.has('W4')) {
    const w4Groups = population.slice(0, parameters.w4.groups).map((group) => ({
      ...group,
      members: group.members.slice(0, parameters.w4.membersPerGroup),
    }));
    // Both pairs start together (each node spends its first seconds loading code); the idle pair waits its turn.
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const pairs = await Promise.all(
      (['postgres', 'redis'] as const).map(async (bus) => {
        const extra = { BUS: bus, ...(bus === 'redis' ? { REDIS_URL: redis.url } : {}) };
        const nodes = await Promise.all([
          track(startSpejl(`spejl-${bus}-1`, databaseUrl, extra)),
          track(startSpejl(`spejl-${bus}-2`, databaseUrl, extra)),
        ]);
        return { bus, nodes };
      }),
    );
    for (const { bus, nodes } of pairs) {
      log(`W4: two nodes, ${bus} bus`);
      results.w4[bus] = await runTwoNodes(
        { name: `spejl ${bus} bus`, kind: 'spejl', servers: nodes },
        w4Groups,
        parameters,
        generators,
        log,
      );
      for (const node of nodes) await node.stop();
    }
    await redis.stop();
    if (!runs.has('W2')) {
      // The one-node figure the added latency is measured against, on the same population and database.
      log('W4: one node, memory bus, for comparison');
      spejl = await track(startSpejl('spejl-one-node', databaseUrl, {}));
      results.w4.oneNode = await runTwoNodes(
        { name: 'spejl one node', kind: 'spejl', servers: [spejl] },
        w4Groups,
        parameters,
        generators,
        log,
      );
      await spejl.stop();
    }
  }

  results.finishedAt = new Date().toISOString();
  results.seconds = (Date.now() - started.getTime()) / 1000;
  evaluate(results);
  const text = render(results);
  process.stdout.write(`\n${text}\n`);
  const folder = path.join(loadDir, 'results');
  mkdirSync(folder, { recursive: true });
  const file = path.join(
    folder,
    `bench-${parameters.mode}-${started.toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(folder, `latest-${parameters.mode}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(folder, `latest-${parameters.mode}.md`), `${text}\n`);
  process.stdout.write(`Results: ${path.relative(repoRoot, file)}\n`);
  if (profileDir) process.stdout.write(`\n${summariseProfile(path.join(profileDir, 'spejl.cpuprofile'))}\n`);
  if (!results.pass)
    process.stdout.write(`\nFAILED:\n${results.failures.map((line) => `  - ${line}`).join('\n')}\n`);
  return results.pass ? 0 : 1;
}

async function cleanup() {
  for (const step of cleanups.reverse()) await step().catch(() => undefined);
  cleanups.length = 0;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stdout.write('\nstopping: cleaning up the servers and the database\n');
    cleanup().finally(() => process.exit(130));
  });

let options: Options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
main(options)
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    await cleanup();
    process.exit(1);
  });
