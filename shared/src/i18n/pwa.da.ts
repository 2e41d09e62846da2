/** Danish texts for Spejl as an installed app: the offline notice. */
export const pwaDa = {
  'pwa.offline': 'Du er offline. Vi sender dine beskeder, når du er på nettet igen.',
  'pwa.offlineTitle': 'Du er offline',
  'pwa.offlinePage': 'Siden kan ikke hentes uden net. Prøv igen, når du er på nettet.',
  'pwa.tryAgain': 'Prøv igen',
};
