// No zod here: the web imports these values directly.

/** Notification types a person can choose to also get by email. */
export const mailableNotificationTypes = [
  'mention',
  'reply',
  'join_request.approved',
  'join_request.declined',
  'join_request.created',
  'membership.added',
  'direct.request',
  'direct.accepted',
] as const;
export type MailableNotificationType = (typeof mailableNotificationTypes)[number];
/** What is mailed until a person chooses otherwise (the database default says the same). */
export const defaultEmailNotificationTypes: MailableNotificationType[] = [
  'join_request.approved',
  'join_request.declined',
  'mention',
  'membership.added',
  'direct.request',
  'direct.accepted',
];
