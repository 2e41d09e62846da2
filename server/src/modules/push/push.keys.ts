import { type Database, serverSecrets } from '@spejl/db';
import { eq } from 'drizzle-orm';
import webpush from 'web-push';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

const secretName = 'vapid';

/**
 * Who push services may write to about our pushes: VAPID_SUBJECT, else the mail address we send from, else the
 * public origin when it is https. Never the machine's host name, which differs between nodes.
 */
export function vapidSubjectOf(config: {
  vapidSubject?: string | undefined;
  mailFrom: string;
  publicOrigin: string;
}) {
  if (config.vapidSubject) return config.vapidSubject;
  const address =
    /<([^<>\s]+@[^<>\s]+)>/.exec(config.mailFrom)?.[1] ?? /^[^\s<>]+@[^\s<>]+$/.exec(config.mailFrom)?.[0];
  if (address) return `mailto:${address}`;
  const origin = new URL(config.publicOrigin);
  return origin.protocol === 'https:' ? origin.origin : `mailto:no-reply@${origin.hostname}`;
}

/**
 * The VAPID key pair: from configuration, or made on first use and kept in `server_secrets`. The first node to
 * insert wins (insert … on conflict do nothing, then read back), so every node signs with the same key and the
 * browsers' subscriptions, made for that public key, keep working.
 */
export function createVapidKeys(deps: {
  db: Database;
  configured: { publicKey: string; privateKey: string } | undefined;
  subject: string;
}) {
  let loading: Promise<VapidDetails> | undefined;

  async function load(): Promise<VapidDetails> {
    if (deps.configured) {
      const details = { subject: deps.subject, ...deps.configured };
      // Signing once refuses a malformed key or subject at start, not on every push (counted against the devices).
      webpush.getVapidHeaders(
        'https://push.invalid',
        details.subject,
        details.publicKey,
        details.privateKey,
        'aes128gcm',
      );
      return details;
    }
    const made = webpush.generateVAPIDKeys();
    await deps.db
      .insert(serverSecrets)
      .values({ name: secretName, value: JSON.stringify(made) })
      .onConflictDoNothing({ target: serverSecrets.name });
    const [row] = await deps.db.select().from(serverSecrets).where(eq(serverSecrets.name, secretName));
    if (!row) throw new Error('the VAPID key pair was not kept');
    const kept = JSON.parse(row.value) as { publicKey: string; privateKey: string };
    return { subject: deps.subject, publicKey: kept.publicKey, privateKey: kept.privateKey };
  }

  return {
    /** The keys, loaded once per process; a failed load is tried again next time. */
    get(): Promise<VapidDetails> {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return loading;
    },
  };
}

export type VapidKeys = ReturnType<typeof createVapidKeys>;
