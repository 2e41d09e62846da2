// No zod here: the web imports these values directly.

/**
 * What a person chooses how to hear about, in the words of the account page: each notification type belongs to one of
 * these (`channelOf` in notifications.ts), and new messages in a direct or mentorship conversation belong to `direct`
 * and `mentorship`. For each the person picks push, mail, both or neither.
 */
export const notificationChannelKeys = [
  'mention',
  'reply',
  'direct',
  'mentorship',
  'call',
  'event',
  'membership',
  'moderation',
  'account',
] as const;
export type NotificationChannelKey = (typeof notificationChannelKeys)[number];

/** The ways a notification can reach someone besides the in-app list. */
export const deliveryChannels = ['push', 'mail'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
export type NotificationChannels = Record<NotificationChannelKey, DeliveryChannel[]>;

/**
 * What reaches whom until they choose otherwise (the database default says the same). Push reaches only devices where
 * the person turned it on, so it is on for everything; mail for what was mailed before push existed.
 */
export const defaultNotificationChannels: NotificationChannels = {
  mention: ['push', 'mail'],
  reply: ['push'],
  direct: ['push', 'mail'],
  mentorship: ['push', 'mail'],
  call: ['push'],
  event: ['push', 'mail'],
  membership: ['push', 'mail'],
  moderation: ['push', 'mail'],
  account: ['push', 'mail'],
};

/** Unread activity gathered in one mail, off until the person chooses it. */
export const digestFrequencies = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];
/** The local hour digests are sent at (weekly ones on Mondays): early morning, read with the first coffee. */
export const digestLocalHour = 7;
export const defaultTimeZone = 'Europe/Copenhagen';
