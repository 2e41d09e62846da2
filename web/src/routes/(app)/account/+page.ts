import { redirect } from '@sveltejs/kit';
import { meApi } from '#lib/api/auth.ts';
import { directApi } from '#lib/api/direct.ts';
import { preferencesApi } from '#lib/api/messages.ts';
import { privacyApi } from '#lib/api/privacy.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  try {
    const [sessions, preferences, consents, access, blocks] = await Promise.all([
      meApi.sessions(fetch),
      preferencesApi.get(fetch),
      privacyApi.consents(fetch),
      privacyApi.accessRecords({ fetch }),
      directApi.blocks({ fetch }),
    ]);
    return { sessions: sessions.items, preferences, consents, accessRecords: access.items, blocks };
  } catch (cause) {
    failLoad(cause, url);
  }
};
