import type { adminSupportDa } from './admin-support.da.ts';

/** English texts for the platform support resources in the administration. */
export const adminSupportEn: Record<keyof typeof adminSupportDa, string> = {
  'adminSupport.title': 'Helplines and support',
  'adminSupport.intro':
    'Here you choose the helplines members see on the page "Having a hard time?" and when someone else is worried about them. A group with its own list still shows its own.',
  'adminSupport.back': 'Back to the administration',
  'adminSupport.auditLink': 'See the changes in the log',
  'adminSupport.status.builtIn': 'Spejl is using the built-in list of Danish helplines.',
  'adminSupport.status.customised': 'Spejl is using a list that {name} changed on {date}.',
  'adminSupport.status.customisedNoName': 'Spejl is using a list that was changed on {date}.',

  'adminSupport.editor.heading': 'Change the helplines',
  'adminSupport.editor.intro':
    'Members see the helplines in this order. Give a phone number or a web address so people can reach them. There can be up to {max}.',
  'adminSupport.editor.legend': 'Helplines',
  'adminSupport.moveUp': 'Move no. {number} up',
  'adminSupport.moveDown': 'Move no. {number} down',
  'adminSupport.moved': 'No. {from} is now no. {to}.',
  'adminSupport.field.entry': '{field} in no. {number}',
  'adminSupport.field.reason': 'Reason (optional)',
  'adminSupport.field.reasonHelp': 'Kept in the log with your name.',
  'adminSupport.save': 'Save the helplines',
  'adminSupport.saved': 'The helplines are saved. Members see them now.',

  'adminSupport.error.name': 'Enter a name of 2 to 80 characters.',
  'adminSupport.error.phone': 'Use only digits and spaces, with a + in front if you like, e.g. 70 201 201.',
  'adminSupport.error.url': 'Enter a full address starting with https://, e.g. https://www.livslinien.dk',
  'adminSupport.error.empty': 'Add at least one helpline, or go back to the built-in list.',
  'adminSupport.error.list': 'Check the helplines: at least one of them could not be saved.',
  'adminSupport.error.reason': 'Enter a reason of at least 3 characters, or leave the field empty.',

  'adminSupport.preview.heading': 'What members see',
  'adminSupport.preview.intro': 'This is how the list will look once you save. Empty rows are left out.',
  'adminSupport.preview.empty': 'There are no helplines to show yet.',

  'adminSupport.reset.heading': 'Go back to the built-in list',
  'adminSupport.reset.intro':
    "Spejl's built-in list has these Danish helplines. The list above is replaced, but the log keeps it.",
  'adminSupport.reset.submit': 'Use the built-in list',
  'adminSupport.reset.done': 'Spejl is using the built-in list again.',

  'adminSupport.audit.updated': 'Helplines for all of Spejl changed',
};
