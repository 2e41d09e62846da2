import type { uploadsDa } from './uploads.da.ts';

/** English texts for photos and files in conversations. */
export const uploadsEn: Record<keyof typeof uploadsDa, string> = {
  'error.upload.type_not_allowed':
    'This file cannot be sent. Send a picture (JPEG, PNG, WebP or HEIC) or a PDF.',
  'error.upload.too_large': 'The file is too large to send.',
  'error.upload.unreadable': 'The picture could not be read. Save it again as JPEG or PNG, then try again.',
  'uploads.attach': 'Attach a picture or PDF',
  'uploads.attachHelp':
    'Pictures (JPEG, PNG, WebP, HEIC) and PDFs. Information in a picture, such as where it was taken, is removed.',
  'uploads.chosen': 'Chosen files',
  'uploads.uploading': 'Sending {name} …',
  'uploads.progress': '{name}: {percent} %',
  'uploads.ready': '{name} is ready to send',
  'uploads.failed': '{name} could not be sent: {reason}',
  'uploads.remove': 'Remove {name}',
  'uploads.cancel': 'Stop uploading {name}',
  'uploads.tooMany': 'A message can carry at most {max} files.',
  'uploads.waiting': 'Wait until the files are sent.',
  'uploads.dropHere': 'Drop the files to attach them',
  'uploads.openImage': 'Open the picture {name} in full size',
  'uploads.downloadPdf': 'Download {name} (PDF, {size})',
  'uploads.attachments': 'Attached files',
  'uploads.pdf': 'PDF',
};
