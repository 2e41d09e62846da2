import { type ErrorCode, errorStatus, type Locale, translate } from '@spejl/shared';

/** An error with a stable code; the error handler turns it into the contract's error shape. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(code);
    this.code = code;
    this.status = errorStatus[code];
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('auth.forbidden');
export const unauthenticated = () => new AppError('auth.required');

/** The JSON body for an error code in the given language. */
export function errorBody(code: ErrorCode, locale: Locale, details?: unknown) {
  return {
    error: {
      code,
      message: translate(locale, `error.${code}`),
      ...(details === undefined ? {} : { details }),
    },
  };
}
