import { type Locale, type MessageKey, type SupportResource, translate } from '@spejl/shared';

/**
 * The platform's default helplines, shown to a member someone is worried about (a self_harm flag) and on the
 * support page. Real Danish services; a group can replace the list and add its own contacts in its settings.
 */
const helplines: Array<{ key: string; phone: string; url?: string }> = [
  { key: 'emergency', phone: '112' },
  { key: 'livslinien', phone: '70 201 201', url: 'https://www.livslinien.dk' },
  { key: 'psykiatrifonden', phone: '39 25 25 25', url: 'https://psykiatrifonden.dk' },
  { key: 'boernetelefonen', phone: '116 111', url: 'https://bornetelefonen.dk' },
];

/** The default helplines in the reader's language. */
export function defaultHelplines(locale: Locale): SupportResource[] {
  return helplines.map((line) => ({
    name: translate(locale, `moderation.helpline.${line.key}.name` as MessageKey),
    phone: line.phone,
    ...(line.url ? { url: line.url } : {}),
    description: translate(locale, `moderation.helpline.${line.key}.description` as MessageKey),
  }));
}
