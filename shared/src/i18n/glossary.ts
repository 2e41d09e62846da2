/**
 * The words Spejl uses, as docs/GLOSSARY.md explains them, in a form the catalogue test can check: what member-facing
 * Danish must not say, and which keys only staff (moderators, coordinators, admins) read. Kept beside the catalogue
 * so a new word and its rule land in one commit.
 */

/** A word member-facing Danish avoids, the word to use instead, and why. */
export interface AvoidedTerm {
  /** Matched against each Danish string (whole words, case-insensitive unless the pattern says otherwise). */
  pattern: RegExp;
  avoid: string;
  use: string;
  /** When true, staff-facing keys may use the word (moderators know "afgørelse", members should not need to). */
  staffMayUse?: boolean;
}

const word = (text: string) => new RegExp(`(?<![\\p{L}\\p{N}-])(?:${text})(?![\\p{L}\\p{N}])`, 'iu');

export const avoidedTerms: AvoidedTerm[] = [
  { pattern: word('TOTP'), avoid: 'TOTP', use: 'totrinsbekræftelse, engangskode' },
  { pattern: word('sessions?(?:er|en|erne)?'), avoid: 'session', use: 'logget ind (på enheder)' },
  { pattern: word('JSON'), avoid: 'JSON', use: 'en fil i et standardformat' },
  { pattern: /\.ics\b/i, avoid: '.ics', use: 'Læg i min kalender' },
  { pattern: word('afgørelse(?:n|r|rne)?'), avoid: 'afgørelse', use: 'beslutning', staffMayUse: true },
  { pattern: word('påklage[sr]?|påklaget'), avoid: 'påklage', use: 'klage over' },
  { pattern: word('medhold'), avoid: 'medhold', use: 'du fik ret' },
  { pattern: word('står ved magt'), avoid: 'står ved magt', use: 'bliver ikke ændret' },
  { pattern: word('skribenten'), avoid: 'Skribenten', use: 'den, der skrev beskeden' },
  { pattern: word('brødkrumme'), avoid: 'Brødkrumme', use: 'Du er her' },
  { pattern: word('begivenhed(?:en|er|erne)?'), avoid: 'begivenhed', use: 'arrangement' },
  { pattern: word('redig[eé]r(?:e|er|et|ing)?'), avoid: 'redigere', use: 'rette' },
  { pattern: word('slettet (?:bruger|konto)'), avoid: 'Slettet bruger/konto', use: 'Tidligere medlem' },
  { pattern: /\(frivilligt?\)/i, avoid: '(frivillig)', use: '(valgfrit)' },
  { pattern: /\(valgfri\)/i, avoid: '(valgfri)', use: '(valgfrit)' },
  { pattern: word('data'), avoid: 'data', use: 'oplysninger' },
  {
    pattern: word('e-mails?(?!adresse)'),
    avoid: 'e-mail (the message)',
    use: 'mail; e-mailadresse for the address',
  },
  {
    pattern: word('godkendelses-app|kalender-app|online-rummet'),
    avoid: 'hyphenated compounds',
    use: 'one word',
  },
  { pattern: word('match(?:e|er|et|es)'), avoid: 'matche', use: 'sætte sammen' },
  { pattern: word('langsom tilstand'), avoid: 'Langsom tilstand', use: 'Ventetid mellem beskeder' },
  { pattern: word('telefonlinjer'), avoid: 'telefonlinjer', use: 'hjælpelinjer' },
  {
    pattern: word('erfarne? (?:forælder|forældre|familie)'),
    avoid: 'erfaren forælder/familie',
    use: 'mentor',
  },
];

/**
 * Keys only staff read: the moderators' queue and tools, the coordinators' dashboard, an organiser's lists. Member-facing
 * moderation texts (reports, decisions, appeals, flags, support, outcomes, notifications, mails) are not among them.
 */
export const staffKeyPrefixes: string[] = [
  'moderation.queue.',
  'moderation.item.',
  'moderation.act.',
  'moderation.action.',
  'moderation.actionHelp.',
  'moderation.bulk.',
  'moderation.settings.',
  'moderation.audit.',
  'moderation.transparency.',
  // Not moderation.overview.notModerator / .mine: members who moderate nothing read those.
  'moderation.overview.title',
  'moderation.overview.intro',
  'moderation.overview.open#',
  'moderation.overview.urgent#',
  'moderation.overview.appeals#',
  'moderation.reasonShort.',
  // Alerts to moderators and coordinators, though named like members' notifications and mails.
  'notification.moderationSelfHarm',
  'notification.moderationEscalated',
  'notification.appealReceived',
  'mail.moderationSelfHarm.',
  'mail.mentorshipSelfHarm.',
  'moderation.appeals.',
  'moderation.filters.',
  'moderation.filterAction.',
  'moderation.filterKind.',
  'moderation.platform.',
  'moderation.mentoring.',
  'moderation.source.',
  'moderation.nav.',
  'moderation.resources.',
  'mentoring.dashboard.',
  'mentoring.coordinator.',
  'mentoring.batch.',
  'mentoring.weights.',
  'mentoring.candidate.',
  'mentoring.note.',
  'mentoring.criterion.',
  'registrants.',
  'attendance.',
  'outbox.',
  'adminPeople.',
  'adminSupport.',
  'adminRetention.',
  'adminLogos.',
];

export const isStaffKey = (key: string): boolean => staffKeyPrefixes.some((prefix) => key.startsWith(prefix));
