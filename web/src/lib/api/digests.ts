import type { digestUnsubscribeResponse } from '@spejl/shared/digests';
import { request } from './client.ts';
import type { WireOutput } from './wire.ts';

/** Email digests: the unsubscribe link's button (no session needed; the signed token says whose digest). */
export const digestsApi = {
  unsubscribe: (token: string) =>
    request<WireOutput<typeof digestUnsubscribeResponse>>(
      'POST',
      `/digest/unsubscribe?token=${encodeURIComponent(token)}`,
    ),
};
