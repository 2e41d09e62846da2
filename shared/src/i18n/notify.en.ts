import type { notifyDa } from './notify.da.ts';

/** English texts for the account page's notification choices: channels, quiet hours, digests and devices. */
export const notifyEn: Record<keyof typeof notifyDa, string> = {
  'group.mute.heading': 'Notifications from the group',
  'group.mute.label': 'Mute this group',
  'group.mute.help':
    'The group is left out of your digest email and shows no unread number. You are still told when someone mentions or replies to you.',
  'group.mute.savedOn': 'The group is muted.',
  'group.mute.savedOff': 'The group is no longer muted.',
  'notify.heading': 'Notifications',
  'notify.intro':
    'You always see everything under the bell in Spejl. Here you choose what also reaches you as a push on your phone or as an email.',
  'notify.table.caption': 'How do you want to hear about it?',
  'notify.table.kind': 'When …',
  'notify.table.push': 'Push',
  'notify.table.mail': 'Email',
  'notify.kind.mention': 'someone mentions me',
  'notify.kind.reply': 'someone replies to my message',
  'notify.kind.direct': 'I get a direct message or request',
  'notify.kind.mentorship': 'something happens in my mentorship',
  'notify.kind.call': 'someone calls me in a mentorship',
  'notify.kind.event': 'an event I registered for is near or changes',
  'notify.kind.membership': 'I am admitted to or removed from a group',
  'notify.kind.moderation': 'there is something for me as a moderator or group owner',
  'notify.kind.account': 'there is news about my account or my reports',
  'notify.kind.noMail': 'Calls are not emailed: they are over before the email arrives.',
  'notify.previews': 'Show who wrote, and where, on the lock screen',
  'notify.previewsHint':
    'When off, it only says "New message in …" or "New activity in Spejl". What anyone wrote is never included.',
  'notify.quiet': 'Quiet hours without push',
  'notify.quietOn': 'Use quiet hours',
  'notify.quietFrom': 'From',
  'notify.quietTo': 'To',
  'notify.quietHint': 'At night or whenever you want peace. You see it all the next time you open Spejl.',
  'notify.quietInvalid': 'Choose both a start and an end time, and not the same one.',
  'notify.digest': 'One email about what you have not read',
  'notify.digest.off': 'No thanks',
  'notify.digest.daily': 'Every day at 7:00',
  'notify.digest.weekly': 'Every Monday at 7:00',
  'notify.digestHint':
    'Only groups and conversations with news you have not read, and never groups you muted. You can unsubscribe from the email itself.',
  'notify.timeZone': 'Times are in the time zone {zone}.',
  'notify.save': 'Save notification choices',
  'notify.saved': 'Your notification choices are saved.',
  'notify.device.heading': 'Push on this device',
  'notify.device.on': 'Push is on for this device.',
  'notify.device.off': 'Push is off for this device.',
  'notify.device.turnOn': 'Turn on push for this device',
  'notify.device.turnOff': 'Turn off push for this device',
  'notify.device.asking': 'Your browser is now asking whether Spejl may show notifications …',
  'notify.device.unsupported': 'This browser cannot receive push from Spejl. You can still be told by email.',
  'notify.device.installFirst':
    'On iPhone and iPad, push only works when Spejl is on the home screen: tap the Share button in Safari, choose "Add to Home Screen", and open Spejl from there.',
  'notify.device.denied':
    'Notifications from Spejl are blocked in your browser. You can allow them in the browser settings for this site.',
  'notify.device.failed.denied':
    'Push was not turned on, because the browser was not allowed to show notifications.',
  'notify.device.failed.dismissed':
    'Push was not turned on, because the question was closed. Try again when ready.',
  'notify.device.failed.unavailable':
    "Push could not be turned on: the browser's push service did not answer. Try again later, or use email.",
  'notify.device.failed.server':
    'Push could not be turned on, because Spejl did not answer. Try again shortly.',
  'notify.devices.heading': 'Devices with push',
  'notify.devices.none': 'No device has push turned on.',
  'notify.devices.added': 'Added {date}',
  'notify.devices.remove': 'Remove',
  'notify.devices.removeLabel': 'Remove push from {device}',
  'notify.devices.removed': 'The device no longer gets push.',
};
