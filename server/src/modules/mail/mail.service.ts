import { type Database, mailOutbox } from '@spejl/db';
import { desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. Every mail is written to the outbox table; with SMTP configured it is also delivered. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
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
  return {
    mode: transport ? 'smtp' : 'outbox',
    async send(mail) {
      const [row] = await deps.db
        .insert(mailOutbox)
        .values({ to: mail.to, subject: mail.subject, text: mail.text, createdAt: deps.clock.now() })
        .returning({ id: mailOutbox.id });
      if (!transport || !row) return;
      try {
        await transport.sendMail({ from: deps.from, to: mail.to, subject: mail.subject, text: mail.text });
        await deps.db.update(mailOutbox).set({ sentAt: deps.clock.now() }).where(eqId(row.id));
      } catch (error) {
        deps.logger.error({ err: error, mailId: row.id }, 'mail delivery failed');
        await deps.db
          .update(mailOutbox)
          .set({ error: String((error as Error).message).slice(0, 500) })
          .where(eqId(row.id));
      }
    },
  };
}

const eqId = (id: string) => eq(mailOutbox.id, id);

/** Newest mails first, for the development outbox page and for tests. */
export async function listOutbox(db: Database, limit = 50) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
