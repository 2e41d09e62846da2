/** Danish texts for consents, export, deletion, access records and retention. */
export const privacyDa = {
  'privacy.formerMember': 'Tidligere medlem',
  'error.privacy.consent_required':
    'For at blive medlem af en gruppe skal du give samtykke til, at Spejl behandler oplysninger om helbred.',
  'error.privacy.sole_owner':
    'Du er eneste ejer af en gruppe. Giv en anden rollen som ejer, før du forlader alle grupper.',
  'privacy.mail.inactive.subject': 'Vil du beholde din konto på Spejl?',
  'privacy.mail.inactive.body#one':
    'Du har ikke brugt Spejl i {count} år. For at passe på dine oplysninger sletter vi kontoen om {days} dage.\nVil du beholde den, skal du bare logge ind:\n{url}\n\nBliver kontoen slettet, står dine beskeder der stadig, men uden dit navn.',
  'privacy.mail.inactive.body#other':
    'Du har ikke brugt Spejl i {count} år. For at passe på dine oplysninger sletter vi kontoen om {days} dage.\nVil du beholde den, skal du bare logge ind:\n{url}\n\nBliver kontoen slettet, står dine beskeder der stadig, men uden dit navn.',
  'privacy.exportReady':
    'Dit arkiv med alle dine oplysninger er klar. Linket virker i 7 dage og kan bruges én gang.',

  'privacy.heading': 'Dine oplysninger og samtykker',
  'privacy.intro':
    'At du er med i en diagnosegruppe, siger noget om dit eller din families helbred. Her bestemmer du, hvad vi må, ser, hvem der har kigget på dine oplysninger, og kan hente dem eller slette dem.',
  'privacy.consents': 'Samtykker',
  'privacy.consent.terms': 'Vilkår for at bruge Spejl',
  'privacy.consent.terms.help':
    'Givet, da du oprettede kontoen. Vil du trække det tilbage, skal du slette kontoen.',
  'privacy.consent.health_data_groups': 'Helbredsoplysninger i grupper',
  'privacy.consent.health_data_groups.help':
    'Nødvendigt for at være medlem af diagnosegrupper og Sjældne-netværket. Trækker du det tilbage, forlader du alle grupper med det samme, og dine anmodninger om medlemskab trækkes tilbage. Dine beskeder bliver stående.',
  'privacy.consent.health_data_mentoring': 'Helbredsoplysninger i mentorordningen',
  'privacy.consent.health_data_mentoring.help':
    'Nødvendigt for at bede om en mentor eller være mentor. Trækker du det tilbage, bliver din mentorprofil og dine anmodninger fjernet.',
  'privacy.consent.given': 'Givet {date} (version {version})',
  'privacy.consent.notGiven': 'Ikke givet',
  'privacy.consent.outdated': 'Teksten er ændret siden. Læs den igen, og giv samtykke på ny.',
  'privacy.consent.give': 'Giv samtykke',
  'privacy.consent.withdraw': 'Træk samtykke tilbage',
  'privacy.consent.withdrawConfirm': 'Vil du trække samtykket tilbage? {effect}',
  'privacy.consent.saved': 'Dit valg er gemt.',
  'privacy.consent.history': 'Historik',
  'privacy.consent.historyRow': '{kind}: givet {given}{withdrawn}',
  'privacy.consent.historyWithdrawn': ', trukket tilbage {date}',
  'privacy.export': 'Hent dine oplysninger',
  'privacy.export.help':
    'Alt, hvad vi har om dig, samlet i én fil i et standardformat, som andre tjenester kan læse. Du kan gemme filen eller tage den med til en anden tjeneste.',
  'privacy.export.download': 'Hent mine oplysninger nu',
  'privacy.export.archive': 'Forbered et arkiv og giv mig besked',
  'privacy.export.archiveRequested': 'Vi giver dig besked under Notifikationer, når arkivet er klar.',
  'privacy.access': 'Hvem har set dine oplysninger',
  'privacy.access.help':
    'Når en moderator, koordinator eller administrator åbner noget af dit, skriver vi det ned her.',
  'privacy.access.none': 'Ingen har set dine oplysninger.',
  'privacy.access.row': '{name} ({role}) så {kind}{group}',
  'privacy.access.inGroup': ' i {group}',
  'privacy.access.unknownActor': 'Tidligere medlem',
  'privacy.access.kind.group.join_request': 'din anmodning om medlemskab',
  'privacy.access.kind.message.edits': 'tidligere versioner af din besked',
  'privacy.access.kind.moderation.case': 'en anmeldelse af din besked og beskederne omkring den',
  'privacy.access.reason.review_report': 'behandling af en anmeldelse',
  'privacy.access.kind.mentoring.request': 'din anmodning om en mentor',
  'privacy.access.reason.coordinate_mentoring': 'at finde en mentor til dig',
  'privacy.access.kind.other': 'dine oplysninger',
  'privacy.access.reason': 'Begrundelse: {reason}',
  'privacy.access.reason.review_join_requests': 'behandling af anmodninger',
  'privacy.access.reason.moderate_message': 'moderation af en besked',
  'privacy.delete': 'Slet din konto',
  'privacy.delete.help':
    'Du bliver logget ud alle steder, og din konto og dine oplysninger bliver slettet. Det kan ikke fortrydes. Herunder vælger du, hvad der sker med dine beskeder.',
  'privacy.delete.messages': 'Hvad skal der ske med dine beskeder?',
  'privacy.delete.anonymise': 'Behold dem uden mit navn (»Tidligere medlem«), så samtalerne giver mening',
  'privacy.delete.delete': 'Slet teksten i alle mine beskeder',
  'privacy.delete.password': 'Din adgangskode',
  'privacy.delete.confirm': 'Jeg forstår, at kontoen slettes for altid',
  'privacy.delete.submit': 'Slet min konto',
  'privacy.delete.done': 'Din konto er slettet. Tak, fordi du var med.',
  'privacy.delete.confirmRequired': 'Sæt kryds for at bekræfte.',

  'join.consent.heading': 'Samtykke til helbredsoplysninger',
  'join.consent.text':
    'Når du er medlem af en diagnosegruppe, ved andre medlemmer, at du eller en i din familie har diagnosen. Det er helbredsoplysninger, og derfor beder vi om dit samtykke. Giver du samtykke, må Spejl behandle oplysningerne, så du kan være med i gruppen. Du kan trække samtykket tilbage under Min konto.',
  'join.consent.accept': 'Jeg giver samtykke og sender anmodningen',
  'join.consent.acceptInvite': 'Jeg giver samtykke og bliver medlem',
  'signup.consent.groups':
    'Jeg giver samtykke til, at Spejl behandler helbredsoplysninger, når jeg er med i grupper (kan også gives senere)',
} as const;
