/** Danish texts for the terms, the privacy policy and the help pages, and their editing. */
export const pagesDa = {
  'pages.placeholder': '',
};
