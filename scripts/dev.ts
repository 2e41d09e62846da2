import { spawn } from 'node:child_process';

/**
 * `pnpm dev`: the API server restarting on change (port 3000) and Vite's dev server with hot reload (port 5173),
 * which proxies /api (and the WebSocket) to the API. Open http://localhost:5173.
 */
const children = [
  spawn(
    process.execPath,
    ['--watch-path=server/src', '--watch-path=shared/src', '--watch-path=db/src', 'server/src/main.ts'],
    {
      stdio: 'inherit',
      env: { ...process.env, PORT: '3000', PUBLIC_ORIGIN: 'http://localhost:5173', SERVE_WEB: 'false' },
    },
  ),
  spawn('pnpm', ['--filter', '@spejl/web', 'dev', '--port', '5173', '--strictPort'], {
    stdio: 'inherit',
    env: process.env,
  }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
