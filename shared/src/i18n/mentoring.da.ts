/** Mentoring texts in Danish, the source language. Plain words for tired parents. */
export const mentoringDa = {
  'mentoring.groupKind': 'Mentorforløb',
  'error.group.read_only': 'Samtalen er afsluttet. I kan stadig læse den, men ikke skrive i den.',
  'error.mentoring.request_open': 'Du har allerede en anmodning om en mentor, som vi arbejder på.',
  'error.mentoring.request_not_open': 'Anmodningen venter ikke længere på en mentor.',
  'error.mentoring.request_locked': 'Anmodningen kan ikke ændres nu, fordi en mentor allerede har fået den.',
  'error.mentoring.not_eligible': 'Mentoren kan ikke foreslås til denne familie.',
  'error.mentoring.match_not_proposed': 'Forslaget er allerede besvaret eller trukket tilbage.',
  'error.mentoring.match_not_active': 'Forløbet er ikke i gang.',
  'error.mentoring.match_not_closed': 'Forløbet er ikke afsluttet endnu.',
  'error.mentoring.feedback_given': 'Du har allerede givet din tilbagemelding.',
  'error.mentoring.has_matches':
    'Du har en familie lige nu. Afslut forløbet, eller sæt dig på pause, før du stopper som mentor.',

  'mentoring.mail.requestCreated.subject': 'Ny anmodning om en mentor',
  'mentoring.mail.requestCreated.body':
    'En familie har bedt om en mentor. Se anmodningen og forslag til mentorer her:\n{url}',
  'mentoring.mail.proposed.subject': 'En familie kunne have glæde af dig som mentor',
  'mentoring.mail.proposed.body':
    'En koordinator har foreslået dig som mentor for en ny familie. Læs om familien, og svar ja eller nej:\n{url}',
  'mentoring.mail.proposalWithdrawn.subject': 'Forslaget om en familie er trukket tilbage',
  'mentoring.mail.proposalWithdrawn.body':
    'Forslaget om, at du skulle være mentor for en familie, er trukket tilbage. Du behøver ikke gøre noget.\n{url}',
  'mentoring.mail.accepted.subject': 'Du har fået en mentor',
  'mentoring.mail.accepted.body':
    'En erfaren forælder har sagt ja til at være din mentor. Du hører fra din mentor inden for to dage. I kan skrive sammen her:\n{url}',
  'mentoring.mail.declined.subject': 'En mentor har sagt nej tak',
  'mentoring.mail.declined.body':
    'En mentor har sagt nej til et forslag. Familien venter på et nyt forslag:\n{url}',
  'mentoring.mail.approved.subject': 'Du er godkendt som mentor',
  'mentoring.mail.approved.body':
    'Tak, fordi du vil hjælpe en ny familie. Du er nu godkendt som mentor, og vi giver dig besked, når en familie kunne passe til dig.\n{url}',
  'mentoring.mail.firstContactOverdue.subject': 'En mentor har ikke kontaktet sin familie endnu',
  'mentoring.mail.firstContactOverdue.body':
    'Der er gået mere end 48 timer, siden {mentor} sagde ja, og familien har ikke hørt noget endnu. Se oversigten her:\n{url}',
  'mentoring.mail.firstContactReminder.subject': 'Husk at skrive til din nye familie',
  'mentoring.mail.firstContactReminder.body':
    'Familien venter på at høre fra dig. Skriv en kort hilsen i jeres samtale, eller marker, at I har talt sammen:\n{url}',
  'mentoring.mail.checkIn.subject': 'Hvordan går det med jeres mentorforløb?',
  'mentoring.mail.checkIn.body':
    'Der er gået {weeks} uger, siden jeres forløb begyndte. Fortæl os kort, hvordan det går. Det tager et minut:\n{url}',
  'mentoring.mail.closed.subject': 'Mentorforløbet er afsluttet',
  'mentoring.mail.closed.body':
    'Jeres mentorforløb er afsluttet. Samtalen kan stadig læses. Du er velkommen til at give en kort tilbagemelding:\n{url}',

  'mentoring.lifeStage.baby': 'baby og småbarn',
  'mentoring.lifeStage.preschool': 'børnehavealder',
  'mentoring.lifeStage.school': 'skolealder',
  'mentoring.lifeStage.teen': 'teenager',
  'mentoring.lifeStage.adult': 'voksen',

  'mentoring.note.diagnosis.same': 'Samme diagnosegruppe',
  'mentoring.note.diagnosis.different': 'Ikke samme diagnosegruppe',
  'mentoring.note.diagnosis.unknown': 'Familien har ikke valgt en diagnosegruppe',
  'mentoring.note.area.same': 'Samme forening eller diagnoseområde',
  'mentoring.note.area.different': 'Et andet diagnoseområde',
  'mentoring.note.area.unknown': 'Diagnoseområdet er ukendt',
  'mentoring.note.area.diagnosis': 'Regnet med under samme diagnose',
  'mentoring.note.topics.shared': '{shared} af familiens {asked} emner',
  'mentoring.note.topics.none_asked': 'Familien har ikke valgt emner',
  'mentoring.note.childAge.known': '{gap} års forskel på børnenes alder',
  'mentoring.note.childAge.unknown': 'Alderen kendes ikke for begge',
  'mentoring.note.lifeStage.same': 'Samme livsfase: {stage}',
  'mentoring.note.lifeStage.different': 'Forskellig livsfase',
  'mentoring.note.lifeStage.unknown': 'Livsfasen kendes ikke for begge',
  'mentoring.note.region.same': 'Samme region',
  'mentoring.note.region.near': 'Naboregion',
  'mentoring.note.region.far': '{distance} regioner væk',
  'mentoring.note.waitTime.waiting': 'Familien har ventet {days} dage',
  'mentoring.note.load.load': 'Har {load} af {capacity} familier nu',
} as const;
