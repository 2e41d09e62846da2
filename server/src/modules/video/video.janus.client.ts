import { randomBytes } from 'node:crypto';
import type { SessionDescription } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';

/** A Janus event or answer, as its HTTP API sends it. */
export interface JanusMessage {
  janus: string;
  transaction?: string;
  session_id?: number;
  sender?: number;
  data?: { id?: number };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  jsep?: SessionDescription;
  error?: { code: number; reason: string };
}

/** What a plugin answered: its data, and a session description when it sent one. */
export interface PluginReply {
  data: Record<string, unknown>;
  jsep?: SessionDescription | undefined;
}

export class JanusError extends Error {
  readonly code: number;
  constructor(code: number, reason: string) {
    super(`Janus error ${code}: ${reason}`);
    this.code = code;
  }
}

/** Janus answers 458 when our session is gone (Janus restarted, or it timed out). */
const noSuchSession = 458;
const requestTimeoutMs = 10_000;
const keepaliveMs = 25_000;

/**
 * The Janus HTTP API for one server process: one Janus session holding every handle this node uses, one long
 * poll that receives the asynchronous events, a keepalive, and the API secret on every request. Browsers never
 * talk to this API; only their media reaches Janus.
 */
export class JanusClient {
  private readonly url: string;
  private readonly secret: string | undefined;
  private readonly logger: FastifyBaseLogger;
  private session: Promise<number> | null = null;
  private readonly waiting = new Map<
    string,
    { resolve: (message: JanusMessage) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  private readonly listeners = new Map<number, (message: JanusMessage) => void>();
  private readonly abort = new AbortController();
  private keepalive: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Told when the session was lost: every handle it held is gone. */
  onSessionLost: () => void = () => {};

  constructor(options: { url: string; secret: string | undefined; logger: FastifyBaseLogger }) {
    this.url = options.url.replace(/\/+$/, '');
    this.secret = options.secret;
    this.logger = options.logger;
  }

  /** Opens a handle on a plugin; `onEvent` hears its events that answer no request of ours. */
  async attach(plugin: string, onEvent?: (message: JanusMessage) => void): Promise<number> {
    const answer = await this.sessionRequest({ janus: 'attach', plugin });
    const handle = answer.data?.id;
    if (typeof handle !== 'number') throw new JanusError(0, 'attach gave no handle');
    if (onEvent) this.listeners.set(handle, onEvent);
    return handle;
  }

  async detach(handle: number): Promise<void> {
    this.listeners.delete(handle);
    await this.sessionRequest({ janus: 'detach' }, handle).catch((error: unknown) => {
      // A handle Janus already dropped (hangup, room destroyed) needs no detach.
      if (!(error instanceof JanusError)) throw error;
    });
  }

  /**
   * Sends a plugin message and waits for the plugin's answer: at once for synchronous requests (create, destroy,
   * list), or as the event with our transaction for asynchronous ones (join, configure, start).
   */
  async message(
    handle: number,
    body: Record<string, unknown>,
    jsep?: SessionDescription,
  ): Promise<PluginReply> {
    const transaction = randomBytes(9).toString('base64url');
    const pending = this.expect(transaction);
    let answer: JanusMessage;
    try {
      answer = await this.sessionRequest(
        { janus: 'message', body, ...(jsep ? { jsep } : {}) },
        handle,
        transaction,
      );
    } catch (error) {
      this.settle(transaction);
      pending.catch(() => {});
      throw error;
    }
    if (answer.janus === 'success') {
      this.settle(transaction);
      pending.catch(() => {});
      return replyOf(answer);
    }
    return replyOf(await pending);
  }

  async trickle(handle: number, candidates: unknown[] | null): Promise<void> {
    await this.sessionRequest(
      candidates ? { janus: 'trickle', candidates } : { janus: 'trickle', candidate: { completed: true } },
      handle,
    );
  }

  /** Whether Janus answers at all (for health and tests). */
  async info(): Promise<Record<string, unknown>> {
    return (await this.post(this.url, { janus: 'info' })) as unknown as Record<string, unknown>;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.keepalive) clearInterval(this.keepalive);
    const session = this.session;
    this.session = null;
    if (session) {
      const id = await session.catch(() => null);
      if (id !== null) await this.post(`${this.url}/${id}`, { janus: 'destroy' }).catch(() => {});
    }
    this.abort.abort();
    for (const [transaction, waiter] of this.waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(new JanusError(0, 'stopped'));
      this.waiting.delete(transaction);
    }
  }

  private async sessionRequest(
    body: Record<string, unknown>,
    handle?: number,
    transaction = randomBytes(9).toString('base64url'),
  ): Promise<JanusMessage> {
    const session = await this.ensureSession();
    try {
      return await this.post(`${this.url}/${session}${handle ? `/${handle}` : ''}`, body, transaction);
    } catch (error) {
      if (error instanceof JanusError && error.code === noSuchSession) this.lose(session);
      throw error;
    }
  }

  private ensureSession(): Promise<number> {
    if (this.stopped) return Promise.reject(new JanusError(0, 'stopped'));
    if (!this.session) {
      const session = this.post(this.url, { janus: 'create' }).then((answer) => {
        const id = answer.data?.id;
        if (typeof id !== 'number') throw new JanusError(0, 'create gave no session');
        void this.poll(id);
        if (this.keepalive) clearInterval(this.keepalive);
        this.keepalive = setInterval(() => {
          this.post(`${this.url}/${id}`, { janus: 'keepalive' }).catch((error: unknown) => {
            if (error instanceof JanusError && error.code === noSuchSession) this.lose(id);
          });
        }, keepaliveMs);
        this.keepalive.unref();
        return id;
      });
      session.catch(() => {
        if (this.session === session) this.session = null;
      });
      this.session = session;
    }
    return this.session;
  }

  /** The session is gone: start afresh on the next request, and tell the adapter its handles died. */
  private lose(session: number) {
    void this.session?.then((current) => {
      if (current !== session) return;
      this.session = null;
      this.listeners.clear();
      this.logger.warn({ session }, 'Janus session lost');
      this.onSessionLost();
    });
  }

  private async poll(session: number) {
    let failures = 0;
    while (!this.stopped) {
      if ((await this.session?.catch(() => null)) !== session) return;
      try {
        const secret = this.secret ? `&apisecret=${encodeURIComponent(this.secret)}` : '';
        const response = await fetch(`${this.url}/${session}?maxev=10&rid=${Date.now()}${secret}`, {
          signal: this.abort.signal,
        });
        const body = (await response.json()) as JanusMessage | JanusMessage[];
        failures = 0;
        for (const message of Array.isArray(body) ? body : [body]) this.dispatch(session, message);
      } catch (error) {
        if (this.stopped) return;
        failures += 1;
        this.logger.warn({ err: error }, 'Janus long poll failed');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** failures)));
      }
    }
  }

  private dispatch(session: number, message: JanusMessage) {
    if (message.janus === 'keepalive') return;
    if (message.janus === 'error' && message.error?.code === noSuchSession) return this.lose(session);
    const waiter = message.transaction ? this.waiting.get(message.transaction) : undefined;
    if (waiter && message.janus !== 'ack') {
      this.settle(message.transaction as string);
      if (message.janus === 'error' && message.error)
        waiter.reject(new JanusError(message.error.code, message.error.reason));
      else waiter.resolve(message);
      return;
    }
    if (message.sender !== undefined) this.listeners.get(message.sender)?.(message);
  }

  private expect(transaction: string): Promise<JanusMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(transaction);
        reject(new JanusError(0, 'no answer in time'));
      }, requestTimeoutMs);
      this.waiting.set(transaction, { resolve, reject, timer });
    });
  }

  private settle(transaction: string) {
    const waiter = this.waiting.get(transaction);
    if (waiter) clearTimeout(waiter.timer);
    this.waiting.delete(transaction);
  }

  private async post(
    url: string,
    body: Record<string, unknown>,
    transaction = randomBytes(9).toString('base64url'),
  ): Promise<JanusMessage> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, transaction, ...(this.secret ? { apisecret: this.secret } : {}) }),
      signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(requestTimeoutMs)]),
    });
    const answer = (await response.json()) as JanusMessage;
    if (answer.janus === 'error')
      throw new JanusError(answer.error?.code ?? 0, answer.error?.reason ?? 'error');
    return answer;
  }
}

/** The plugin's data, or its error as a JanusError (VideoRoom puts errors in the data). */
function replyOf(message: JanusMessage): PluginReply {
  const data = message.plugindata?.data ?? {};
  if (typeof data.error_code === 'number')
    throw new JanusError(data.error_code, String(data.error ?? 'error'));
  return { data, jsep: message.jsep };
}
