import type { pushDevice, pushSubscriptionBody } from '@spejl/shared';
import { request } from './client.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type PushDevice = WireOutput<typeof pushDevice>;

/** Push subscriptions of the signed-in person's devices, and the server's VAPID key. */
export const pushApi = {
  key: () => request<{ publicKey: string }>('GET', '/push/key'),
  devices: (fetcher?: Fetch) =>
    request<{ items: PushDevice[] }>('GET', '/me/push-subscriptions', { fetch: fetcher }),
  subscribe: (body: WireInput<typeof pushSubscriptionBody>) =>
    request<{ device: PushDevice }>('POST', '/me/push-subscriptions', { body }),
  unsubscribe: (endpoint: string) => request<void>('DELETE', '/me/push-subscriptions', { body: { endpoint } }),
  remove: (id: string) => request<void>('DELETE', `/me/push-subscriptions/${encodeURIComponent(id)}`),
};
