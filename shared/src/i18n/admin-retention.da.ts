/** Danish texts for retention rules in the administration. */
export const adminRetentionDa = {
  'adminRetention.title': 'Hvor længe oplysninger gemmes',
  'adminRetention.intro':
    'Spejl sletter selv gamle oplysninger én gang hver nat efter reglerne her. For hver regel vælger du, hvor længe oplysningerne gemmes, eller at de aldrig slettes.',
  'adminRetention.warning': 'Det, der er slettet, kan ikke hentes tilbage.',
  'adminRetention.back': 'Tilbage til administrationen',
  'adminRetention.auditLink': 'Se tidligere ændringer i loggen',

  'adminRetention.rule.message_months': 'Beskeder i grupperne',
  'adminRetention.explain.message_months':
    'Beskeder, der er ældre end det antal måneder, du vælger, slettes i alle grupper. En gruppe, der har sin egen regel for beskeder, følger sin egen regel i stedet. Svar i en tråd slettes først, når trådens første besked også er for gammel.',
  'adminRetention.rule.declined_request_days': 'Afviste anmodninger om at blive medlem',
  'adminRetention.explain.declined_request_days':
    'En afvist anmodning om at blive medlem af en gruppe slettes, når der er gået det antal dage, du vælger, siden den blev afvist.',
  'adminRetention.rule.inactive_account_years': 'Konti, der ikke bliver brugt',
  'adminRetention.explain.inactive_account_years#one':
    'Har en person ikke brugt Spejl i det antal år, du vælger, får personen en mail om det. Logger personen ikke ind inden for {count} dag efter mailen, slettes kontoen. Personens beskeder bliver stående med »Tidligere medlem« i stedet for navnet.',
  'adminRetention.explain.inactive_account_years#other':
    'Har en person ikke brugt Spejl i det antal år, du vælger, får personen en mail om det. Logger personen ikke ind inden for {count} dage efter mailen, slettes kontoen. Personens beskeder bliver stående med »Tidligere medlem« i stedet for navnet.',
  'adminRetention.rule.outbox_days': 'Kopier af sendte mails',
  'adminRetention.explain.outbox_days':
    'Spejl gemmer en kopi af hver mail, der sendes, fx links til at bekræfte en e-mailadresse eller vælge en ny adgangskode. Kopierne slettes, når de er ældre end det antal dage, du vælger.',

  'adminRetention.current': 'Nu',
  'adminRetention.default': 'Standard',
  'adminRetention.forever': 'Gemmes for altid',
  'adminRetention.months#one': '{count} måned',
  'adminRetention.months#other': '{count} måneder',
  'adminRetention.days#one': '{count} dag',
  'adminRetention.days#other': '{count} dage',
  'adminRetention.years#one': '{count} år',
  'adminRetention.years#other': '{count} år',

  'adminRetention.choice': 'Hvad skal der ske?',
  'adminRetention.choice.limit.months': 'Slet efter et antal måneder',
  'adminRetention.choice.limit.days': 'Slet efter et antal dage',
  'adminRetention.choice.limit.years': 'Slet efter et antal år',
  'adminRetention.choice.forever': 'Gem for altid (slet aldrig)',
  'adminRetention.amount.months': 'Antal måneder',
  'adminRetention.amount.days': 'Antal dage',
  'adminRetention.amount.years': 'Antal år',
  'adminRetention.amountHelp': 'Et helt tal fra {min} til {max}.',

  'adminRetention.field.reason': 'Begrundelse (valgfrit)',
  'adminRetention.field.reasonHelp': 'Hvorfor ændrer du reglerne? Gemmes i loggen sammen med dit navn.',
  'adminRetention.error.amount': 'Skriv et helt tal fra {min} til {max}.',
  'adminRetention.error.reason': 'Skriv en begrundelse på {min} til {max} tegn, eller lad feltet være tomt.',
  'adminRetention.save': 'Gem reglerne',
  'adminRetention.saved': 'Reglerne er gemt. De bruges fra næste nat.',
  'adminRetention.unchanged': 'Du har ikke ændret nogen regler, så der er intet at gemme.',

  'adminRetention.group.title': 'Hvor længe gemmes gruppens beskeder?',
  'adminRetention.group.intro':
    'Beskeder, der er ældre end reglen, slettes automatisk hver nat. Har gruppen ingen regel selv, gælder platformens: {rule}.',
  'adminRetention.group.followsPlatform': 'Platformens regel ({rule})',
  'adminRetention.group.platform': 'Følg platformens regel ({rule})',
  'adminRetention.group.reasonHelp': 'Hvorfor ændrer du reglen? Gemmes i gruppens log sammen med dit navn.',
  'adminRetention.group.save': 'Gem reglen',
  'adminRetention.group.saved': 'Reglen er gemt. Den bruges fra næste nat.',
  'adminRetention.audit.updated': 'Ændrede reglerne for, hvor længe oplysninger gemmes',
  'adminRetention.audit.groupUpdated': 'Ændrede gruppens regel for, hvor længe beskeder gemmes',
};
