import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

/**
 * The first step of `pnpm test`: makes sure what the tests talk to is there, before any test runs. The tests use real
 * parts and never skip: Chromium (browser tests), Janus (video tests), PostgreSQL and Redis (several server processes
 * and the bus adapters). Run as root on Debian, it installs Chromium and Janus and starts PostgreSQL and Redis; anywhere
 * else it says in one line what is missing and the command that fixes it, and stops.
 */

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const postgresUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const isRoot = process.getuid?.() === 0;
const hasApt = onPath('apt-get');

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function say(line: string): void {
  console.log(`[test prerequisites] ${line}`);
}

function stop(line: string): never {
  console.error(`[test prerequisites] ${line}`);
  process.exit(1);
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
}

let aptUpdated = false;
function aptInstall(packages: string[]): void {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) run('apt-get', ['update', '-qq'], env);
  aptUpdated = true;
  run('apt-get', ['install', '-y', '-qq', ...packages], env);
}

function answers(url: URL, defaultPort: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(url: URL, defaultPort: number, seconds: number): Promise<boolean> {
  for (let attempt = 0; attempt < seconds; attempt += 1) {
    if (await answers(url, defaultPort)) return true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}

// Chromium and Janus come from Debian's packages.
const missingPackages = [
  ...(existsSync(chromiumPath) ? [] : ['chromium']),
  ...(onPath('janus') ? [] : ['janus']),
];
if (missingPackages.length > 0) {
  const install = `apt-get install -y ${missingPackages.join(' ')}`;
  if (!isRoot || !hasApt)
    stop(`missing ${missingPackages.join(' and ')} for the browser and video tests: run \`sudo ${install}\``);
  say(`installing ${missingPackages.join(' and ')} from Debian's packages (${install})`);
  aptInstall(missingPackages);
}

// PostgreSQL: started when it is installed here but not running.
if (!(await answers(postgresUrl, 5432))) {
  const where = `${postgresUrl.hostname}:${postgresUrl.port || 5432}`;
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (!isRoot || !onPath('pg_ctlcluster') || versions.length === 0)
    stop(
      `PostgreSQL is not answering at ${where}: start it (\`sudo pg_ctlcluster <version> main start\`), ` +
        'or set TEST_DATABASE_URL to one that answers',
    );
  say(`starting PostgreSQL ${versions[0]}`);
  run('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0] as string, 'main', 'start']);
  if (!(await waitFor(postgresUrl, 5432, 30))) stop(`PostgreSQL was started but does not answer at ${where}`);
}

// Redis keeps nothing on disk here: the tests only use its pub/sub.
if (!(await answers(redisUrl, 6379))) {
  const where = `${redisUrl.hostname}:${redisUrl.port || 6379}`;
  if (!onPath('redis-server')) {
    if (!isRoot || !hasApt)
      stop(
        `Redis is not answering at ${where}: run \`sudo apt-get install -y redis-server\` and start it, or set TEST_REDIS_URL`,
      );
    say('installing redis-server from Debian’s packages');
    aptInstall(['redis-server']);
  }
  say(`starting Redis at ${where}`);
  run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    redisUrl.hostname,
    '--port',
    String(redisUrl.port || 6379),
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  if (!(await waitFor(redisUrl, 6379, 30))) stop(`Redis was started but does not answer at ${where}`);
}

say('Chromium, Janus, PostgreSQL and Redis are ready');
