/** Danish texts for web Push: what a push says on the lock screen. */
export const pushDa = {
  'error.push.endpoint_not_allowed':
    'Denne browser tilbyder en adresse til notifikationer, som Spejl ikke sender til.',
  'push.title.activity': 'Ny aktivitet i Spejl',
  'push.title.message': 'Ny besked',
  'push.title.messageIn': 'Ny besked i {group}',
  'push.title.messageFrom': 'Ny besked fra {name}',
  'push.title.call': 'Et opkald venter i Spejl',
  'push.title.moderation': 'Nyt fra moderatorerne i Spejl',
  'push.title.event': 'Nyt om {title}',
  'push.title.roleChanged': 'Din rolle i {group} er ændret.',
  'push.device.on': '{browser} på {system}',
  'push.device.unknown': 'Ukendt browser',
} as const;
