/** Moderation: flags, the review queue, actions, filters, the audit log and appeals. Danish is the source. */
export const moderationDa = {
  'error.moderation.muted': 'Du kan ikke skrive i gruppen lige nu, fordi en moderator har sat dig på pause.',
  'error.moderation.slow_mode': 'Gruppen har langsom tilstand. Vent lidt, før du skriver igen.',
  'error.moderation.blocked':
    'Beskeden indeholder et ord eller udtryk, som ikke er tilladt her. Ret beskeden, og prøv igen.',
  'error.moderation.link_limit': 'Som nyt medlem kan du ikke sende så mange links i én besked endnu.',
  'error.moderation.flag_limit': 'Du har anmeldt mange beskeder i dag. Prøv igen i morgen.',
  'error.moderation.already_flagged': 'Du har allerede anmeldt denne besked. Moderatorerne ser på det.',
  'error.moderation.own_message': 'Du kan ikke anmelde din egen besked. Du kan rette eller slette den.',
  'error.moderation.item_resolved': 'Sagen er allerede afgjort.',
  'error.moderation.claimed': 'En anden moderator er i gang med denne sag.',
  'error.moderation.self': 'Du kan ikke behandle en sag, der handler om dig selv.',
  'error.moderation.own_action': 'En anden moderator skal afgøre klagen over din afgørelse.',
  'error.moderation.not_appealable': 'Denne afgørelse kan ikke påklages.',
  'error.moderation.appeal_expired': 'Fristen for at klage over afgørelsen er udløbet.',
  'error.moderation.appeal_exists': 'Du har allerede klaget over denne afgørelse.',
  'error.moderation.appeal_decided': 'Klagen er allerede afgjort.',
  'error.moderation.filter_exists': 'Ordet eller udtrykket er allerede på listen.',

  'moderation.reason.spam': 'Spam eller reklame',
  'moderation.reason.harassment': 'Chikane eller grov tone',
  'moderation.reason.misinformation': 'Vildledende helbredsoplysninger',
  'moderation.reason.privacy': 'Deler andres helbredsoplysninger eller private oplysninger',
  'moderation.reason.self_harm': 'Jeg er bekymret for, at personen vil gøre skade på sig selv',
  'moderation.reason.illegal': 'Ulovligt indhold',
  'moderation.reason.other': 'Andet',

  'moderation.action.dismiss': 'Ingen overtrædelse',
  'moderation.action.hide': 'Skjul beskeden',
  'moderation.action.delete': 'Slet beskeden',
  'moderation.action.warn': 'Giv en advarsel',
  'moderation.action.mute': 'Sæt på pause i gruppen',
  'moderation.action.remove_member': 'Fjern fra gruppen',
  'moderation.action.ban_member': 'Udeluk fra gruppen',
  'moderation.action.escalate': 'Send videre til Spejls administratorer',
  'moderation.action.suspend': 'Spær kontoen',

  'moderation.helpline.emergency.name': 'Alarm 112',
  'moderation.helpline.emergency.description': 'Ring 112, hvis der er akut fare for liv.',
  'moderation.helpline.livslinien.name': 'Livslinien',
  'moderation.helpline.livslinien.description':
    'Anonym rådgivning for mennesker med selvmordstanker og deres pårørende. Telefon og chat.',
  'moderation.helpline.psykiatrifonden.name': 'Psykiatrifondens rådgivning',
  'moderation.helpline.psykiatrifonden.description':
    'Gratis og anonym rådgivning om psykisk sårbarhed, for dig selv eller en, du er bekymret for.',
  'moderation.helpline.boernetelefonen.name': 'BørneTelefonen',
  'moderation.helpline.boernetelefonen.description':
    'Gratis og anonym rådgivning for børn og unge under 18 år, fra Børns Vilkår. Telefon og chat.',

  'notification.moderationAction': 'En moderator i {group} har truffet en afgørelse om dig: {action}.',
  'notification.moderationActionPlatform':
    'Spejls administratorer har truffet en afgørelse om din konto: {action}.',
  'notification.moderationRestored': 'Din besked i {group} er synlig igen. En moderator har set på den.',
  'notification.reportResolvedUpheld':
    'Tak for din anmeldelse fra {group}. Moderatorerne var enige og har gjort dette: {action}.',
  'notification.reportResolvedDismissed':
    'Tak for din anmeldelse fra {group}. Moderatorerne har set på den og fandt ikke, at beskeden bryder reglerne.',
  'notification.moderationSelfHarm':
    'Vigtigt: En besked i {group} er anmeldt, fordi nogen er bekymret for, at skribenten vil gøre skade på sig selv. Se på den med det samme.',
  'notification.moderationSupport':
    'Nogen i {group} er bekymret for dig. Hvis du har det svært, kan du få hjælp her. Du er ikke alene.',
  'notification.moderationEscalated': 'En sag fra {group} er sendt videre til Spejls administratorer.',
  'notification.moderationHeld':
    'Din besked i {group} venter på, at en moderator ser på den. Indtil da kan kun du og moderatorerne se den.',
  'notification.appealReceived': 'Der er kommet en klage over en afgørelse i {group}.',
  'notification.appealUpheld': 'Din klage er behandlet. Afgørelsen står ved magt.',
  'notification.appealOverturned': 'Din klage er behandlet, og du har fået medhold. Afgørelsen er ændret.',

  'mail.moderationAction.subject': 'En afgørelse om dig på Spejl',
  'mail.moderationAction.body':
    'En moderator i {group} har truffet denne afgørelse: {action}.\n\nBegrundelse: {reason}{message}{until}\n\nEr du uenig, kan du klage inden {deadline}:\n{url}',
  'mail.moderationAction.bodyNoAppeal':
    'En moderator i {group} har truffet denne afgørelse: {action}.\n\nBegrundelse: {reason}{message}{until}',
  'mail.moderationAction.messageLine': '\n\nBesked fra moderatoren: {message}',
  'mail.moderationAction.untilLine': '\n\nDet gælder indtil {until} (dansk tid).',
  'mail.suspension.subject': 'Din konto på Spejl er spærret',
  'mail.suspension.body':
    'Spejls administratorer har spærret din konto.\n\nBegrundelse: {reason}{message}{until}\n\nMens kontoen er spærret, kan du ikke logge ind. Er du uenig, kan du klage inden {deadline} her:\n{url}',
  'mail.suspension.indefinite': '\n\nSpærringen gælder, indtil en administrator ophæver den.',
  'mail.moderationSelfHarm.subject': 'Vigtigt: en bekymrende besked i {group}',
  'mail.moderationSelfHarm.body':
    'En besked i {group} er anmeldt, fordi nogen er bekymret for, at skribenten vil gøre skade på sig selv. Se på den med det samme:\n{url}',
  'mail.appealDecided.subject': 'Svar på din klage',
  'mail.appealDecided.upheld': 'Din klage er behandlet. Afgørelsen står ved magt.\n\nBegrundelse: {reason}',
  'mail.appealDecided.overturned':
    'Din klage er behandlet, og du har fået medhold. Afgørelsen er ændret.\n\nBegrundelse: {reason}',
  'moderation.mail.someGroup': 'en gruppe',
  'moderation.mail.platform': 'Spejl',
} as const;
