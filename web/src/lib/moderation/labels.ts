import type {
  Appeal,
  FlagReason,
  MessageKey,
  ModerationAction,
  ModerationFilter,
  ModerationItem,
} from '@spejl/shared';

// The value lists live in @spejl/shared next to their zod schemas; importing them would put zod in the browser
// bundle. These maps are typed against the same types, so a value added there fails the web's check until it has
// a label here.

/** In the order people see them in the flag dialog. */
export const reasonKeys = {
  spam: 'moderation.reason.spam',
  harassment: 'moderation.reason.harassment',
  misinformation: 'moderation.reason.misinformation',
  privacy: 'moderation.reason.privacy',
  self_harm: 'moderation.reason.self_harm',
  illegal: 'moderation.reason.illegal',
  other: 'moderation.reason.other',
} as const satisfies Record<FlagReason, MessageKey>;
export const flagReasons = Object.keys(reasonKeys) as FlagReason[];

/** Short names of reasons, for badges in the queue. */
export const reasonShortKeys = {
  spam: 'moderation.reasonShort.spam',
  harassment: 'moderation.reasonShort.harassment',
  misinformation: 'moderation.reasonShort.misinformation',
  privacy: 'moderation.reasonShort.privacy',
  self_harm: 'moderation.reasonShort.self_harm',
  illegal: 'moderation.reasonShort.illegal',
  other: 'moderation.reasonShort.other',
} as const satisfies Record<FlagReason, MessageKey>;

/** What a moderator chooses (imperative). */
export const actionKeys = {
  dismiss: 'moderation.action.dismiss',
  hide: 'moderation.action.hide',
  delete: 'moderation.action.delete',
  warn: 'moderation.action.warn',
  mute: 'moderation.action.mute',
  remove_member: 'moderation.action.remove_member',
  ban_member: 'moderation.action.ban_member',
  escalate: 'moderation.action.escalate',
  suspend: 'moderation.action.suspend',
  pause_mentor: 'moderation.action.pause_mentor',
  close_mentorship: 'moderation.action.close_mentorship',
} as const satisfies Record<ModerationAction, MessageKey>;

/** What happened (past tense), for members and the record. */
export const outcomeKeys = {
  dismiss: 'moderation.outcome.dismiss',
  hide: 'moderation.outcome.hide',
  delete: 'moderation.outcome.delete',
  warn: 'moderation.outcome.warn',
  mute: 'moderation.outcome.mute',
  remove_member: 'moderation.outcome.remove_member',
  ban_member: 'moderation.outcome.ban_member',
  escalate: 'moderation.outcome.escalate',
  suspend: 'moderation.outcome.suspend',
  pause_mentor: 'moderation.outcome.pause_mentor',
  close_mentorship: 'moderation.outcome.close_mentorship',
} as const satisfies Record<ModerationAction, MessageKey>;

/** Help under each choice in the action form. */
export const actionHelpKeys = {
  dismiss: 'moderation.actionHelp.dismiss',
  hide: 'moderation.actionHelp.hide',
  delete: 'moderation.actionHelp.delete',
  warn: 'moderation.actionHelp.warn',
  mute: 'moderation.actionHelp.mute',
  remove_member: 'moderation.actionHelp.remove_member',
  ban_member: 'moderation.actionHelp.ban_member',
  escalate: 'moderation.actionHelp.escalate',
  suspend: 'moderation.actionHelp.suspend',
  pause_mentor: 'moderation.actionHelp.pause_mentor',
  close_mentorship: 'moderation.actionHelp.close_mentorship',
} as const satisfies Record<ModerationAction, MessageKey>;

/** The fields of the action form, for its error summary. */
export type ActionField = 'action' | 'reason' | 'durationHours' | 'messageToUser';

/** Ready-made reasons a volunteer can pick and adjust, so a decision takes seconds, not minutes. */
export const reasonTemplateKeys = [
  'moderation.template.spam',
  'moderation.template.tone',
  'moderation.template.privacy',
  'moderation.template.health',
  'moderation.template.offTopic',
  'moderation.template.noViolation',
] as const satisfies readonly MessageKey[];

export const sourceKeys = {
  flags: 'moderation.source.flags',
  filter: 'moderation.source.filter',
  new_member: 'moderation.source.new_member',
} as const satisfies Record<ModerationItem['source'], MessageKey>;

export const filterActionKeys = {
  block: 'moderation.filterAction.block',
  hold: 'moderation.filterAction.hold',
  flag: 'moderation.filterAction.flag',
} as const satisfies Record<ModerationFilter['action'], MessageKey>;

export const filterKindKeys = {
  word: 'moderation.filterKind.word',
  pattern: 'moderation.filterKind.pattern',
} as const satisfies Record<ModerationFilter['kind'], MessageKey>;

export const appealStatusKeys = {
  open: 'moderation.appealStatus.open',
  upheld: 'moderation.appealStatus.upheld',
  overturned: 'moderation.appealStatus.overturned',
} as const satisfies Record<Appeal['status'], MessageKey>;

/** A label for an audit entry's action: a known moderation action, a membership change, or the raw name. */
export function auditActionKey(action: string): MessageKey | null {
  const known: Record<string, MessageKey> = {
    ...outcomeKeys,
    auto_hide: 'moderation.audit.auto_hide',
    'filter.block': 'moderation.audit.filterBlock',
    'filter.hold': 'moderation.audit.filterHold',
    'filter.flag': 'moderation.audit.filterFlag',
    'filter.create': 'moderation.audit.filterCreate',
    'filter.delete': 'moderation.audit.filterDelete',
    'new_member.hold': 'moderation.audit.newMemberHold',
    'settings.update': 'moderation.audit.settingsUpdate',
    'appeal.created': 'moderation.audit.appealCreated',
    'appeal.upheld': 'moderation.audit.appealUpheld',
    'appeal.overturned': 'moderation.audit.appealOverturned',
    'page.published': 'pages.audit.published',
    'association.created': 'adminAssociations.audit.created',
    'association.updated': 'adminAssociations.audit.updated',
    'association.archived': 'adminAssociations.audit.archived',
    'association.unarchived': 'adminAssociations.audit.unarchived',
    'association.logo_updated': 'adminLogos.audit.updated',
    'association.logo_removed': 'adminLogos.audit.removed',
    'support.updated': 'adminSupport.audit.updated',
    'account.recovery_code_used': 'moderation.audit.recoveryCodeUsed',
    'account.role_changed': 'adminPeople.audit.roleChanged',
    'account.locked': 'adminPeople.audit.locked',
    'account.unlocked': 'adminPeople.audit.unlocked',
    'account.mfa_reset': 'adminPeople.audit.mfaReset',
    'account.sessions_ended': 'adminPeople.audit.sessionsEnded',
    'group.created': 'adminGroups.audit.created',
    'group.updated': 'adminGroups.audit.updated',
    'group.moved': 'adminGroups.audit.moved',
    'group.archived': 'adminGroups.audit.archived',
    'group.unarchived': 'adminGroups.audit.unarchived',
    'retention.updated': 'adminRetention.audit.updated',
    'retention.group_updated': 'adminRetention.audit.groupUpdated',
  };
  if (known[action]) return known[action];
  if (action.startsWith('membership.')) return 'moderation.audit.membership';
  return null;
}
