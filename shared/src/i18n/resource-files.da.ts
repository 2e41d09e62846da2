/** Danish texts for the kit's files (a PDF or a photo as a resource) and for an association's editors. */
export const resourceFilesDa = {
  'error.resource.upload_unavailable':
    'Filen kan ikke bruges. Den er måske allerede brugt, eller den blev sendt for længe siden. Vælg filen igen.',
  'resources.form.kind.file': 'Fil (PDF eller billede)',
  'resources.form.file': 'Fil',
  'resources.form.fileReplace': 'Erstat filen (valgfrit)',
  'resources.form.fileHelp':
    'En PDF eller et billede (JPEG, PNG, WebP eller HEIC), højst {max} MB. Oplysninger i et billede, fx hvor det er taget, fjernes.',
  'resources.form.fileUploading': 'Sender {name} …',
  'resources.form.fileReady': '{name} er klar: {type}, {size}.',
  'resources.form.fileCurrent': 'Nuværende fil: {name} ({type}, {size}).',
  'resources.form.invalid.file': 'Vælg en fil, og vent, til den er sendt.',
  'resources.file.pdf': 'PDF',
  'resources.file.image': 'Billede',
  'resources.file.download': 'Hent {name}',
  'resources.file.meta': '{type}, {size}',

  'associationEditors.heading': 'Redaktører af viden',
  'associationEditors.intro':
    'Redaktører kan skrive, rette og trække foreningens tekster, links og filer i Viden tilbage. De skal bruge totrinsbekræftelse.',
  'associationEditors.empty': 'Foreningen har ingen redaktører endnu. Administratorer kan altid rette.',
  'associationEditors.listLabel': 'Foreningens redaktører',
  'associationEditors.since': 'Redaktør siden {date}',
  'associationEditors.remove': 'Fjern {name} som redaktør',
  'associationEditors.removeConfirm': '{name} kan ikke længere rette foreningens viden. Fjern {name}?',
  'associationEditors.removeYes': 'Ja, fjern {name}',
  'associationEditors.removeNo': 'Nej, behold {name}',
  'associationEditors.removed': '{name} er ikke længere redaktør.',
  'associationEditors.add': 'Tilføj en redaktør',
  'associationEditors.search': 'Søg efter navn eller e-mailadresse',
  'associationEditors.searchSubmit': 'Søg',
  'associationEditors.results': 'Personer, der passer på søgningen',
  'associationEditors.noResults': 'Ingen personer passer på søgningen.',
  'associationEditors.addPerson': 'Gør {name} til redaktør',
  'associationEditors.alreadyEditor': 'Er redaktør',
  'associationEditors.added': '{name} er nu redaktør.',
} as const;
