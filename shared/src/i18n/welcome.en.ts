import type { welcomeDa } from './welcome.da.ts';

/** English texts for the signed-out front page, the public directory and events, and the guided start after sign-up. */
export const welcomeEn: Record<keyof typeof welcomeDa, string> = {
  'welcome.placeholder': '',
};
