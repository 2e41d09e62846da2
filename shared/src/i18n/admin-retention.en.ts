import type { adminRetentionDa } from './admin-retention.da.ts';

/** English texts for retention rules in the administration. */
export const adminRetentionEn: Record<keyof typeof adminRetentionDa, string> = {
  'adminRetention.title': 'How long information is kept',
  'adminRetention.intro':
    'Spejl deletes old information by itself once every night, following the rules here. For each rule you choose how long the information is kept, or that it is never deleted.',
  'adminRetention.warning': 'What has been deleted cannot be brought back.',
  'adminRetention.back': 'Back to the administration',
  'adminRetention.auditLink': 'See earlier changes in the log',

  'adminRetention.rule.message_months': 'Messages in the groups',
  'adminRetention.explain.message_months':
    'Messages older than the number of months you choose are deleted in every group. A group with its own rule for messages follows its own rule instead. Replies in a thread are only deleted once the first message of the thread is too old as well.',
  'adminRetention.rule.declined_request_days': 'Declined requests to join',
  'adminRetention.explain.declined_request_days':
    'A declined request to join a group is deleted once the number of days you choose has passed since it was declined.',
  'adminRetention.rule.inactive_account_years': 'Accounts that are not used',
  'adminRetention.explain.inactive_account_years#one':
    'When a person has not used Spejl for the number of years you choose, they get an email about it. If they do not sign in within {count} day of the email, the account is deleted. Their messages stay, with “Former member” instead of their name.',
  'adminRetention.explain.inactive_account_years#other':
    'When a person has not used Spejl for the number of years you choose, they get an email about it. If they do not sign in within {count} days of the email, the account is deleted. Their messages stay, with “Former member” instead of their name.',
  'adminRetention.rule.outbox_days': 'Copies of emails sent',
  'adminRetention.explain.outbox_days':
    'Spejl keeps a copy of every email it sends, such as links to confirm an email address or to choose a new password. The copies are deleted once they are older than the number of days you choose.',

  'adminRetention.current': 'Now',
  'adminRetention.default': 'Default',
  'adminRetention.forever': 'Kept forever',
  'adminRetention.months#one': '{count} month',
  'adminRetention.months#other': '{count} months',
  'adminRetention.days#one': '{count} day',
  'adminRetention.days#other': '{count} days',
  'adminRetention.years#one': '{count} year',
  'adminRetention.years#other': '{count} years',

  'adminRetention.choice': 'What should happen?',
  'adminRetention.choice.limit.months': 'Delete after a number of months',
  'adminRetention.choice.limit.days': 'Delete after a number of days',
  'adminRetention.choice.limit.years': 'Delete after a number of years',
  'adminRetention.choice.forever': 'Keep forever (never delete)',
  'adminRetention.amount.months': 'Number of months',
  'adminRetention.amount.days': 'Number of days',
  'adminRetention.amount.years': 'Number of years',
  'adminRetention.amountHelp': 'A whole number from {min} to {max}.',

  'adminRetention.field.reason': 'Reason (optional)',
  'adminRetention.field.reasonHelp': 'Why are you changing the rules? Kept in the log with your name.',
  'adminRetention.error.amount': 'Write a whole number from {min} to {max}.',
  'adminRetention.error.reason': 'Write a reason of {min} to {max} characters, or leave the field empty.',
  'adminRetention.save': 'Save the rules',
  'adminRetention.saved': 'The rules are saved. They are used from next night.',
  'adminRetention.unchanged': 'You have not changed any rules, so there is nothing to save.',

  'adminRetention.group.title': 'How long are the group’s messages kept?',
  'adminRetention.group.intro':
    'Messages older than the rule are deleted automatically every night. When the group has no rule of its own, the platform’s applies: {rule}.',
  'adminRetention.group.followsPlatform': 'The platform’s rule ({rule})',
  'adminRetention.group.platform': 'Follow the platform’s rule ({rule})',
  'adminRetention.group.reasonHelp': 'Why are you changing the rule? Kept in the group’s log with your name.',
  'adminRetention.group.save': 'Save the rule',
  'adminRetention.group.saved': 'The rule is saved. It is used from tonight.',
  'adminRetention.audit.updated': 'Changed the rules for how long information is kept',
  'adminRetention.audit.groupUpdated': 'Changed the group’s rule for how long messages are kept',
};
