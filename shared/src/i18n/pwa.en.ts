import type { pwaDa } from './pwa.da.ts';

/** English texts for Spejl as an installed app: the offline notice. */
export const pwaEn: Record<keyof typeof pwaDa, string> = {
  'pwa.offline': 'You are offline. We will send your messages when you are back online.',
  'pwa.offlineTitle': 'You are offline',
  'pwa.offlinePage': 'This page cannot be fetched without a network. Try again when you are back online.',
  'pwa.tryAgain': 'Try again',
};
