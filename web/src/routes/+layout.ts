import { i18n } from '#lib/i18n/i18n.svelte.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { LayoutLoad } from './$types';

// A client-rendered app (like Zulip or Element): the server only hands out the shell, data comes from /api.
export const ssr = false;

export const load: LayoutLoad = async ({ fetch }) => {
  if (!session.loaded) {
    try {
      await session.load(fetch);
    } catch {
      // The server could not say who we are (offline, restarting): carry on signed out rather than show nothing.
    }
    i18n.init(session.user?.locale);
  }
  return {};
};
