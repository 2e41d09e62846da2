import { type Database, mailOutbox, users } from '@spejl/db';
import type { Locale } from '@spejl/shared';
import { desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.ts';
import { renderMailHtml } from './mail.layout.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part; without it the text is put in the common layout (mail.layout.ts). */
  html?: string;
  /** Extra headers, such as `List-Unsubscribe` on digests. */
  headers?: Record<string, string>;
  /** The language of the layout's own words and its `lang`; the recipient's account language when left out. */
  locale?: Locale;
}

/** The database or a transaction. */
type Executor = Pick<Database, 'insert' | 'select'>;

/** A mail written to the outbox by `queue`, waiting for `deliver` once its transaction committed. */
export interface QueuedMail {
  id: string;
  mail: OutgoingMail & { html: string };
}

/** Sends mail. Every mail is written to the outbox table; with SMTP configured it is also delivered. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Writes a mail to the outbox inside the caller's transaction, so the mail and the change that caused it commit
   * together (a digest and its period); call `deliver` after commit.
   */
  queue(mail: OutgoingMail, executor: Executor): Promise<QueuedMail>;
  /** Delivers a queued mail by SMTP (nothing to do without SMTP: the outbox row is the mail). */
  deliver(queued: QueuedMail): Promise<void>;
  readonly mode: 'smtp' | 'outbox';
}

export function createMailer(deps: {
  db: Database;
  clock: Clock;
  smtpUrl?: string | undefined;
  from: string;
  logger: FastifyBaseLogger;
}): Mailer {
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;

  // Read through the caller's transaction: PGlite's one connection would wait on itself otherwise.
  async function localeOf(mail: OutgoingMail, executor: Executor): Promise<Locale> {
    if (mail.locale) return mail.locale;
    const [user] = await executor
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.email, mail.to.trim().toLowerCase()));
    return user?.locale ?? 'da';
  }

  async function complete(mail: OutgoingMail, executor: Executor): Promise<OutgoingMail & { html: string }> {
    if (mail.html !== undefined) return { ...mail, html: mail.html };
    return { ...mail, html: await renderMailHtml({ ...mail, locale: await localeOf(mail, executor) }) };
  }

  async function queue(mail: OutgoingMail, executor: Executor): Promise<QueuedMail> {
    const full = await complete(mail, executor);
    const [row] = await executor
      .insert(mailOutbox)
      .values({
        to: full.to,
        subject: full.subject,
        text: full.text,
        html: full.html,
        headers: full.headers ?? null,
        createdAt: deps.clock.now(),
      })
      .returning({ id: mailOutbox.id });
    if (!row) throw new Error('the mail outbox returned no row');
    return { id: row.id, mail: full };
  }

  async function deliver(queued: QueuedMail): Promise<void> {
    if (!transport) return;
    const { mail } = queued;
    try {
      await transport.sendMail({
        from: deps.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      await deps.db.update(mailOutbox).set({ sentAt: deps.clock.now() }).where(eqId(queued.id));
    } catch (error) {
      deps.logger.error({ err: error, mailId: queued.id }, 'mail delivery failed');
      await deps.db
        .update(mailOutbox)
        .set({ error: String((error as Error).message).slice(0, 500) })
        .where(eqId(queued.id));
    }
  }

  return {
    mode: transport ? 'smtp' : 'outbox',
    queue,
    deliver,
    async send(mail) {
      await deliver(await queue(mail, deps.db));
    },
  };
}

const eqId = (id: string) => eq(mailOutbox.id, id);

/** Newest mails first, for the development outbox page and for tests. */
export async function listOutbox(db: Database, limit = 50) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
