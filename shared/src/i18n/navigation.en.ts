import type { navigationDa } from './navigation.da.ts';

/** English texts for the app's navigation: the header, the bottom bar on a phone, the person menu and the side list. */
export const navigationEn: Record<keyof typeof navigationDa, string> = {
  'navigation.bell#one': 'Notifications, {count} unread',
  'navigation.bell#other': 'Notifications, {count} unread',
  'navigation.bellMany': 'Notifications, over {count} unread',
  'navigation.personMenu': 'Your menu',
  'navigation.personMenuCases#one': 'Your menu, {count} open case',
  'navigation.personMenuCases#other': 'Your menu, {count} open cases',
  'navigation.signedInAs': 'Signed in as {name}',
  'navigation.administration': 'Administration',
  'navigation.languageMenu': 'Language (Sprog)',
  'navigation.side.groups': 'My groups',
  'navigation.side.conversations': 'Conversations',
  'navigation.side.noGroups': 'You are not in any groups yet.',
  'navigation.side.findGroups': 'Find groups',
  'navigation.side.noConversations': 'No conversations yet.',
  'navigation.side.mentorship': 'Mentorship',
  'navigation.side.request': 'Waiting for an answer',
  'navigation.side.allMessages': 'All messages',
  'navigation.side.unread#one': '{count} unread message',
  'navigation.side.unread#other': '{count} unread messages',
  'navigation.side.unreadMany': 'over {count} unread messages',
  'navigation.side.failed': 'The list could not be loaded just now.',
};
