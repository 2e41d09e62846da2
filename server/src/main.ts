import { createDb, FolderLockedError } from '@spejl/db';
import { demoPassword, isEmpty, seedDemoData } from '@spejl/db/seed';
import { buildApp } from './app.ts';
import { createBus } from './bus/create-bus.ts';
import { startJobs } from './jobs/jobs.ts';
import { retentionQueue } from './modules/privacy/privacy.retention.ts';
import { attachmentSweepQueue } from './modules/messages/messages.attachments.ts';
import { digestQueue } from './modules/digests/digests.service.ts';
import { createDiskStorage } from './files/storage.ts';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { hashPassword } from './modules/auth/auth.password.ts';
import { mountWeb } from './web.ts';
import { createLogDestination, serializeError } from './logging.ts';

/** `pnpm start`: one process, one port — the API, the WebSocket and the built web app. */
async function main() {
  const config = loadConfig();
  const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();

  let demo: Awaited<ReturnType<typeof seedDemoData>> | null = null;
  // Demo accounts share a published password: only on a first start, on this machine's own address, never in
  // production, so a server reachable under a real name never gets them even when NODE_ENV was forgotten.
  const localOrigin = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(config.publicOrigin).hostname);
  if (
    database.kind === 'pglite' &&
    config.nodeEnv !== 'production' &&
    localOrigin &&
    (await isEmpty(database.db))
  ) {
    demo = await seedDemoData(database.db, hashPassword);
  }

  const bus = await createBus(config, database);
  const jobs = await startJobs(database, {
    scheduling: true,
    onError: (error) => process.stderr.write(`job queue: ${(error as Error).message}\n`),
  });
  const logs = createLogDestination();
  const app = await buildApp({
    database,
    bus,
    jobs,
    config,
    storage: createDiskStorage(path.join(config.dataDir, 'files')),
    logLevel: config.logLevel,
    logStream: logs.stream,
    video: {
      adapter: config.video,
      janusUrl: config.janusUrl,
      janusSecret: config.janusSecret,
      ice: config.ice,
      p2pMaxViewers: config.p2pMaxViewers,
    },
  });
  // Retention rules run every night at 03:17 UTC, once across all server processes.
  await jobs.schedule(retentionQueue, '17 3 * * *');
  // Files of deleted messages and uploads never sent: hourly, and once now for what a stop left behind.
  await jobs.schedule(attachmentSweepQueue, '41 * * * *');
  await jobs.send(attachmentSweepQueue, {}, { singletonKey: 'start' });
  // Email digests: hourly, each person's at 07:00 their time (or the first run after); claimed once per period.
  await jobs.schedule(digestQueue, '5 * * * *');
  if (config.serveWeb)
    await mountWeb(app, { publicOrigin: config.publicOrigin, production: config.nodeEnv === 'production' });

  // A stop always ends within 15 s: nothing on the way blocks the main thread (the log destination never writes
  // synchronously), so the force-exit timer can fire whatever happens to the database or the log's reader.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long, exiting');
      void logs.flush(500).finally(() => process.exit(1));
    }, 14_000);
    force.unref();
    // Keep-alive sockets that go idle after their last answer would otherwise hold the close open.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
    let code = 0;
    try {
      await app.close();
      await jobs.stop();
      await bus.close();
      await database.close();
    } catch (error) {
      app.log.error({ err: error }, 'error during shutdown');
      code = 1;
    }
    await logs.flush(500);
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const lines = [
    '',
    `  Spejl is running at ${config.publicOrigin}`,
    `  Database: ${database.kind}${database.kind === 'pglite' ? ` (${config.dataDir})` : ''} · bus: ${bus.kind}`,
  ];
  if (demo) {
    lines.push('', `  Demo accounts (password for all: ${demoPassword}):`);
    for (const user of demo.users) lines.push(`    ${user.persona.padEnd(12)} ${user.email}`);
    lines.push(
      '    a mentorship maria@spejl.test with birgitte@spejl.test (their conversation has a video call)',
      '  Moderator, coordinator and admin powers need two-step verification: turn it on under "Min konto".',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof FolderLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    // The cause says what the database answered (drizzle's own message only names the statement).
    const { stack, cause } = serializeError(error);
    const reason = cause ? `\ncaused by: ${(cause as { message: string }).message}` : '';
    process.stderr.write(`Spejl could not start: ${stack}${reason}\n`);
  }
  process.exit(1);
});
