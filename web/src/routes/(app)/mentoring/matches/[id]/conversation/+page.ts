import { error } from '@sveltejs/kit';
import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

/**
 * The pair's conversation: only the pair gets its id from the match, everyone else is turned away. It is a group
 * of its own (kind `mentorship`), so the group chat shows it; the two members give names and mentions.
 */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const detail = await mentoringApi.getMatch(params.id, fetch);
    const groupId = detail.match.conversationId;
    if (!groupId) error(404, { message: 'not_found', code: 'not_found' });
    const [{ group }, members] = await Promise.all([
      groupsApi.get(groupId, fetch),
      groupsApi.members(groupId, { limit: 100, fetch }),
    ]);
    return { detail, group, members: members.items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
