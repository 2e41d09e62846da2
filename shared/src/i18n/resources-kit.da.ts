/** Danish texts of the printable kit (`GET /api/kit.pdf`) and the link to it on /knowledge. */
export const resourcesKitDa = {
  'resources.kit.download': 'Hent videnskit som PDF',
  'resources.kit.downloadHelp':
    'De offentlige tekster for det valgte emne og målgruppen, klar til at printe.',
  'resources.kit.title': 'Spejls videnskit',
  'resources.kit.subtitle':
    'Viden om rettigheder, skole, hospital og hverdag for familier og voksne med sjældne diagnoser.',
  'resources.kit.audience': 'Skrevet til: {audience}',
  'resources.kit.audienceAll': 'Skrevet til: alle',
  'resources.kit.topic': 'Emne: {topic}',
  'resources.kit.topicAll': 'Emne: alle emner',
  'resources.kit.made': 'Lavet {date} fra {origin}',
  'resources.kit.checkedNote':
    'Hver tekst viser, hvornår den sidst blev gennemgået. Regler og beløb ændrer sig, ofte hvert år. Tjek hos kommunen eller på borger.dk, før du bruger en ældre tekst.',
  'resources.kit.publicNote':
    'Kittet samler de offentlige tekster i Spejls Viden. Den nyeste udgave af hver tekst står på adressen under den.',
  'resources.kit.truncated':
    'Kittet rummer de første {count} tekster. Vælg et emne eller en målgruppe for at få de andre med.',
  'resources.kit.empty':
    'Der er ingen offentlige tekster, der passer til det, du har valgt. Prøv et andet emne eller en anden målgruppe.',
  'resources.kit.contents': 'Indhold',
  'resources.kit.contentsPage': 'side {page}',
  'resources.kit.footer': 'Spejls videnskit · side {page} af {count}',
  'resources.kit.overdue': 'Kan være forældet: teksten skulle være gennemgået igen senest {date}.',
  'resources.kit.readOnline': 'Læs den nyeste udgave på Spejl: {url}',
  'resources.kit.file': 'Filen kan hentes på Spejl: {url}',
  'resources.kit.website': 'Hjemmeside: {url}',
  'resources.kit.email': 'E-mailadresse: {email}',
  'resources.kit.glossary': 'Ord, du møder i kommunen',
  'resources.kit.glossaryIntro':
    'Korte forklaringer på ord, som sagsbehandlere og breve fra kommunen bruger. Reglerne ændrer sig. Tjek den gældende regel hos kommunen eller på borger.dk.',
  'resources.kit.contacts': 'Kontakter',
  'resources.kit.contactsIntro':
    'Foreningerne bag teksterne i kittet. Har diagnosen ingen forening, kan du kontakte Sjældne-netværket.',
  'resources.kit.network': 'Sjældne-netværket',
};
