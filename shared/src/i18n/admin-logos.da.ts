/** Danish texts for association logos. */
export const adminLogosDa = {
  'error.association.logo_too_large': 'Billedet er for stort. Et logo må højst fylde 512 KB.',
  'error.association.logo_type': 'Logoet skal være et PNG-, JPEG- eller WebP-billede.',
  'error.association.logo_unreadable':
    'Billedet kunne ikke læses. Gem det igen som PNG eller JPEG, og prøv så igen.',
  'adminLogos.heading': 'Logo',
  'adminLogos.intro':
    'Logoet vises ved foreningens navn i oversigten over grupper. Det gøres højst 256 × 256 pixels, og oplysninger gemt i filen, fx hvor billedet er taget, fjernes.',
  'adminLogos.none': 'Foreningen har intet logo endnu.',
  'adminLogos.choose': 'Vælg et billede',
  'adminLogos.chooseNew': 'Vælg et nyt billede',
  'adminLogos.chooseHelp': 'PNG, JPEG eller WebP på højst 512 KB. Det gemmes, så snart du har valgt det.',
  'adminLogos.uploading': 'Gemmer logoet …',
  'adminLogos.uploaded': 'Logoet er gemt.',
  'adminLogos.remove': 'Fjern logoet',
  'adminLogos.removed': 'Logoet er fjernet.',
  'adminLogos.audit.updated': 'Skiftede en forenings logo',
  'adminLogos.audit.removed': 'Fjernede en forenings logo',
};
