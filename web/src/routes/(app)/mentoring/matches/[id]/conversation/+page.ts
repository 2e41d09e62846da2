import { error } from '@sveltejs/kit';
import { failLoad } from '#lib/api/load-errors.ts';
import { conversationApi, mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

/** The pair's conversation: only the pair gets its id from the match, everyone else is turned away. */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const detail = await mentoringApi.getMatch(params.id, fetch);
    const groupId = detail.match.conversationId;
    if (!groupId) error(404, { message: 'not_found', code: 'not_found' });
    const page = await conversationApi.messages(groupId, { fetch });
    return { detail, groupId, page };
  } catch (cause) {
    failLoad(cause, url);
  }
};
