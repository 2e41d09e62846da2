/** Danish texts for recovery codes and the step-up prompt (confirm with your code). */
export const recoveryDa = {
  'error.auth.recovery_code_invalid':
    'Reservekoden er forkert eller allerede brugt. Hver kode virker kun én gang.',

  'recovery.title': 'Reservekoder',
  'recovery.explain':
    'Mister du din telefon, eller kan du ikke åbne godkendelsesappen, kan du logge ind med en reservekode i stedet. Hver kode virker én gang.',
  'recovery.remaining#one': 'Du har {count} ubrugt reservekode.',
  'recovery.remaining#other': 'Du har {count} ubrugte reservekoder.',
  'recovery.low': 'Du har snart ikke flere reservekoder. Lav nye, så du altid kan komme ind.',
  'recovery.new.open': 'Lav nye reservekoder',
  'recovery.new.help':
    'Dine gamle reservekoder holder op med at virke. Skriv din adgangskode for at bekræfte, at det er dig.',
  'recovery.new.password': 'Din adgangskode',
  'recovery.new.submit': 'Lav nye koder',
  'recovery.new.passwordWrong': 'Adgangskoden er forkert. Dine reservekoder er ikke ændret.',
  'recovery.new.cancel': 'Annullér',

  'recovery.show.title': 'Gem dine reservekoder nu',
  'recovery.show.intro':
    'Du ser koderne kun denne ene gang. Skriv dem ned, eller gem dem et sikkert sted, fx i en adgangskodeboks. Hver kode virker én gang.',
  'recovery.show.listLabel': 'Dine 10 reservekoder',
  'recovery.show.copy': 'Kopiér koderne',
  'recovery.show.copied': 'Koderne er kopieret.',
  'recovery.show.copyFailed': 'Koderne kunne ikke kopieres. Skriv dem ned, eller hent dem som tekstfil.',
  'recovery.show.download': 'Hent som tekstfil',
  'recovery.show.confirm': 'Jeg har gemt koderne',
  'recovery.show.fileName': 'spejl-reservekoder.txt',
  'recovery.show.fileHeading': 'Reservekoder til Spejl ({email})',
  'recovery.show.fileNote':
    'Hver kode virker én gang i stedet for koden fra godkendelsesappen. Lavet {date}. Nye koder gør disse ugyldige.',

  'recovery.signIn.useCode': 'Brug en reservekode i stedet',
  'recovery.signIn.useApp': 'Brug koden fra godkendelsesappen i stedet',
  'recovery.field.code': 'Reservekode',
  'recovery.field.help': 'Fx abcde-fghij. Hver kode virker kun én gang.',
  'recovery.field.invalid': 'Skriv reservekoden med 10 bogstaver og tal, fx abcde-fghij.',

  'recovery.used.title': 'Du kom ind med en reservekode',
  'recovery.used.left#one': 'Du har {count} reservekode tilbage.',
  'recovery.used.left#other': 'Du har {count} reservekoder tilbage.',
  'recovery.used.next':
    'Har du mistet din telefon? Slå totrinsbekræftelse fra og til igen under Min konto, og scan QR-koden med din nye telefon. Så får du også nye reservekoder.',
  'recovery.used.link': 'Gå til Min konto',
  'recovery.used.continue': 'Fortsæt',

  'stepUp.title': 'Bekræft med din engangskode',
  'stepUp.intro':
    'Det, du er ved at gøre, kræver, at du bekræfter, at det er dig. Skriv koden fra din godkendelsesapp, så fortsætter du, hvor du var.',
  'stepUp.submit': 'Bekræft og fortsæt',
  'stepUp.cancel': 'Gå til forsiden',
  'stepUp.notEnabled':
    'Du har ikke slået totrinsbekræftelse til. Slå den til under Min konto for at bruge denne funktion.',
  'stepUp.notEnabledLink': 'Gå til Min konto',
  'stepUp.errorLink': 'Bekræft med din engangskode',

  'mail.recoveryCodeUsed.subject': 'En reservekode blev brugt på din konto i Spejl',
  'mail.recoveryCodeUsed.body#one':
    'Nogen har lige brugt en af dine reservekoder til at komme ind på din konto i Spejl. Du har {count} reservekode tilbage.\n\nVar det dig, så lav gerne nye reservekoder under Min konto:\n{accountUrl}\n\nVar det ikke dig, så vælg en ny adgangskode med det samme, og skriv til en administrator:\n{resetUrl}',
  'mail.recoveryCodeUsed.body#other':
    'Nogen har lige brugt en af dine reservekoder til at komme ind på din konto i Spejl. Du har {count} reservekoder tilbage.\n\nVar det dig, så lav gerne nye reservekoder under Min konto:\n{accountUrl}\n\nVar det ikke dig, så vælg en ny adgangskode med det samme, og skriv til en administrator:\n{resetUrl}',

  'moderation.audit.recoveryCodeUsed': 'Reservekode brugt til at komme ind',
};
