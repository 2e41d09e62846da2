/** Danish texts for people in the administration (staff read `adminPeople.*`; the person reads the mails). */
export const adminPeopleDa = {
  'error.admin_user.self':
    'Du kan ikke ændre din egen konto her. Din egen log ind og totrinsbekræftelse finder du under Konto.',
  'error.admin_user.last_admin':
    'Spejl skal have mindst én administrator. Gør en anden til administrator først.',

  'adminPeople.title': 'Personer',
  'adminPeople.intro':
    'Find en person ved navn eller e-mailadresse. Du kan ændre rolle, låse kontoen, logge personen ud alle steder og nulstille totrinsbekræftelse. Alt bliver skrevet i loggen med din begrundelse.',
  'adminPeople.search.label': 'Navn eller e-mailadresse',
  'adminPeople.search.submit': 'Søg',
  'adminPeople.search.none': 'Ingen personer passer til søgningen.',
  'adminPeople.search.resultsLabel': 'Personer',
  'adminPeople.more': 'Vis flere',

  'adminPeople.status.active': 'Aktiv',
  'adminPeople.status.locked': 'Låst',
  'adminPeople.status.unconfirmed': 'E-mailadresse ikke bekræftet',
  'adminPeople.lockedUntil': 'Låst til {date}',
  'adminPeople.lockedUntilUnlocked': 'Låst, indtil nogen låser op',
  'adminPeople.totpOn': 'Totrinsbekræftelse slået til',
  'adminPeople.totpOff': 'Ingen totrinsbekræftelse',
  'adminPeople.created': 'Oprettet {date}',
  'adminPeople.lastActive': 'Sidst aktiv {date}',
  'adminPeople.email': 'E-mailadresse',
  'adminPeople.role': 'Rolle',
  'adminPeople.groups': 'Grupper',
  'adminPeople.noGroups': 'Ikke medlem af nogen grupper.',
  'adminPeople.back': 'Tilbage til personer',

  'adminPeople.reason': 'Begrundelse',
  'adminPeople.reasonOptional': 'Begrundelse (valgfrit)',
  'adminPeople.reasonHelp':
    'Bliver skrevet i loggen. Ved låsning og nulstilling står den også i mailen til personen.',
  'adminPeople.reasonError': 'Skriv en begrundelse på mindst 3 tegn.',
  'adminPeople.cancel': 'Annullér',
  'adminPeople.confirm': 'Bekræft',

  'adminPeople.roleChange.title': 'Skift rolle',
  'adminPeople.roleChange.open': 'Skift rolle',
  'adminPeople.roleChange.field': 'Ny rolle',
  'adminPeople.roleChange.confirm': 'Gør {name} til {role}?',
  'adminPeople.roleChange.help':
    'Koordinatorer og administratorer får først deres rettigheder, når de har slået totrinsbekræftelse til.',
  'adminPeople.roleChange.done': '{name} er nu {role}.',

  'adminPeople.lock.title': 'Lås kontoen',
  'adminPeople.lock.open': 'Lås kontoen',
  'adminPeople.lock.until': 'Låst til og med (valgfrit)',
  'adminPeople.lock.untilHelp': 'Uden en dato er kontoen låst, indtil nogen låser den op.',
  'adminPeople.lock.untilError': 'Vælg en dato efter i dag.',
  'adminPeople.lock.confirm':
    '{name} bliver logget ud alle steder og kan ikke logge ind, mens kontoen er låst. Personen får en mail med begrundelsen.',
  'adminPeople.lock.done': 'Kontoen er låst, og {name} er logget ud alle steder.',

  'adminPeople.unlock.title': 'Lås kontoen op',
  'adminPeople.unlock.open': 'Lås op',
  'adminPeople.unlock.confirm': '{name} kan logge ind igen.',
  'adminPeople.unlock.done': 'Kontoen er låst op.',

  'adminPeople.sessions.title': 'Log ud alle steder',
  'adminPeople.sessions.open': 'Log ud alle steder',
  'adminPeople.sessions.confirm': '{name} bliver logget ud på alle enheder og skal logge ind igen.',
  'adminPeople.sessions.done#one': '{name} er logget ud på {count} enhed.',
  'adminPeople.sessions.done#other': '{name} er logget ud på {count} enheder.',

  'adminPeople.mfa.title': 'Nulstil totrinsbekræftelse',
  'adminPeople.mfa.open': 'Nulstil totrinsbekræftelse',
  'adminPeople.mfa.confirm':
    'Gør det kun, når du har sikret dig, hvem personen er, fx ved et opkald. Totrinsbekræftelse og reservekoder bliver slået fra, {name} bliver logget ud alle steder og får en mail med begrundelsen.',
  'adminPeople.mfa.done': 'Totrinsbekræftelse er slået fra for {name}.',

  'adminPeople.audit.roleChanged': 'Rolle ændret',
  'adminPeople.audit.locked': 'Konto låst',
  'adminPeople.audit.unlocked': 'Konto låst op',
  'adminPeople.audit.mfaReset': 'Totrinsbekræftelse nulstillet',
  'adminPeople.audit.sessionsEnded': 'Logget ud alle steder',

  'mail.accountLocked.subject': 'Din konto i Spejl er låst',
  'mail.accountLocked.body':
    'En administrator har låst din konto til {until}. Indtil da kan du ikke logge ind, og du er logget ud alle steder.\n\nBegrundelse: {reason}\n\nSvar på denne mail, hvis du mener, det er en fejl.',
  'mail.accountLockedIndefinitely.subject': 'Din konto i Spejl er låst',
  'mail.accountLockedIndefinitely.body':
    'En administrator har låst din konto. Du kan ikke logge ind, og du er logget ud alle steder.\n\nBegrundelse: {reason}\n\nSvar på denne mail, hvis du mener, det er en fejl.',
  'mail.accountUnlocked.subject': 'Din konto i Spejl er låst op',
  'mail.accountUnlocked.body': 'Din konto er låst op igen. Du kan logge ind her: {signInUrl}',
  'mail.mfaReset.subject': 'Totrinsbekræftelse er slået fra på din konto i Spejl',
  'mail.mfaReset.body':
    'En administrator har slået totrinsbekræftelse fra på din konto, og dine reservekoder virker ikke længere. Du er logget ud alle steder.\n\nBegrundelse: {reason}\n\nLog ind med din adgangskode, og slå totrinsbekræftelse til igen under Konto: {accountUrl}\n\nHar du ikke bedt om det, så skift din adgangskode og skriv til os med det samme.',
  'mail.roleRaised.subject': 'Du har fået en ny rolle i Spejl',
  'mail.roleRaised.body':
    'En administrator har givet dig en ny rolle i Spejl: {role} (før: {before}).\n\nDu kan bruge den nye rolle, når du har slået totrinsbekræftelse til under Konto: {accountUrl}\n\nHar du ikke ventet det, så svar på denne mail.',
  'mail.roleLowered.subject': 'Din rolle i Spejl er ændret',
  'mail.roleLowered.body':
    'En administrator har ændret din rolle i Spejl. Din rolle er nu: {role} (før: {before}). Dine grupper og samtaler er de samme som før.\n\nSvar på denne mail, hvis du mener, det er en fejl.',
};
