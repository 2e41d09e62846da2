import type { moderationDa } from './moderation.da.ts';

export const moderationEn: Record<keyof typeof moderationDa, string> = {
  'error.moderation.muted': 'You cannot post in this group right now: a moderator has paused you.',
  'error.moderation.slow_mode': 'This group is in slow mode. Wait a little before you post again.',
  'error.moderation.blocked':
    'The message contains a word or phrase that is not allowed here. Change it and try again.',
  'error.moderation.link_limit': 'As a new member you cannot send that many links in one message yet.',
  'error.moderation.flag_limit': 'You have reported many messages today. Try again tomorrow.',
  'error.moderation.already_flagged':
    'You have already reported this message. The moderators are looking at it.',
  'error.moderation.own_message': 'You cannot report your own message. You can edit or delete it.',
  'error.moderation.item_resolved': 'This case has already been decided.',
  'error.moderation.claimed': 'Another moderator is working on this case.',
  'error.moderation.self': 'You cannot handle a case about yourself.',
  'error.moderation.own_action': 'Another moderator must decide the appeal against your decision.',
  'error.moderation.not_appealable': 'This decision cannot be appealed.',
  'error.moderation.appeal_expired': 'The time to appeal this decision has run out.',
  'error.moderation.appeal_exists': 'You have already appealed this decision.',
  'error.moderation.appeal_decided': 'The appeal has already been decided.',
  'error.moderation.filter_exists': 'That word or phrase is already on the list.',

  'moderation.reason.spam': 'Spam or advertising',
  'moderation.reason.harassment': 'Harassment or abusive tone',
  'moderation.reason.misinformation': 'Misleading health information',
  'moderation.reason.privacy': 'Shares other people’s health details or private information',
  'moderation.reason.self_harm': 'I am worried the person may harm themselves',
  'moderation.reason.illegal': 'Illegal content',
  'moderation.reason.other': 'Something else',

  'moderation.action.dismiss': 'No violation',
  'moderation.action.hide': 'Hide the message',
  'moderation.action.delete': 'Delete the message',
  'moderation.action.warn': 'Give a warning',
  'moderation.action.mute': 'Pause in the group',
  'moderation.action.remove_member': 'Remove from the group',
  'moderation.action.ban_member': 'Ban from the group',
  'moderation.action.escalate': 'Pass on to Spejl’s administrators',
  'moderation.action.suspend': 'Suspend the account',

  'moderation.helpline.emergency.name': 'Emergency 112',
  'moderation.helpline.emergency.description': 'Call 112 if a life is in immediate danger.',
  'moderation.helpline.livslinien.name': 'Livslinien',
  'moderation.helpline.livslinien.description':
    'Anonymous counselling for people with suicidal thoughts and those close to them. Phone and chat (in Danish).',
  'moderation.helpline.psykiatrifonden.name': 'Psykiatrifonden counselling',
  'moderation.helpline.psykiatrifonden.description':
    'Free, anonymous advice on mental health, for yourself or someone you worry about (in Danish).',
  'moderation.helpline.boernetelefonen.name': 'BørneTelefonen',
  'moderation.helpline.boernetelefonen.description':
    'Free, anonymous counselling for children and young people under 18, from Børns Vilkår. Phone and chat.',

  'notification.moderationAction': 'A moderator in {group} has made a decision about you: {action}.',
  'notification.moderationActionPlatform':
    'Spejl’s administrators have made a decision about your account: {action}.',
  'notification.moderationRestored':
    'Your message in {group} is visible again. A moderator has looked at it.',
  'notification.reportResolvedUpheld':
    'Thank you for your report from {group}. The moderators agreed and did this: {action}.',
  'notification.reportResolvedDismissed':
    'Thank you for your report from {group}. The moderators looked at it and did not find that the message breaks the rules.',
  'notification.moderationSelfHarm':
    'Important: a message in {group} was reported because someone worries its writer may harm themselves. Please look at it now.',
  'notification.moderationSupport':
    'Someone in {group} is worried about you. If things are hard, you can find help here. You are not alone.',
  'notification.moderationEscalated': 'A case from {group} has been passed on to Spejl’s administrators.',
  'notification.moderationHeld':
    'Your message in {group} is waiting for a moderator. Until then only you and the moderators can see it.',
  'notification.appealReceived': 'An appeal has been made against a decision in {group}.',
  'notification.appealUpheld': 'Your appeal has been decided. The decision stands.',
  'notification.appealOverturned':
    'Your appeal has been decided in your favour. The decision has been changed.',

  'mail.moderationAction.subject': 'A decision about you on Spejl',
  'mail.moderationAction.body':
    'A moderator in {group} has made this decision: {action}.\n\nReason: {reason}{message}{until}\n\nIf you disagree, you can appeal before {deadline}:\n{url}',
  'mail.moderationAction.bodyNoAppeal':
    'A moderator in {group} has made this decision: {action}.\n\nReason: {reason}{message}{until}',
  'mail.moderationAction.messageLine': '\n\nMessage from the moderator: {message}',
  'mail.moderationAction.untilLine': '\n\nIt applies until {until} (Danish time).',
  'mail.suspension.subject': 'Your Spejl account is suspended',
  'mail.suspension.body':
    'Spejl’s administrators have suspended your account.\n\nReason: {reason}{message}{until}\n\nWhile it is suspended you cannot sign in. If you disagree, you can appeal before {deadline} here:\n{url}',
  'mail.suspension.indefinite': '\n\nThe suspension lasts until an administrator lifts it.',
  'mail.moderationSelfHarm.subject': 'Important: a worrying message in {group}',
  'mail.moderationSelfHarm.body':
    'A message in {group} was reported because someone worries its writer may harm themselves. Please look at it now:\n{url}',
  'mail.appealDecided.subject': 'The answer to your appeal',
  'mail.appealDecided.upheld': 'Your appeal has been decided. The decision stands.\n\nReason: {reason}',
  'mail.appealDecided.overturned':
    'Your appeal has been decided in your favour. The decision has been changed.\n\nReason: {reason}',
  'moderation.mail.someGroup': 'a group',
  'moderation.mail.platform': 'Spejl',
};
