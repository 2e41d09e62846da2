/** Danish texts for direct messages between members. */
export const directDa = {
  'error.dm.not_allowed': 'Det er ikke muligt at skrive til denne person lige nu.',
  'error.direct.pending':
    'Samtalen er ikke startet endnu. Der kan skrives mere, når anmodningen er accepteret.',
  'error.direct.unavailable': 'Det er ikke muligt at skrive i denne samtale længere.',
  'error.direct.not_pending': 'Anmodningen er allerede besvaret.',

  'direct.title': 'Beskeder',
  'direct.intro': 'Her er dine direkte samtaler med andre medlemmer. Kun du og den anden kan læse dem.',
  'direct.conversationName': 'Direkte samtale',
  'direct.moderation.place': 'en direkte samtale',
  'direct.formerMember': 'Tidligere medlem',
  'direct.someone': 'Et medlem',

  'direct.settings.heading': 'Direkte beskeder',
  'direct.toMessages': 'Se dine beskeder',
  'direct.settings.label': 'Andre medlemmer må skrive direkte til mig',
  'direct.settings.help':
    'Kun medlemmer af grupper, du selv er med i, kan spørge, om de må skrive til dig. Den første besked er en anmodning, som du kan acceptere eller afvise. Du kan altid blokere en person. Nogle grupper, fx for unge, tillader ikke direkte beskeder.',
  'direct.settings.savedOn': 'Direkte beskeder er slået til.',
  'direct.settings.savedOff': 'Direkte beskeder er slået fra. Ingen kan spørge, om de må skrive til dig.',

  'direct.empty.off':
    'Direkte beskeder er slået fra, indtil du selv slår dem til. Slår du dem til, kan andre medlemmer af dine grupper spørge, om de må skrive til dig, og du kan skrive til dem.',
  'direct.empty.on':
    'Du har ingen samtaler endnu. Du kan skrive til et medlem fra listen over medlemmer på en gruppes side.',

  'direct.requests.heading': 'Nogen vil skrive med dig',
  'direct.conversations.heading': 'Samtaler',
  'direct.sent.heading': 'Sendte anmodninger',
  'direct.accept': 'Acceptér',
  'direct.decline': 'Afvis',
  'direct.acceptFor': 'Acceptér anmodningen fra {name}',
  'direct.declineFor': 'Afvis anmodningen fra {name}',
  'direct.accepted': 'Anmodningen er accepteret. Nu kan I skrive sammen.',
  'direct.declined': 'Du har afvist anmodningen. {name} får ikke besked om det.',
  'direct.waiting': 'Venter på svar',
  'direct.unavailable': 'Ikke tilgængelig',
  'direct.lastMessage': 'Seneste besked {time}',
  'direct.unread#one': '{count} ulæst',
  'direct.unread#other': '{count} ulæste',
  'direct.loadMore': 'Vis flere samtaler',

  'direct.pageTitle': 'Samtale med {name}',
  'direct.back': 'Alle beskeder',
  'direct.private':
    'Kun du og den anden kan læse samtalen. Anmelder du en besked, ser Spejls administratorer kun den besked.',
  'direct.banner.incoming':
    '{name} vil gerne skrive direkte med dig. Læs beskeden, og vælg, om du vil acceptere. {name} får ikke besked, hvis du afviser.',
  'direct.banner.waiting': 'Venter på svar. Du kan skrive mere, når {name} har accepteret.',
  'direct.banner.unavailable': 'Det er ikke muligt at skrive i denne samtale længere.',
  'direct.banner.blockedByMe':
    'Du har blokeret {name}. Ingen kan skrive i samtalen, før du fjerner blokeringen.',

  'direct.block': 'Blokér',
  'direct.blockFor': 'Blokér {name}',
  'direct.block.title': 'Blokér {name}?',
  'direct.block.explain':
    'Blokerer du {name}, kan {name} ikke længere skrive til dig eller spørge, om de må. Samtalen forsvinder fra din liste. {name} får ikke besked om det. Du kan fjerne blokeringen igen på din konto.',
  'direct.block.confirm': 'Ja, blokér',
  'direct.block.done': 'Du har blokeret {name}.',
  'direct.unblock': 'Fjern blokering',
  'direct.unblockFor': 'Fjern blokering af {name}',
  'direct.unblocked': '{name} er ikke længere blokeret.',

  'direct.report': 'Anmeld',
  'direct.report.heading': 'Anmeld en besked fra {name}',
  'direct.report.intro':
    'Vælg den besked, du vil anmelde. Spejls administratorer ser kun den besked, ikke resten af samtalen.',
  'direct.report.none': 'Der er ingen beskeder fra {name} at anmelde. Du kan blokere {name} i stedet.',
  'direct.report.close': 'Luk',

  'direct.write.open': 'Skriv direkte',
  'direct.write.openFor': 'Skriv direkte til {name}',
  'direct.write.title': 'Skriv til {name}',
  'direct.write.intro':
    'Din første besked bliver sendt som en anmodning. {name} kan læse den og vælge, om de vil skrive med dig.',
  'direct.write.body': 'Besked',
  'direct.write.bodyRequired': 'Skriv en besked.',
  'direct.write.send': 'Send anmodning',
  'direct.write.sent': 'Anmodningen er sendt.',
  'direct.write.toConversation': 'Se samtalen',
  'direct.write.ownOff': 'Du skal slå direkte beskeder til, før du kan skrive til andre.',
  'direct.write.turnOn': 'Slå direkte beskeder til',

  'direct.blocks.heading': 'Personer, du har blokeret',
  'direct.blocks.intro':
    'De kan ikke skrive til dig eller spørge, om de må. De får ikke besked om, at de er blokeret.',
  'direct.blocks.empty': 'Du har ikke blokeret nogen.',
  'direct.blocks.since': 'Blokeret {date}',

  'direct.groupSetting.label': 'Medlemmer må skrive direkte til hinanden',
  'direct.groupSetting.help':
    'Slå det fra i grupper for børn og unge. Så kan medlemmerne ikke bruge gruppen til at starte private samtaler. Samtaler, der allerede er i gang, fortsætter.',

  'notification.directRequest': '{name} vil gerne skrive direkte med dig.',
  'notification.directAccepted': '{name} har accepteret at skrive direkte med dig.',
  'direct.notification.toConversation': 'Se samtalen',
  // The mails never quote the message: it may tell something about someone's health.
  'mail.directRequest.subject': '{name} vil gerne skrive direkte med dig på Spejl',
  'mail.directRequest.body':
    '{name} vil gerne skrive direkte med dig. Læs anmodningen, og vælg, om du vil acceptere:\n{url}\n\n{name} får ikke besked, hvis du afviser.',
  'mail.directAccepted.subject': '{name} har accepteret din anmodning på Spejl',
  'mail.directAccepted.body':
    '{name} har accepteret at skrive direkte med dig. Du kan skrive videre i samtalen:\n{url}',

  'moderation.item.direct': 'Direkte samtale',
  'moderation.item.directOnly':
    'Beskeden er fra en direkte samtale mellem to medlemmer. Du ser kun den anmeldte besked, ikke resten af samtalen.',
} as const;
