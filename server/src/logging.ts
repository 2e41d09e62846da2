import sonicBoomModule, { type SonicBoom as SonicBoomStream } from 'sonic-boom';

// sonic-boom is CommonJS: at run time its class is the default export, which its types describe as the named one.
const SonicBoom = sonicBoomModule as unknown as typeof SonicBoomStream;

/**
 * What the server's logger writes to, and how it lets go at the end.
 *
 * pino's own stdout destination registers an exit hook that flushes synchronously and retries for ever while the
 * pipe is full: a server whose log reader stalled (a supervisor, a terminal that stopped reading) hung in
 * `process.exit` with its force-exit timer unable to fire. This one writes asynchronously, drops lines once
 * `maxBufferBytes` wait unwritten (a stalled reader cannot exhaust memory either), has no exit hook, and `flush`
 * gives up after a deadline so shutdown always ends.
 */
export interface LogDestination {
  readonly stream: SonicBoomStream;
  /** Writes what is buffered, waiting at most `timeoutMs`; resolves whether or not it got through. */
  flush(timeoutMs: number): Promise<void>;
}

export function createLogDestination(options: { fd?: number; maxBufferBytes?: number } = {}): LogDestination {
  const stream = new SonicBoom({
    fd: options.fd ?? 1,
    sync: false,
    maxLength: options.maxBufferBytes ?? 8 * 1024 * 1024,
    // A full pipe answers EAGAIN: try again later (asynchronously), never in a busy loop.
    retryEAGAIN: () => true,
  });
  // An error writing a log line (a closed pipe) must not stop the server.
  stream.on('error', () => {});
  return {
    stream,
    flush(timeoutMs) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        try {
          stream.flush(() => {
            clearTimeout(timer);
            resolve();
          });
        } catch {
          clearTimeout(timer);
          resolve();
        }
      });
    },
  };
}

/**
 * Secrets that travel in paths: invite codes, appeal links, export downloads and calendar feeds. Query-string tokens
 * (password reset, email verification) are redacted too.
 */
const secretPathSegments = [
  /(\/api\/invites\/)[^/?#]+/,
  /(\/invite\/)[^/?#]+/,
  /(\/api\/moderation\/appeal-tokens\/)[^/?#]+/,
  /(\/appeal\/)[^/?#]+/,
  /(\/api\/me\/exports\/)[^/?#]+/,
  /(\/api\/calendar\/)[^/?#]+/,
];

/** A request URL as it may be logged: tokens in the path or the query replaced by `[redacted]`. */
export function safeUrl(url: string): string {
  let safe = url.replace(/([?&](token|code)=)[^&#]*/gi, '$1[redacted]');
  for (const pattern of secretPathSegments) safe = safe.replace(pattern, '$1[redacted]');
  return safe;
}

/** Fields of database and driver errors that carry the values of a query (message text, names, emails). */
const valueBearingFields = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery', 'query']);
/** Fields worth keeping: they say what failed without saying about whom. */
const keptFields = [
  'code',
  'statusCode',
  'severity',
  'routine',
  'constraint_name',
  'table_name',
  'column_name',
];

/** drizzle's "Failed query: <sql>\nparams: <values>": keep the statement, drop the values. */
function withoutParameters(text: string): string {
  const at = text.indexOf('\nparams:');
  return at === -1 ? text : `${text.slice(0, at)}\nparams: [redacted]`;
}

/**
 * The logger's `err` serializer: type, message, stack and code of an error and its causes, never the parameters of
 * a failed query (which hold message bodies, names and addresses) nor PostgreSQL's `detail` (which repeats them).
 */
export interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error))
    return { type: typeof error, message: withoutParameters(String(error)), stack: '' };
  const message = withoutParameters(error.message);
  const serialized: SerializedError = {
    type: error.constructor?.name ?? 'Error',
    message,
    stack: error.stack?.includes(error.message)
      ? error.stack.replace(error.message, message)
      : withoutParameters(error.stack ?? ''),
  };
  const record = error as unknown as Record<string, unknown>;
  for (const field of keptFields)
    if (record[field] !== undefined && !valueBearingFields.has(field)) serialized[field] = record[field];
  if (error.cause !== undefined && depth < 3) serialized.cause = serializeError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < 3)
    serialized.errors = error.errors.slice(0, 5).map((inner) => serializeError(inner, depth + 1));
  return serialized;
}
