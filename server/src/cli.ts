import { parseArgs } from 'node:util';
import { createDb, type DatabaseHandle, FolderLockedError, sessions, users, userTokens } from '@spejl/db';
import { demoPassword, seedDemoData } from '@spejl/db/seed';
import { isVisibleText, limits, platformRoles } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyBaseLogger } from 'fastify';
import { systemClock } from './clock.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { AppError } from './http/errors.ts';
import { createAdminUsersRepository } from './modules/admin-users/admin-users.repository.ts';
import {
  associationOptions,
  associationUsage,
  planAssociationCommand,
} from './modules/associations/associations.cli.ts';
import { groupOptions, groupUsage, planGroupCommand } from './modules/groups/groups.cli.ts';
import { createAdminUsersService } from './modules/admin-users/admin-users.service.ts';
import { createAccountCommands } from './modules/auth/auth.accounts.ts';
import { hashPassword } from './modules/auth/auth.password.ts';
import { generateToken, hashToken } from './modules/auth/auth.tokens.ts';
import { createMailer } from './modules/mail/mail.service.ts';
import { createDigestsService } from './modules/digests/digests.service.ts';
import { createModerationRepository } from './modules/moderation/moderation.repository.ts';

const usage = `Usage: pnpm spejl <command> [options]

Commands:
  user:create --email E --display-name N [--role member|coordinator|admin]
                                      prints a single-use link (48 hours) where the person chooses their
                                      own password; give it to them, never a password you chose
  user:role   --email E --role member|coordinator|admin [--reason R]
                                      never demotes the last admin
  user:lock   --email E --reason R [--hours H]
                                      lock an account and end its sessions (default: until unlocked);
                                      the person gets a mail with the reason
  user:unlock --email E [--reason R]
  user:mfa-reset --email E --reason R turn off a person's TOTP and recovery codes after checking who they
                                      are (lost phone); ends all their sessions and mails them the reason
  sessions:end --email E | --all      end the sessions of one person, or of everyone
The user:* commands use the same service as the web's administration: each change is in the audit log.
${associationUsage}
${groupUsage}
  mail:digests --now                  send the email digests that are due now (as the hourly job does; each
                                      person's at most once per day or week) and print how many went out
  db:migrate                          apply the committed migrations
  db:seed                             write the demo data (never in production)

Works on the embedded database (SPEJL_DATA_DIR) or PostgreSQL (DATABASE_URL).`;

class UsageError extends Error {}

/** How long the link of a new account (where the person chooses their password) works. */
const setupLinkTtlMs = 48 * 60 * 60 * 1000;

const email = z
  .email()
  .max(limits.email)
  .transform((value) => value.trim().toLowerCase());
const role = z.enum(platformRoles);

const reason = z.string().trim().min(3).max(500);

/** The mailer over the CLI's database: SMTP when configured, the outbox otherwise, as the server's. */
function mailerOf(database: DatabaseHandle, config: Config) {
  const logger = {
    error: (_context: unknown, message: string) => process.stderr.write(`spejl: ${message}\n`),
  } as unknown as FastifyBaseLogger;
  return createMailer({
    db: database.db,
    clock: systemClock,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    logger,
  });
}

/** The administration's service over the CLI's database: no bus (sockets close on the gateway's next heartbeat). */
function adminUsersOf(database: DatabaseHandle, config: Config) {
  const mailer = mailerOf(database, config);
  const moderation = createModerationRepository(database.db);
  return createAdminUsersService({
    repository: createAdminUsersRepository(database.db),
    accounts: createAccountCommands({ db: database.db, clock: systemClock }),
    clock: systemClock,
    mailer,
    publicOrigin: config.publicOrigin,
    audit: (entries, executor) => moderation.audit(entries, executor),
  });
}

const operator = { operator: true } as const;

function need<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

async function findUser(database: DatabaseHandle, address: string) {
  const [user] = await database.db.select().from(users).where(eq(users.email, address));
  if (!user) throw new UsageError(`No account with the email ${address}.`);
  return user;
}

async function run(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') return usage;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      hours: { type: 'string' },
      reason: { type: 'string' },
      all: { type: 'boolean' },
      now: { type: 'boolean' },
      ...associationOptions,
      ...groupOptions,
    },
    strict: true,
  });
  const action = plan(command, values);
  const config = loadConfig();
  if (command === 'db:seed' && config.nodeEnv === 'production')
    throw new UsageError('db:seed refuses to run with NODE_ENV=production.');
  const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    await database.migrate();
    return await action(database, config);
  } finally {
    await database.close();
  }
}

type Options = Record<string, string | boolean | undefined>;

/** Checks the arguments before anything opens the database, and returns the work to do. */
function plan(
  command: string,
  values: Options,
): (database: DatabaseHandle, config: Config) => Promise<string> {
  switch (command) {
    case 'db:migrate':
      return async (database) => `Migrations applied (${database.kind}).`;
    case 'mail:digests': {
      if (values.now !== true)
        throw new UsageError('mail:digests needs --now (it sends the digests due now).');
      return async (database, config) => {
        const mailer = mailerOf(database, config);
        const digests = createDigestsService({
          db: database.db,
          clock: systemClock,
          mailer,
          publicOrigin: config.publicOrigin,
          onError: (error, context) =>
            process.stderr.write(`spejl: ${context} failed: ${(error as Error).message}\n`),
        });
        const sent = await digests.sendDueDigests();
        const where = mailer.mode === 'smtp' ? 'by SMTP' : 'to the outbox (no SMTP_URL)';
        return `Sent ${sent} ${sent === 1 ? 'digest' : 'digests'} ${where}.`;
      };
    }
    case 'db:seed':
      return async (database) => {
        const result = await seedDemoData(database.db, hashPassword);
        return result.created
          ? `Demo data written (${database.kind}). Demo accounts, password ${demoPassword}:\n${result.users.map((user) => `  ${user.persona.padEnd(12)} ${user.email}`).join('\n')}`
          : 'Demo data is already there; nothing changed.';
      };
    case 'user:create': {
      const address = need(email, values.email, 'email');
      if (values.password !== undefined)
        throw new UsageError(
          '--password: not accepted. The person chooses their own password with the link this command prints.',
        );
      const displayName = need(
        // Staff made by an operator may be called "Admin"; invisible and control characters are refused all the same.
        z.string().normalize('NFC').trim().min(1).max(limits.displayNameMax).refine(isVisibleText),
        values['display-name'],
        'display-name',
      );
      const platformRole = need(role, values.role ?? 'member', 'role');
      return async (database, config) => {
        const now = new Date();
        // Nobody knows this password: the account opens only through the link.
        const unusable = await hashPassword(generateToken());
        const token = generateToken();
        const created = await database.db.transaction(async (tx) => {
          const [user] = await tx
            .insert(users)
            .values({ email: address, passwordHash: unusable, displayName, platformRole })
            .onConflictDoNothing({ target: users.email })
            .returning({ id: users.id });
          if (!user) return undefined;
          await tx.insert(userTokens).values({
            userId: user.id,
            purpose: 'password_reset',
            tokenHash: hashToken(token),
            createdAt: now,
            expiresAt: new Date(now.getTime() + setupLinkTtlMs),
          });
          return user;
        });
        if (!created) throw new UsageError(`An account with the email ${address} already exists.`);
        const link = `${config.publicOrigin}/reset-password?token=${token}`;
        return [
          `Created ${platformRole} ${address} (id ${created.id}).`,
          `Give them this link (single use, 48 hours); they choose their password there:`,
          `  ${link}`,
          ...(platformRole === 'member'
            ? []
            : ['Their powers start once they turn on two-step verification.']),
          `A lost link: they use "Forgot password" on the sign-in page with this address.`,
        ].join('\n');
      };
    }
    case 'user:role': {
      const address = need(email, values.email, 'email');
      const platformRole = need(role, values.role, 'role');
      const why = values.reason === undefined ? undefined : need(reason, values.reason, 'reason');
      return async (database, config) => {
        const user = await findUser(database, address);
        const { before } = await adminUsersOf(database, config).changeRole(operator, user.id, {
          role: platformRole,
          reason: why,
        });
        return `${address} is now ${platformRole} (was ${before}).`;
      };
    }
    case 'user:lock': {
      const address = need(email, values.email, 'email');
      const hours =
        values.hours === undefined
          ? null
          : need(z.coerce.number().positive().max(876_000), values.hours, 'hours');
      const why = need(reason, values.reason, 'reason');
      return async (database, config) => {
        const user = await findUser(database, address);
        const until = hours === null ? undefined : new Date(Date.now() + hours * 3_600_000).toISOString();
        await adminUsersOf(database, config).lock(operator, user.id, { reason: why, until });
        return `${address} is locked${until === undefined ? '' : ` until ${until}`}; all their sessions ended; they were mailed the reason.`;
      };
    }
    case 'user:mfa-reset': {
      const address = need(email, values.email, 'email');
      const why = need(reason, values.reason, 'reason');
      return async (database, config) => {
        const user = await findUser(database, address);
        await adminUsersOf(database, config).resetMfa(operator, user.id, { reason: why });
        return `Two-step verification is off for ${address} (recovery codes too) and all their sessions ended; they sign in with their password and enrol a new authenticator.`;
      };
    }
    case 'sessions:end': {
      if (values.all === true) {
        if (values.email !== undefined) throw new UsageError('Give either --email or --all, not both.');
        return async (database) => {
          const ended = await database.db.delete(sessions).returning({ id: sessions.id });
          return `Ended all ${ended.length} sessions; everyone signs in again.`;
        };
      }
      const address = need(email, values.email, 'email');
      const why = values.reason === undefined ? undefined : need(reason, values.reason, 'reason');
      return async (database, config) => {
        const user = await findUser(database, address);
        const { ended } = await adminUsersOf(database, config).endSessions(operator, user.id, {
          reason: why,
        });
        return `Ended ${ended} sessions of ${address}.`;
      };
    }
    case 'user:unlock': {
      const address = need(email, values.email, 'email');
      const why =
        values.reason === undefined ? 'Unlocked by an operator' : need(reason, values.reason, 'reason');
      return async (database, config) => {
        const user = await findUser(database, address);
        await adminUsersOf(database, config).unlock(operator, user.id, { reason: why });
        return `${address} is unlocked.`;
      };
    }
    default: {
      const association = planAssociationCommand(command, values);
      if (association) return association;
      const group = planGroupCommand(command, values);
      if (group) return group;
      throw new UsageError(`Unknown command "${command}".\n\n${usage}`);
    }
  }
}

run(process.argv.slice(2)).then(
  (output) => {
    process.stdout.write(`${output}\n`);
  },
  (error: unknown) => {
    if (error instanceof AppError) {
      const messages: Partial<Record<string, string>> = {
        'admin_user.last_admin': 'Spejl must keep at least one admin: make someone else admin first.',
        not_found: 'No such account.',
      };
      process.stderr.write(`spejl: ${messages[error.code] ?? error.code}\n`);
      process.exitCode = 1;
      return;
    }
    const known =
      error instanceof UsageError || error instanceof ConfigError || error instanceof FolderLockedError;
    const message = known ? (error as Error).message : (error as Error).message || String(error);
    process.stderr.write(`spejl: ${message}\n`);
    if (
      error instanceof TypeError &&
      /parseArgs|option/i.test(String((error as { code?: string }).code ?? message))
    )
      process.stderr.write(`\n${usage}\n`);
    process.exitCode = 1;
  },
);
