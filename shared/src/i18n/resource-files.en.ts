import type { resourceFilesDa } from './resource-files.da.ts';

/** English texts for the kit's files (a PDF or a photo as a resource) and for an association's editors. */
export const resourceFilesEn: Record<keyof typeof resourceFilesDa, string> = {
  'error.resource.upload_unavailable':
    'The file cannot be used. It may already be in use, or it was sent too long ago. Choose the file again.',
  'resources.form.kind.file': 'File (PDF or image)',
  'resources.form.file': 'File',
  'resources.form.fileReplace': 'Replace the file (optional)',
  'resources.form.fileHelp':
    'A PDF or an image (JPEG, PNG, WebP or HEIC), at most {max} MB. Details in an image, such as where it was taken, are removed.',
  'resources.form.fileUploading': 'Sending {name} …',
  'resources.form.fileReady': '{name} is ready: {type}, {size}.',
  'resources.form.fileCurrent': 'Current file: {name} ({type}, {size}).',
  'resources.form.invalid.file': 'Choose a file, and wait until it has been sent.',
  'resources.file.pdf': 'PDF',
  'resources.file.image': 'Image',
  'resources.file.download': 'Download {name}',
  'resources.file.meta': '{type}, {size}',

  'associationEditors.heading': 'Knowledge editors',
  'associationEditors.intro':
    "Editors can write, edit and withdraw the association's texts, links and files in Knowledge. They need two-step verification.",
  'associationEditors.empty': 'The association has no editors yet. Administrators can always edit.',
  'associationEditors.listLabel': "The association's editors",
  'associationEditors.since': 'Editor since {date}',
  'associationEditors.remove': 'Remove {name} as editor',
  'associationEditors.removeConfirm':
    "{name} will no longer be able to edit the association's knowledge. Remove {name}?",
  'associationEditors.removeYes': 'Yes, remove {name}',
  'associationEditors.removeNo': 'No, keep {name}',
  'associationEditors.removed': '{name} is no longer an editor.',
  'associationEditors.add': 'Add an editor',
  'associationEditors.search': 'Search by name or email',
  'associationEditors.searchSubmit': 'Search',
  'associationEditors.results': 'People matching the search',
  'associationEditors.noResults': 'Nobody matches the search.',
  'associationEditors.addPerson': 'Make {name} an editor',
  'associationEditors.alreadyEditor': 'Is an editor',
  'associationEditors.added': '{name} is now an editor.',
};
