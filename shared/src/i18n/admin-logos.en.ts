import type { adminLogosDa } from './admin-logos.da.ts';

/** English texts for association logos. */
export const adminLogosEn: Record<keyof typeof adminLogosDa, string> = {
  'error.association.logo_too_large': 'The image is too large. A logo may be at most 512 KB.',
  'error.association.logo_type': 'The logo must be a PNG, JPEG or WebP image.',
  'error.association.logo_unreadable':
    'The image could not be read. Save it again as PNG or JPEG, then try again.',
  'adminLogos.heading': 'Logo',
  'adminLogos.intro':
    'The logo is shown beside the association’s name in the list of groups. It is made at most 256 × 256 pixels, and information stored in the file, such as where the picture was taken, is removed.',
  'adminLogos.none': 'The association has no logo yet.',
  'adminLogos.choose': 'Choose an image',
  'adminLogos.chooseNew': 'Choose a new image',
  'adminLogos.chooseHelp': 'PNG, JPEG or WebP, at most 512 KB. It is saved as soon as you choose it.',
  'adminLogos.uploading': 'Saving the logo …',
  'adminLogos.uploaded': 'The logo is saved.',
  'adminLogos.remove': 'Remove the logo',
  'adminLogos.removed': 'The logo is removed.',
  'adminLogos.audit.updated': 'Changed an association’s logo',
  'adminLogos.audit.removed': 'Removed an association’s logo',
};
