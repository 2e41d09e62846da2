import { z } from 'zod';

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_ORIGIN: z.url().optional(),
  SPEJL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  BUS: z.enum(['memory', 'postgres', 'redis']).default('memory'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Spejl <no-reply@localhost>'),
  VIDEO: z.enum(['p2p', 'janus']).default('p2p'),
  JANUS_URL: z.url().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVE_WEB: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  // `false`, or the proxies to trust for X-Forwarded-For: addresses or CIDR ranges, comma-separated. Trusting every
  // hop (`true`) would let any client choose its own address and escape the per-IP limits, so it is refused.
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine(
      (value) =>
        value === 'false' ||
        value
          .split(',')
          .map((part) => part.trim())
          .every((part) => /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f:]+)(?:\/[0-9]{1,3})?$/i.test(part)),
      'false, or proxy addresses/CIDR ranges separated by commas (for example 10.0.0.0/8,127.0.0.1)',
    )
    .transform((value) => (value === 'false' ? false : value.split(',').map((part) => part.trim()))),
});

export type Config = {
  port: number;
  host: string;
  publicOrigin: string;
  dataDir: string;
  databaseUrl: string | undefined;
  bus: 'memory' | 'postgres' | 'redis';
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  video: 'p2p' | 'janus';
  janusUrl: string | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  /** False, or the addresses and CIDR ranges of the proxies whose X-Forwarded-For is believed. */
  trustProxy: false | string[];
  /** False in `pnpm dev`, where Vite serves the web app. */
  serveWeb: boolean;
};

export class ConfigError extends Error {}

/** Reads the environment; unknown or malformed values stop the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(blank);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  if (value.BUS === 'redis' && !value.REDIS_URL)
    throw new ConfigError('Invalid configuration:\n  REDIS_URL: required when BUS=redis');
  if (value.BUS === 'postgres' && !value.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  BUS: postgres needs DATABASE_URL (PGlite has no LISTEN/NOTIFY across processes)',
    );
  if (value.VIDEO === 'janus' && !value.JANUS_URL)
    throw new ConfigError('Invalid configuration:\n  JANUS_URL: required when VIDEO=janus');
  const publicUrl = new URL(value.PUBLIC_ORIGIN ?? `http://localhost:${value.PORT}`);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname);
  // In production cookies are Secure and sockets must be wss: plain http only makes sense on this machine.
  if (value.NODE_ENV === 'production' && publicUrl.protocol !== 'https:' && !local)
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_ORIGIN: must be https:// when NODE_ENV=production',
    );
  const publicOrigin = publicUrl.origin;
  return {
    port: value.PORT,
    host: value.HOST,
    publicOrigin,
    dataDir: value.SPEJL_DATA_DIR,
    databaseUrl: value.DATABASE_URL,
    bus: value.BUS,
    redisUrl: value.REDIS_URL,
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM,
    video: value.VIDEO,
    janusUrl: value.JANUS_URL,
    nodeEnv: value.NODE_ENV,
    logLevel: value.LOG_LEVEL,
    trustProxy: value.TRUST_PROXY,
    serveWeb: value.SERVE_WEB,
  };
}
