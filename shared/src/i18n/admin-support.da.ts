/** Danish texts for the platform support resources in the administration. */
export const adminSupportDa = {
  'adminSupport.title': 'Hjælpelinjer og støtte',
  'adminSupport.intro':
    'Her vælger du de hjælpelinjer, medlemmerne ser på siden »Har du det svært?«, og når en anden er bekymret for dem. En gruppe med sin egen liste viser stadig sin egen.',
  'adminSupport.back': 'Tilbage til administrationen',
  'adminSupport.auditLink': 'Se ændringerne i loggen',
  'adminSupport.status.builtIn': 'Lige nu bruger Spejl den indbyggede liste over danske hjælpelinjer.',
  'adminSupport.status.customised': 'Lige nu bruger Spejl en liste, som {name} ændrede {date}.',
  'adminSupport.status.customisedNoName': 'Lige nu bruger Spejl en liste, som blev ændret {date}.',

  'adminSupport.editor.heading': 'Ret hjælpelinjerne',
  'adminSupport.editor.intro':
    'Medlemmerne ser hjælpelinjerne i denne rækkefølge. Skriv et telefonnummer eller en webadresse, så man kan nå dem. Der kan være op til {max}.',
  'adminSupport.editor.legend': 'Hjælpelinjer',
  'adminSupport.moveUp': 'Flyt nr. {number} op',
  'adminSupport.moveDown': 'Flyt nr. {number} ned',
  'adminSupport.moved': 'Nr. {from} er nu nr. {to}.',
  'adminSupport.field.entry': '{field} i nr. {number}',
  'adminSupport.field.reason': 'Begrundelse (valgfrit)',
  'adminSupport.field.reasonHelp': 'Gemmes i loggen sammen med dit navn.',
  'adminSupport.save': 'Gem hjælpelinjerne',
  'adminSupport.saved': 'Hjælpelinjerne er gemt. Medlemmerne ser dem nu.',

  'adminSupport.error.name': 'Skriv et navn på 2 til 80 tegn.',
  'adminSupport.error.phone': 'Skriv kun tal og mellemrum, gerne med + foran, fx 70 201 201.',
  'adminSupport.error.url': 'Skriv en hel adresse, der begynder med https://, fx https://www.livslinien.dk',
  'adminSupport.error.empty': 'Tilføj mindst én hjælpelinje, eller gå tilbage til den indbyggede liste.',
  'adminSupport.error.list': 'Tjek hjælpelinjerne: Mindst én af dem kunne ikke gemmes.',
  'adminSupport.error.reason': 'Skriv en begrundelse på mindst 3 tegn, eller lad feltet stå tomt.',

  'adminSupport.preview.heading': 'Sådan ser medlemmerne det',
  'adminSupport.preview.intro': 'Sådan ser listen ud, når du har gemt. Tomme linjer kommer ikke med.',
  'adminSupport.preview.empty': 'Der er ingen hjælpelinjer at vise endnu.',

  'adminSupport.reset.heading': 'Gå tilbage til den indbyggede liste',
  'adminSupport.reset.intro':
    'Spejls indbyggede liste har disse danske hjælpelinjer. Listen ovenfor bliver erstattet, men loggen gemmer den.',
  'adminSupport.reset.submit': 'Brug den indbyggede liste',
  'adminSupport.reset.done': 'Spejl bruger nu den indbyggede liste igen.',

  'adminSupport.audit.updated': 'Hjælpelinjer for hele Spejl ændret',
};
