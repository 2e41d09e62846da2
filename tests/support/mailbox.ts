import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';

/** A mail as the recipient reads it: decoded subject, text and (in the common layout) HTML. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The header lines as sent ("List-Unsubscribe: <…>"), for tests of what a mail program sees. */
  headerLines: string[];
}

export interface Mailbox {
  /** What to give the server as SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Waits for a mail to the address whose text matches (the newest first). */
  waitFor(to: string, match?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A mail server for tests: the smallest SMTP a server's nodemailer needs, on loopback, keeping what it receives.
 * Browser tests and server processes cannot share the app's database (PGlite is one process), so a test reads
 * its mail the way a person does: from a mailbox.
 */
export async function startMailbox(): Promise<Mailbox> {
  const mails: ReceivedMail[] = [];
  const listeners = new Set<() => void>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let recipients: string[] = [];
    let data: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 localhost ESMTP spejl-test-mailbox');
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\r\n');
      while (end !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\r\n');
        if (inData) {
          if (line !== '.') {
            data.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          inData = false;
          const raw = Buffer.from(data.join('\r\n'), 'latin1');
          const to = recipients;
          recipients = [];
          data = [];
          // Queued once it can be read: the sender waits for this answer before its next command.
          void parseMessage(raw).then((parsed) => {
            mails.push({ to, ...parsed });
            reply('250 OK queued');
            for (const listener of listeners) listener();
          });
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') reply('250 localhost');
        else if (verb === 'RCPT') {
          recipients.push((/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase());
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('250 OK');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(to, match, timeoutMs = 15_000) {
      const find = () =>
        mails.findLast((mail) => mail.to.includes(to.toLowerCase()) && (!match || match.test(mail.text)));
      const found = find();
      if (found) return found;
      return new Promise<ReceivedMail>((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no mail to ${to}${match ? ` matching ${match}` : ''} within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const mail = find();
          if (!mail) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(mail);
        };
        listeners.add(check);
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The token of the confirmation link in a mail. */
export function confirmationToken(mail: ReceivedMail): string {
  const token = /\/verify-email\?token=([a-z2-7]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no confirmation link in: ${mail.text}`);
  return token;
}

/**
 * Signs up over HTTP as a person does: the form, then the mailed link, followed with the cookie sign-up set (the
 * same browser, so no password is asked). Returns the session cookie (`name=value`), now active, and the user.
 */
export async function signUpAndConfirm(
  baseUrl: string,
  mailbox: Mailbox,
  body: { email: string; password: string; displayName: string; [field: string]: unknown },
): Promise<{ cookie: string; user: { id: string; email: string } }> {
  const post = (path: string, payload: unknown, cookie?: string) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(payload),
    });
  const sessionCookie = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const signup = await post('/api/auth/signup', { acceptTerms: true, ...body });
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
  const pending = sessionCookie(signup);
  const mail = await mailbox.waitFor(body.email, /\/verify-email\?token=/);
  const confirmed = await post('/api/auth/verify-email', { token: confirmationToken(mail) }, pending);
  if (confirmed.status !== 200)
    throw new Error(`confirmation answered ${confirmed.status}: ${await confirmed.text()}`);
  return {
    cookie: sessionCookie(confirmed),
    user: ((await confirmed.json()) as { user: { id: string; email: string } }).user,
  };
}

/** Undoes the transfer encoding of a single-part message and its RFC 2047 subject. */
/** The subject and the plain-text part, decoded (mailparser reads the multipart mails with their HTML part). */
async function parseMessage(raw: Buffer): Promise<Omit<ReceivedMail, 'to'>> {
  const parsed = await simpleParser(raw);
  return {
    headerLines: parsed.headerLines.map((header) => header.line),
    subject: parsed.subject ?? '',
    text: (parsed.text ?? '').replace(/\r\n/g, '\n'),
    html: typeof parsed.html === 'string' ? parsed.html : '',
  };
}
