import type { pagesDa } from './pages.da.ts';

/** English texts for the terms, the privacy policy and the help pages, and their editing. */
export const pagesEn: Record<keyof typeof pagesDa, string> = {
  'error.page.not_found':
    'That page does not exist. See Help, Terms or Privacy policy at the bottom of the page.',
  'pages.footer.label': 'About Spejl',
  'pages.footer.help': 'Help',
  'pages.footer.terms': 'Terms',
  'pages.footer.privacy': 'Privacy policy',
  'pages.updated': 'Version {version}, updated {date}',
  'pages.contents': 'Contents',
  'pages.edit': 'Edit the page',
  'pages.signup.read': 'Read {terms} and {privacy} before you agree. The links open in a new window.',
  'pages.signup.terms': 'the terms',
  'pages.signup.privacy': 'the privacy policy',
  'pages.consent.readPrivacy': 'Read in the privacy policy what we keep, and why',
  'pages.opensNewWindow': 'opens in a new window',
  'pages.reconsent.title': 'The terms have changed',
  'pages.reconsent.intro':
    'We have changed the terms or the privacy policy. Read what changed, and agree before you continue.',
  'pages.reconsent.changed': 'What changed',
  'pages.reconsent.readTerms': 'Read the terms',
  'pages.reconsent.readPrivacy': 'Read the privacy policy',
  'pages.reconsent.accept': 'I accept the new terms and the privacy policy',
  'pages.reconsent.decline': 'I do not want to accept',
  'pages.reconsent.declineTitle': 'If you do not want to accept',
  'pages.reconsent.declineText':
    'Then you cannot go on using Spejl. You can still download your information and delete your account under My account. You can also write to the association if you have questions.',
  'pages.reconsent.toAccount': 'Go to My account',
  'pages.reconsent.signOut': 'Sign out',
  'pages.reconsent.failed': 'Your answer was not saved. Try again.',
  'pages.admin.title': 'Pages',
  'pages.admin.intro':
    'Here you edit the help, the terms and the privacy policy. Every change becomes a new version, and the old one can always be read again.',
  'pages.admin.editTitle': 'Edit “{title}”',
  'pages.admin.language': 'Language',
  'pages.admin.language.da': 'Danish',
  'pages.admin.language.en': 'English',
  'pages.admin.field.title': 'Heading',
  'pages.admin.field.body': 'Text',
  'pages.admin.field.bodyHelp':
    'Put ## before a heading. Lists start with a hyphen. Write links as [text](/help) or [text](https://…).',
  'pages.admin.field.reason': 'What changed, and why?',
  'pages.admin.field.reasonHelp':
    'It is kept in the log. If everyone must accept again, they see this text too.',
  'pages.admin.field.requiresConsent': 'Everyone must accept the new version the next time they come in',
  'pages.admin.field.requiresConsentHelp':
    'Tick only when the change matters to the members, for example new rules or new information we keep.',
  'pages.admin.preview': 'How it looks',
  'pages.admin.publish': 'Publish new version',
  'pages.admin.published': 'Version {version} is published.',
  'pages.admin.history': 'Earlier versions',
  'pages.admin.builtIn': 'The built-in text',
  'pages.admin.by': 'by {name}',
  'pages.admin.requiredConsent': 'Everyone had to accept again',
  'pages.admin.useVersion': 'Start from this version',
  'pages.admin.error.title': 'Write a heading.',
  'pages.admin.error.body': 'Write the text of the page. It can be at most 60,000 characters.',
  'pages.admin.error.reason': 'Write briefly what changed, and why.',
  'pages.audit.published': 'Published a new version of a page (terms, privacy policy or help)',
};
