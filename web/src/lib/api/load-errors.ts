import { error, redirect } from '@sveltejs/kit';
import { stepUpFrom } from '../account/second-factor.ts';
import { signInUrl } from '../navigation/redirect.ts';
import { session } from '../session/session.svelte.ts';
import { ApiError } from './client.ts';

/**
 * For load functions: a lapsed session goes to sign-in, a session that still has to confirm the second factor goes
 * to that step (and comes back here), other API errors become the error page with their code.
 */
export function failLoad(cause: unknown, url: URL): never {
  if (cause instanceof ApiError) {
    if (cause.status === 401) {
      session.user = null;
      redirect(307, signInUrl(url));
    }
    if (cause.code === 'auth.mfa_step_up_required') redirect(307, stepUpFrom(url));
    error(cause.status === 0 ? 503 : cause.status, { message: cause.message, code: cause.code });
  }
  throw cause;
}
