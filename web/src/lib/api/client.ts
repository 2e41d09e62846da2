import type { ErrorResponse } from '@spejl/shared';

/** A failed API call: the stable error code, the HTTP status and any details the server sent. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(code: string, status: number, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

type Fetch = typeof fetch;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Calls the JSON API on our own origin: a body is sent as JSON, or a Blob (a chosen file) as it is. Resolves with the
 * parsed answer (undefined for 204), throws ApiError.
 */
export async function request<T>(
  method: Method,
  path: string,
  options: { body?: unknown; fetch?: Fetch } = {},
): Promise<T> {
  const fetcher = options.fetch ?? fetch;
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (options.body instanceof Blob) {
    // A file goes as it is (an association's logo); the server tells its type from the bytes.
    init.headers = { ...init.headers, 'content-type': options.body.type || 'application/octet-stream' };
    init.body = options.body;
  } else if (options.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetcher(`/api${path}`, init);
  } catch (cause) {
    throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = readError(json);
    if (error) throw new ApiError(error.code, response.status, error.message, error.details);
    throw new ApiError(response.status >= 500 ? 'internal' : 'validation.failed', response.status, text);
  }
  return json as T;
}

/** Reads `{error: {code, message, details?}}` without trusting its shape; codes the web does not know yet still pass. */
function readError(json: unknown): ErrorResponse['error'] | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  const error = (json as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, details } = error as Record<string, unknown>;
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : code, details };
}

/** `?a=1&b=2` from the values that are set (strings and numbers), or '' when none are. */
export function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if ((typeof value === 'string' && value !== '') || typeof value === 'number')
      params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
