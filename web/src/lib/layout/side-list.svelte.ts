import type { DirectConversation, Group, MentoringMatch, UnreadState } from '@spejl/shared';
import { directApi } from '../api/direct.ts';
import { groupsApi } from '../api/groups.ts';
import { mentoringApi } from '../api/mentoring.ts';

/**
 * One entry of a list of places to talk: a group, a mentorship or a direct conversation. `unread` is null where the
 * answer carries no count, so the list shows none rather than a made-up one.
 */
export interface ConversationItem {
  key: string;
  href: string;
  title: string;
  /** A second, quieter line: the parent group of a sub-group, or what kind of conversation it is. */
  detail?: string | null;
  /** A person's picture (their initials by default); without one, `icon` is shown. */
  avatar?: { id: string; name: string; src?: string | null } | null;
  icon?: 'group' | 'conversation';
  unread: number | null;
  /** The count is a cap: more than `unread` are unread. */
  unreadMore?: boolean;
  /** Pages under `href` that also belong to this entry (a group's page and its chat). */
  section?: string;
}

/** The server counts unread messages up to this many per group. */
const unreadCap = 100;

/** The shown count from a group's or a mentorship's unread state, capped like the server's count. */
function unreadOf(unread: UnreadState | null): Pick<ConversationItem, 'unread' | 'unreadMore'> {
  const count = unread?.count ?? null;
  return {
    unread: count === null ? null : Math.min(count, unreadCap - 1),
    unreadMore: count !== null && count >= unreadCap,
  };
}

/** A group the person is a member of, opened at its conversation. */
export function groupItem(group: Group): ConversationItem {
  return {
    key: `group:${group.id}`,
    href: `/groups/${group.slug}/chat`,
    section: `/groups/${group.slug}`,
    title: group.name,
    detail: group.parentName,
    icon: 'group',
    // A muted group shows no number (its messages are still there when the person opens it).
    ...unreadOf(group.myMembership?.muted ? null : group.unread),
  };
}

/** An active mentorship, titled with the other person's name, opened at the pair's conversation. */
export function mentorshipItem(match: MentoringMatch, me: string, detail: string): ConversationItem {
  const other = match.mentor.id === me ? match.family : match.mentor;
  return {
    key: `mentorship:${match.id}`,
    href: `/mentoring/matches/${match.id}/conversation`,
    section: `/mentoring/matches/${match.id}`,
    title: other.displayName,
    detail,
    avatar: { id: other.id, name: other.displayName },
    ...unreadOf(match.unread),
  };
}

/** A direct conversation, titled with the other person's name (a request waiting for an answer says so). */
export function directItem(
  conversation: DirectConversation,
  formerMember: string,
  detail: string | null,
): ConversationItem {
  const name = conversation.other?.displayName ?? formerMember;
  return {
    key: `direct:${conversation.id}`,
    href: `/messages/${conversation.id}`,
    title: name,
    detail,
    avatar: { id: conversation.other?.id ?? conversation.id, name },
    unread: Math.min(conversation.unreadCount, unreadCap - 1),
    unreadMore: conversation.unreadCount >= unreadCap,
  };
}

/**
 * The side list's data: the person's groups (with unread counts), their mentorships and direct conversations. One request each, read again
 * on every navigation; the newest answer wins, and a failed read keeps what was shown.
 */
class SideList {
  groups = $state<Group[] | null>(null);
  mentorships = $state<MentoringMatch[] | null>(null);
  direct = $state<DirectConversation[] | null>(null);
  failed = $state(false);
  private generation = 0;

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const [groups, mentoring, direct] = await Promise.allSettled([
      groupsApi.list({ mine: true, limit: 100 }),
      mentoringApi.me(),
      directApi.list({ limit: 30 }),
    ]);
    if (generation !== this.generation) return;
    if (groups.status === 'fulfilled') this.groups = groups.value.items.filter((group) => group.myMembership);
    if (mentoring.status === 'fulfilled') {
      this.mentorships = mentoring.value.matches.filter(
        (match) => match.status === 'active' && match.conversationId !== null,
      );
    }
    // Ended conversations stay on /messages; the side list keeps to the ones that are going on.
    if (direct.status === 'fulfilled') this.direct = direct.value.items.filter((item) => item.available);
    this.failed = groups.status === 'rejected' && this.groups === null;
  }

  clear(): void {
    this.generation += 1;
    this.groups = null;
    this.mentorships = null;
    this.direct = null;
    this.failed = false;
  }
}

export const sideList = new SideList();
