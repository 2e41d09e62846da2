import type { pagesDa } from './pages.da.ts';

/** English texts for the terms, the privacy policy and the help pages, and their editing. */
export const pagesEn: Record<keyof typeof pagesDa, string> = {
  'pages.placeholder': '',
};
