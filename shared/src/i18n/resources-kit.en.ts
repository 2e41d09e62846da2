import type { resourcesKitDa } from './resources-kit.da.ts';

/** English texts of the printable kit (`GET /api/kit.pdf`) and the link to it on /knowledge. */
export const resourcesKitEn: Record<keyof typeof resourcesKitDa, string> = {
  'resources.kit.download': 'Download the knowledge kit as PDF',
  'resources.kit.downloadHelp': 'The public texts for the chosen topic and audience, ready to print.',
  'resources.kit.title': 'Spejl’s knowledge kit',
  'resources.kit.subtitle':
    'Knowledge about rights, school, hospital and everyday life for families and adults with rare diagnoses.',
  'resources.kit.audience': 'Written for: {audience}',
  'resources.kit.audienceAll': 'Written for: everyone',
  'resources.kit.topic': 'Topic: {topic}',
  'resources.kit.topicAll': 'Topic: all topics',
  'resources.kit.made': 'Made {date} from {origin}',
  'resources.kit.checkedNote':
    'Each text shows when it was last checked. Rules and amounts change, often every year. Check with the municipality or on borger.dk before you rely on an older text.',
  'resources.kit.publicNote':
    'The kit gathers the public texts in Spejl’s Knowledge section. The latest version of each text is at the address below it.',
  'resources.kit.truncated':
    'The kit holds the first {count} texts. Choose a topic or an audience to get the others.',
  'resources.kit.empty':
    'There are no public texts that match what you chose. Try another topic or another audience.',
  'resources.kit.contents': 'Contents',
  'resources.kit.contentsPage': 'page {page}',
  'resources.kit.footer': 'Spejl’s knowledge kit · page {page} of {count}',
  'resources.kit.overdue': 'May be out of date: the text was due to be checked again by {date}.',
  'resources.kit.readOnline': 'Read the latest version on Spejl: {url}',
  'resources.kit.file': 'Download the file on Spejl: {url}',
  'resources.kit.website': 'Website: {url}',
  'resources.kit.email': 'Email: {email}',
  'resources.kit.glossary': 'Words you meet at the municipality',
  'resources.kit.glossaryIntro':
    'Short explanations of the Danish words caseworkers and letters from the municipality use. Rules change. Check the current rule with the municipality or on borger.dk.',
  'resources.kit.contacts': 'Contacts',
  'resources.kit.contactsIntro':
    'The associations behind the texts in the kit. If a diagnosis has no association, you can contact Sjældne-netværket (the rare network).',
  'resources.kit.network': 'Sjældne-netværket (the rare network)',
};
