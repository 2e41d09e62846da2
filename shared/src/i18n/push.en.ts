import type { pushDa } from './push.da.ts';

/** English texts for web Push: what a push says on the lock screen. */
export const pushEn: Record<keyof typeof pushDa, string> = {
  'error.push.endpoint_not_allowed':
    'This browser offers an address for notifications that Spejl does not send to.',
  'push.title.activity': 'New activity in Spejl',
  'push.title.message': 'New message',
  'push.title.messageIn': 'New message in {group}',
  'push.title.messageFrom': 'New message from {name}',
  'push.title.call': 'A call is waiting in Spejl',
  'push.title.moderation': 'News from the moderators in Spejl',
  'push.title.event': 'News about {title}',
  'push.title.roleChanged': 'Your role in {group} has changed.',
  'push.device.on': '{browser} on {system}',
  'push.device.unknown': 'Unknown browser',
};
