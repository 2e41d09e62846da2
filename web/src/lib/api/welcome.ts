import type { WelcomeState } from '@spejl/shared';
import { request } from './client.ts';

type Fetch = typeof fetch;

/** The guided start after sign-up: where it stands, and moving on, finishing or skipping it. */
export const welcomeApi = {
  get: (fetcher?: Fetch) => request<WelcomeState>('GET', '/me/welcome', { fetch: fetcher }),
  reached: (step: number) => request<WelcomeState>('PATCH', '/me/welcome', { body: { step } }),
  done: () => request<WelcomeState>('PATCH', '/me/welcome', { body: { done: true } }),
};
