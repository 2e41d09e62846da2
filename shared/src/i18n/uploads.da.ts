/** Danish texts for photos and files in conversations. */
export const uploadsDa = {
  'error.upload.type_not_allowed':
    'Filen kan ikke sendes. Send et billede (JPEG, PNG, WebP eller HEIC) eller en PDF.',
  'error.upload.too_large': 'Filen er for stor til at blive sendt.',
  'error.upload.unreadable': 'Billedet kunne ikke læses. Gem det igen som JPEG eller PNG, og prøv igen.',
  'uploads.attach': 'Vedhæft billede eller PDF',
  'uploads.attachHelp':
    'Billeder (JPEG, PNG, WebP, HEIC) og PDF’er. Oplysninger i et billede, fx hvor det er taget, fjernes.',
  'uploads.chosen': 'Valgte filer',
  'uploads.uploading': 'Sender {name} …',
  'uploads.progress': '{name}: {percent} %',
  'uploads.ready': '{name} er klar til at blive sendt',
  'uploads.failed': '{name} kunne ikke sendes: {reason}',
  'uploads.remove': 'Fjern {name}',
  'uploads.cancel': 'Stop upload af {name}',
  'uploads.tooMany': 'En besked kan højst have {max} filer.',
  'uploads.waiting': 'Vent, til filerne er sendt.',
  'uploads.dropHere': 'Slip filerne for at vedhæfte dem',
  'uploads.openImage': 'Åbn billedet {name} i fuld størrelse',
  'uploads.downloadPdf': 'Hent {name} (PDF, {size})',
  'uploads.attachments': 'Vedhæftede filer',
  'uploads.pdf': 'PDF',
} as const;
