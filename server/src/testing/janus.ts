import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningJanus {
  /** The HTTP API, for JANUS_URL. */
  url: string;
  /** The api_secret (and the VideoRoom admin_key), for JANUS_SECRET. */
  secret: string;
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The folders Debian's Janus was built with, read from its own configuration. */
function janusFolders(): Record<string, string> {
  const file = '/etc/janus/janus.jcfg';
  if (!existsSync(file))
    throw new Error(
      'Janus is not installed (no /etc/janus/janus.jcfg): apt-get install -y janus (.ci/run does)',
    );
  const text = readFileSync(file, 'utf8');
  const folders: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(
    /^\s*(plugins|transports|events|loggers)_folder\s*=\s*"([^"]+)"/gm,
  ))
    if (name && value) folders[name] = value;
  if (!folders.plugins || !folders.transports) throw new Error(`cannot read Janus's folders from ${file}`);
  return folders;
}

/** Every library in a folder but the ones we keep, for Janus's `disable` lists. */
function allBut(folder: string | undefined, keep: string[]): string {
  if (!folder || !existsSync(folder)) return '';
  return readdirSync(folder)
    .filter((name) => /^libjanus_.*\.so$/.test(name) && !keep.includes(name))
    .join(',');
}

/**
 * Starts a real Janus (Debian's package) for one test file: its own configuration folder with the HTTP API on a
 * free loopback port, an API secret, only the VideoRoom plugin and the HTTP transport (so nothing else takes a
 * port). Fails with a clear message when Janus is not installed: these tests never skip.
 */
export async function startJanus(): Promise<RunningJanus> {
  try {
    execFileSync('janus', ['--help'], { stdio: 'ignore' });
  } catch {
    throw new Error('Janus is not installed (no `janus` on PATH): apt-get install -y janus (.ci/run does)');
  }
  const folders = janusFolders();
  const dir = mkdtempSync(path.join(tmpdir(), 'spejl-janus-'));
  const port = await freePort();
  const secret = randomBytes(16).toString('hex');
  writeFileSync(
    path.join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = "${dir}"
  plugins_folder = "${folders.plugins}"
  transports_folder = "${folders.transports}"
  events_folder = "${folders.events ?? ''}"
  loggers_folder = "${folders.loggers ?? ''}"
  debug_level = 3
  api_secret = "${secret}"
  session_timeout = 60
}
media: {
}
nat: {
  ice_ignore_list = "vmnet"
}
plugins: {
  disable = "${allBut(folders.plugins, ['libjanus_videoroom.so'])}"
}
transports: {
  disable = "${allBut(folders.transports, ['libjanus_http.so'])}"
}
loggers: {
  disable = "${allBut(folders.loggers, [])}"
}
events: {
  broadcast = false
}
`,
  );
  writeFileSync(
    path.join(dir, 'janus.transport.http.jcfg'),
    `general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = ${port}
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
}
`,
  );
  writeFileSync(
    path.join(dir, 'janus.plugin.videoroom.jcfg'),
    `general: {
  admin_key = "${secret}"
  lock_rtp_forward = true
}
`,
  );
  const child: ChildProcess = spawn('janus', ['-F', dir, '-C', path.join(dir, 'janus.jcfg'), '-o'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/janus`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Janus exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ janus: 'info', transaction: 'ready' }),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Janus did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    secret,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Asks Janus directly (as an operator would) which VideoRoom rooms exist. */
export async function janusRooms(janus: RunningJanus): Promise<Array<{ room: number; description: string }>> {
  const post = async (url: string, body: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ ...body, transaction: randomBytes(6).toString('hex'), apisecret: janus.secret }),
    });
    return (await response.json()) as {
      data?: { id: number };
      plugindata?: { data: { list?: Array<{ room: number; description: string }> } };
    };
  };
  const session = (await post(janus.url, { janus: 'create' })).data?.id;
  const handle = (
    await post(`${janus.url}/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })
  ).data?.id;
  const answer = await post(`${janus.url}/${session}/${handle}`, {
    janus: 'message',
    body: { request: 'list', admin_key: janus.secret },
  });
  await post(`${janus.url}/${session}`, { janus: 'destroy' });
  return answer.plugindata?.data.list ?? [];
}
