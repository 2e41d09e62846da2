import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { safeUrl, serializeError } from './logging.ts';
import { createGroupWith, createTestApp, signUp, signUpAdmin } from './testing/app.ts';

describe('what the log keeps of an error', () => {
  it('keeps the failed statement but not its parameters, nor PostgreSQL’s detail', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      detail: 'Key (body)=(hemmelig besked) already exists.',
      parameters: ['hemmelig besked'],
    });
    const error = new DrizzleQueryError(
      'insert into "messages" ("body") values ($1)',
      ['hemmelig besked'],
      cause,
    );
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain('insert into \\"messages\\"');
    expect(logged).toContain('22021');
    expect(logged).not.toContain('hemmelig');
    // The stack still says where it happened.
    expect(logged).toContain('logging.test.ts');
  });

  it('redacts tokens in paths and queries', () => {
    expect(safeUrl('/api/calendar/abcdefgh234567/events.ics')).toBe('/api/calendar/[redacted]/events.ics');
    expect(safeUrl('/api/moderation/appeal-tokens/xyz/appeal')).toBe(
      '/api/moderation/appeal-tokens/[redacted]/appeal',
    );
    expect(safeUrl('/api/me/exports/tok')).toBe('/api/me/exports/[redacted]');
    expect(safeUrl('/invite/CODE123?x=1')).toBe('/invite/[redacted]?x=1');
    expect(safeUrl('/reset-password?token=secret&next=/')).toBe('/reset-password?token=[redacted]&next=/');
    expect(safeUrl('/api/groups/123/messages?before=10')).toBe('/api/groups/123/messages?before=10');
  });
});

describe('the server log', () => {
  it('never holds a message body, even when the database fails while writing it', async () => {
    const lines: string[] = [];
    const t = await createTestApp({ log: { level: 'info', stream: { write: (line) => lines.push(line) } } });
    const marker = `brødtekst-${crypto.randomUUID()}`;
    try {
      const admin = await signUpAdmin(t);
      const member = await signUp(t.app);
      const groupId = await createGroupWith(admin, {}, [{ person: member }]);
      const posted = await member.client.post(`/api/groups/${groupId}/messages`, {
        clientId: crypto.randomUUID(),
        body: `${marker} første`,
      });
      expect(posted.statusCode).toBe(201);
      await member.client.get(`/api/groups/${groupId}/search?q=${encodeURIComponent(marker)}`);

      // The database refuses the next message (as it would when its disk is full): the insert fails with the body
      // among its parameters.
      await t.database.raw.exec(`
        create function refuse_message() returns trigger language plpgsql as $$
        begin raise exception 'could not extend file: No space left on device'; end $$;
        create trigger refuse_message before insert on messages for each row execute function refuse_message();
      `);
      const failed = await member.client.post(`/api/groups/${groupId}/messages`, {
        clientId: crypto.randomUUID(),
        body: `${marker} anden`,
      });
      expect(failed.statusCode).toBeGreaterThanOrEqual(500);
      const log = lines.join('');
      expect(log).toContain('No space left on device');
      expect(log).toContain(`/api/groups/${groupId}/messages`);
      expect(log).not.toContain(marker);
    } finally {
      await t.app.close();
      await t.jobs.stop().catch(() => {});
    }
  });
});
