/** Danish texts for the account page's notification choices: channels, quiet hours, digests and devices. */
export const notifyDa = {
  'group.mute.heading': 'Notifikationer fra gruppen',
  'group.mute.label': 'Slå lyden fra for gruppen',
  'group.mute.help':
    'Gruppen kommer ikke med i din samlede mail og viser ikke tal for ulæste. Du får stadig besked, når nogen nævner dig eller svarer dig.',
  'group.mute.savedOn': 'Lyden er slået fra for gruppen.',
  'group.mute.savedOff': 'Lyden er slået til igen for gruppen.',
  'notify.heading': 'Notifikationer',
  'notify.intro':
    'Du ser altid alt under klokken i Spejl. Her vælger du, hvad der også når dig som push på telefonen eller som mail.',
  'notify.table.caption': 'Hvordan vil du have besked?',
  'notify.table.kind': 'Når …',
  'notify.table.push': 'Push',
  'notify.table.mail': 'Mail',
  'notify.kind.mention': 'nogen nævner mig',
  'notify.kind.reply': 'nogen svarer på min besked',
  'notify.kind.direct': 'jeg får en direkte besked eller forespørgsel',
  'notify.kind.mentorship': 'der sker noget i mit mentorforløb',
  'notify.kind.call': 'nogen ringer til mig i et mentorforløb',
  'notify.kind.event': 'et arrangement, jeg er tilmeldt, nærmer sig eller ændres',
  'notify.kind.membership': 'jeg bliver optaget i eller fjernet fra en gruppe',
  'notify.kind.moderation': 'der er noget til mig som moderator eller gruppeejer',
  'notify.kind.account': 'der er nyt om min konto eller mine indberetninger',
  'notify.kind.noMail': 'Opkald sendes ikke på mail: de er forbi, før mailen kommer frem.',
  'notify.previews': 'Vis hvem der skrev, og hvor, på låseskærmen',
  'notify.previewsHint':
    'Slået fra står der kun »Ny besked i …« eller »Ny aktivitet i Spejl«. Hvad nogen har skrevet, kommer aldrig med.',
  'notify.quiet': 'Stille timer uden push',
  'notify.quietOn': 'Slå stille timer til',
  'notify.quietFrom': 'Fra',
  'notify.quietTo': 'Til',
  'notify.quietHint': 'Om natten eller når du vil have ro. Du ser det hele, næste gang du åbner Spejl.',
  'notify.quietInvalid': 'Vælg både et fra- og et til-tidspunkt, der ikke er ens.',
  'notify.digest': 'Samlet mail om det, du ikke har læst',
  'notify.digest.off': 'Nej tak',
  'notify.digest.daily': 'Hver dag kl. 7',
  'notify.digest.weekly': 'Hver mandag kl. 7',
  'notify.digestHint':
    'Kun grupper og samtaler med nyt, du ikke har læst, og aldrig grupper, du har slået lyden fra for. Du kan afmelde den fra selve mailen.',
  'notify.timeZone': 'Tidspunkter gælder for tidszonen {zone}.',
  'notify.save': 'Gem valg om notifikationer',
  'notify.saved': 'Dine valg om notifikationer er gemt.',
  'notify.device.heading': 'Push på denne enhed',
  'notify.device.on': 'Push er slået til på denne enhed.',
  'notify.device.off': 'Push er slået fra på denne enhed.',
  'notify.device.turnOn': 'Slå push til på denne enhed',
  'notify.device.turnOff': 'Slå push fra på denne enhed',
  'notify.device.asking': 'Din browser spørger nu, om Spejl må sende notifikationer …',
  'notify.device.unsupported':
    'Denne browser kan ikke modtage push fra Spejl. Du kan stadig få besked på mail.',
  'notify.device.installFirst':
    'På iPhone og iPad virker push kun, når Spejl er lagt på hjemmeskærmen: tryk på Del-knappen i Safari, vælg »Føj til hjemmeskærm«, og åbn Spejl derfra.',
  'notify.device.denied':
    'Notifikationer fra Spejl er blokeret i din browser. Du kan tillade dem i browserens indstillinger for denne side.',
  'notify.device.failed.denied':
    'Push blev ikke slået til, fordi browseren ikke fik lov til at vise notifikationer.',
  'notify.device.failed.dismissed':
    'Push blev ikke slået til, fordi spørgsmålet blev lukket. Prøv igen, når du er klar.',
  'notify.device.failed.unavailable':
    'Push kunne ikke slås til: browserens push-tjeneste svarede ikke. Prøv igen senere, eller brug mail.',
  'notify.device.failed.server': 'Push kunne ikke slås til, fordi Spejl ikke svarede. Prøv igen om lidt.',
  'notify.devices.heading': 'Enheder med push',
  'notify.devices.none': 'Ingen enheder har push slået til.',
  'notify.devices.added': 'Tilføjet {date}',
  'notify.devices.remove': 'Fjern',
  'notify.devices.removeLabel': 'Fjern push fra {device}',
  'notify.devices.removed': 'Enheden får ikke længere push.',
} as const;
