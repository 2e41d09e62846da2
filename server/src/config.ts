import { z } from 'zod';
import { attachmentLimits } from '@spejl/shared/attachments-values';
import { defaultRealtimeLimits, type RealtimeLimits } from './realtime/limits.ts';

const stunUrl = /^stuns?:[A-Za-z0-9.\-[\]:]+$/;
const turnUrl = /^turns?:[A-Za-z0-9.\-[\]:]+(\?transport=(udp|tcp))?$/;

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
  /** The largest photo or PDF a person may send in a conversation, in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(attachmentLimits.defaultMaxMegabytes),
  VIDEO: z.enum(['p2p', 'janus']).default('p2p'),
  JANUS_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be the http:// or https:// address of the Janus HTTP API')
    .optional(),
  /** Janus's `api_secret`, also used as the VideoRoom plugin's `admin_key` for creating rooms. */
  JANUS_SECRET: z.string().min(8, 'must be at least 8 characters').max(200).optional(),
  STUN_URLS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(stunUrl, 'each must look like stun:host:port')).max(5))
    .default([]),
  TURN_URLS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(turnUrl, 'each must look like turn:host:port or turns:host:port')).max(5))
    .default([]),
  /** coturn's `static-auth-secret` (`use-auth-secret`): TURN credentials are made from it and expire. */
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Without an SFU every presenter sends to each viewer; more viewers than this are refused. */
  VIDEO_P2P_MAX_VIEWERS: z.coerce.number().int().min(1).max(50).default(8),
  /** Open WebSockets per person and per client address (0: no cap); see realtime/limits.ts. */
  WS_MAX_SOCKETS_PER_USER: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(defaultRealtimeLimits.maxSocketsPerUser),
  WS_MAX_SOCKETS_PER_IP: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(defaultRealtimeLimits.maxSocketsPerAddress),
  /** What one socket may leave unread before it is closed (its client then resumes from its cursors). */
  WS_MAX_BUFFERED_KB: z.coerce
    .number()
    .int()
    .min(64)
    .max(64 * 1024)
    .default(defaultRealtimeLimits.maxBufferedBytes / 1024),
  /** The data controller named in the built-in terms and privacy policy; unset, the texts show [placeholders]. */
  CONTROLLER_NAME: z.string().trim().min(2).max(200).optional(),
  CONTROLLER_EMAIL: z.email().max(254).optional(),
  CONTROLLER_ADDRESS: z.string().trim().min(2).max(300).optional(),
  /** The VAPID key pair (base64url, as `web-push generate-vapid-keys` prints it); unset, one is made once and kept. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key in base64url (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key in base64url (43 characters)')
    .optional(),
  /** Who push services may contact about our pushes: a mailto: or https: address. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s]+)$/, 'must be a mailto: or https: address')
    .optional(),
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
  /** The largest upload (a photo or PDF in a conversation), in bytes; from UPLOAD_MAX_MB. */
  uploadMaxBytes: number;
  video: 'p2p' | 'janus';
  janusUrl: string | undefined;
  janusSecret: string | undefined;
  /** STUN and TURN servers the browsers use to find a way to each other (and to Janus). */
  ice: IceConfig;
  p2pMaxViewers: number;
  /** WebSocket caps per person and address, and the unread bytes one socket may hold. */
  realtime: RealtimeLimits;
  /** Web Push: the configured VAPID keys (else made once and kept in the database) and subject. */
  push: PushConfig;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  /** False, or the addresses and CIDR ranges of the proxies whose X-Forwarded-For is believed. */
  trustProxy: false | string[];
  /** False in `pnpm dev`, where Vite serves the web app. */
  serveWeb: boolean;
  /** The association responsible for the data (the privacy policy's data controller), when configured. */
  controller: { name: string | undefined; email: string | undefined; address: string | undefined };
};

export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | undefined;
  turnTtlSeconds: number;
}

export interface PushConfig {
  vapidKeys: { publicKey: string; privateKey: string } | undefined;
  vapidSubject: string | undefined;
}

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
  if (value.VIDEO === 'janus' && value.NODE_ENV === 'production' && !value.JANUS_SECRET)
    throw new ConfigError(
      'Invalid configuration:\n  JANUS_SECRET: required when VIDEO=janus in production (Janus api_secret)',
    );
  if (value.TURN_URLS.length > 0 && !value.TURN_SECRET)
    throw new ConfigError('Invalid configuration:\n  TURN_SECRET: required when TURN_URLS is set');
  if (value.TURN_SECRET && value.TURN_URLS.length === 0)
    throw new ConfigError('Invalid configuration:\n  TURN_URLS: required when TURN_SECRET is set');
  if (Boolean(value.VAPID_PUBLIC_KEY) !== Boolean(value.VAPID_PRIVATE_KEY))
    throw new ConfigError(
      `Invalid configuration:\n  ${value.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'}: required with the other VAPID key (set both, or neither to have them made once)`,
    );
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
    uploadMaxBytes: value.UPLOAD_MAX_MB * 1024 * 1024,
    video: value.VIDEO,
    janusUrl: value.JANUS_URL,
    janusSecret: value.JANUS_SECRET,
    ice: {
      stunUrls: value.STUN_URLS,
      turnUrls: value.TURN_URLS,
      turnSecret: value.TURN_SECRET,
      turnTtlSeconds: value.TURN_TTL_SECONDS,
    },
    p2pMaxViewers: value.VIDEO_P2P_MAX_VIEWERS,
    realtime: {
      maxSocketsPerUser: value.WS_MAX_SOCKETS_PER_USER,
      maxSocketsPerAddress: value.WS_MAX_SOCKETS_PER_IP,
      maxBufferedBytes: value.WS_MAX_BUFFERED_KB * 1024,
    },
    push: {
      vapidKeys:
        value.VAPID_PUBLIC_KEY && value.VAPID_PRIVATE_KEY
          ? { publicKey: value.VAPID_PUBLIC_KEY, privateKey: value.VAPID_PRIVATE_KEY }
          : undefined,
      vapidSubject: value.VAPID_SUBJECT,
    },
    nodeEnv: value.NODE_ENV,
    logLevel: value.LOG_LEVEL,
    trustProxy: value.TRUST_PROXY,
    serveWeb: value.SERVE_WEB,
    controller: {
      name: value.CONTROLLER_NAME,
      email: value.CONTROLLER_EMAIL,
      address: value.CONTROLLER_ADDRESS,
    },
  };
}
