import { mailOutbox } from '@spejl/db';
import { createTestDatabase } from '@spejl/db/testing';
import type { FastifyBaseLogger } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { repoRoot } from '../../testing/app.ts';
import { testClockStart } from '../../testing/time.ts';
import { type Mailbox, startMailbox } from '../../../../tests/support/mailbox.ts';
import { createMailer } from './mail.service.ts';

let receiver: Mailbox;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const logger = { error: () => {} } as unknown as FastifyBaseLogger;

beforeAll(async () => {
  receiver = await startMailbox();
  database = await createTestDatabase(repoRoot);
});
afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

describe('delivery by SMTP', () => {
  it('sends the text and the HTML part together, with the mail’s own headers, and marks the outbox row sent', async () => {
    const clock = new ManualClock(testClockStart());
    const mailer = createMailer({
      db: database.db,
      clock,
      smtpUrl: receiver.url,
      from: 'Spejl <noreply@spejl.example>',
      logger,
    });
    expect(mailer.mode).toBe('smtp');
    await mailer.send({
      to: 'familie@example.test',
      subject: 'Nyt i Spejl',
      text: 'Hej\n\nhttps://spejl.example/groups/1/chat',
      locale: 'en',
      headers: {
        'List-Unsubscribe': '<https://spejl.example/api/digest/unsubscribe?token=abc>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    const mail = await receiver.waitFor('familie@example.test');
    expect(receiver.mails).toHaveLength(1);
    // Both parts arrive (multipart/alternative): the text as written, the HTML in the layout.
    expect(mail.headerLines.find((line) => /^content-type:/i.test(line))).toMatch(/multipart\/alternative/i);
    expect(mail.text).toContain('https://spejl.example/groups/1/chat');
    expect(mail.html).toContain('<html lang="en"');
    expect(mail.html).toContain('href="https://spejl.example/groups/1/chat"');
    expect(mail.headerLines).toContain(
      'List-Unsubscribe: <https://spejl.example/api/digest/unsubscribe?token=abc>',
    );
    expect(mail.headerLines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const [row] = await database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'familie@example.test'));
    expect(row?.sentAt?.getTime()).toBe(clock.now().getTime());
    expect(row?.html).toContain('<html lang="en"');
  });
});
