import type { adminPeopleDa } from './admin-people.da.ts';

/** English texts for people in the administration. */
export const adminPeopleEn: Record<keyof typeof adminPeopleDa, string> = {
  'error.admin_user.self':
    'You cannot change your own account here. Your own sign-ins and two-step verification are under Account.',
  'error.admin_user.last_admin':
    'Spejl needs at least one administrator. Make someone else an administrator first.',

  'adminPeople.title': 'People',
  'adminPeople.intro':
    'Find a person by name or email address. You can change their role, lock the account, sign them out everywhere and reset two-step verification. Everything is written to the log with your reason.',
  'adminPeople.search.label': 'Name or email address',
  'adminPeople.search.submit': 'Search',
  'adminPeople.search.none': 'Nobody matches the search.',
  'adminPeople.search.resultsLabel': 'People',
  'adminPeople.more': 'Show more',

  'adminPeople.status.active': 'Active',
  'adminPeople.status.locked': 'Locked',
  'adminPeople.status.unconfirmed': 'Email address not confirmed',
  'adminPeople.lockedUntil': 'Locked until {date}',
  'adminPeople.lockedUntilUnlocked': 'Locked until someone unlocks it',
  'adminPeople.totpOn': 'Two-step verification on',
  'adminPeople.totpOff': 'No two-step verification',
  'adminPeople.created': 'Created {date}',
  'adminPeople.lastActive': 'Last active {date}',
  'adminPeople.email': 'Email address',
  'adminPeople.role': 'Role',
  'adminPeople.groups': 'Groups',
  'adminPeople.noGroups': 'Not a member of any groups.',
  'adminPeople.back': 'Back to people',

  'adminPeople.reason': 'Reason',
  'adminPeople.reasonOptional': 'Reason (optional)',
  'adminPeople.reasonHelp':
    'Written to the log. When locking or resetting, it is also in the email to the person.',
  'adminPeople.reasonError': 'Write a reason of at least 3 characters.',
  'adminPeople.cancel': 'Cancel',
  'adminPeople.confirm': 'Confirm',

  'adminPeople.roleChange.title': 'Change role',
  'adminPeople.roleChange.open': 'Change role',
  'adminPeople.roleChange.field': 'New role',
  'adminPeople.roleChange.confirm': 'Make {name} {role}?',
  'adminPeople.roleChange.help':
    'Coordinators and administrators get their powers only once they have turned on two-step verification.',
  'adminPeople.roleChange.done': '{name} is now {role}.',

  'adminPeople.lock.title': 'Lock the account',
  'adminPeople.lock.open': 'Lock the account',
  'adminPeople.lock.until': 'Locked until (optional)',
  'adminPeople.lock.untilHelp': 'Without a date, the account stays locked until someone unlocks it.',
  'adminPeople.lock.untilError': 'Choose a date after today.',
  'adminPeople.lock.confirm':
    '{name} is signed out everywhere and cannot sign in while the account is locked. They get an email with the reason.',
  'adminPeople.lock.done': 'The account is locked, and {name} is signed out everywhere.',

  'adminPeople.unlock.title': 'Unlock the account',
  'adminPeople.unlock.open': 'Unlock',
  'adminPeople.unlock.confirm': '{name} can sign in again.',
  'adminPeople.unlock.done': 'The account is unlocked.',

  'adminPeople.sessions.title': 'Sign out everywhere',
  'adminPeople.sessions.open': 'Sign out everywhere',
  'adminPeople.sessions.confirm': '{name} is signed out on every device and must sign in again.',
  'adminPeople.sessions.done#one': '{name} is signed out on {count} device.',
  'adminPeople.sessions.done#other': '{name} is signed out on {count} devices.',

  'adminPeople.mfa.title': 'Reset two-step verification',
  'adminPeople.mfa.open': 'Reset two-step verification',
  'adminPeople.mfa.confirm':
    'Do this only once you are sure who the person is, for example by a phone call. Two-step verification and recovery codes are turned off, {name} is signed out everywhere and gets an email with the reason.',
  'adminPeople.mfa.done': 'Two-step verification is off for {name}.',

  'adminPeople.audit.roleChanged': 'Role changed',
  'adminPeople.audit.locked': 'Account locked',
  'adminPeople.audit.unlocked': 'Account unlocked',
  'adminPeople.audit.mfaReset': 'Two-step verification reset',
  'adminPeople.audit.sessionsEnded': 'Signed out everywhere',

  'mail.accountLocked.subject': 'Your Spejl account is locked',
  'mail.accountLocked.body':
    'An administrator has locked your account until {until}. Until then you cannot sign in, and you are signed out everywhere.\n\nReason: {reason}\n\nReply to this email if you think this is a mistake.',
  'mail.accountLockedIndefinitely.subject': 'Your Spejl account is locked',
  'mail.accountLockedIndefinitely.body':
    'An administrator has locked your account. You cannot sign in, and you are signed out everywhere.\n\nReason: {reason}\n\nReply to this email if you think this is a mistake.',
  'mail.accountUnlocked.subject': 'Your Spejl account is unlocked',
  'mail.accountUnlocked.body': 'Your account is unlocked again. You can sign in here: {signInUrl}',
  'mail.mfaReset.subject': 'Two-step verification is off on your Spejl account',
  'mail.mfaReset.body':
    'An administrator has turned off two-step verification on your account, and your recovery codes no longer work. You are signed out everywhere.\n\nReason: {reason}\n\nSign in with your password and turn two-step verification on again under Account: {accountUrl}\n\nIf you did not ask for this, change your password and write to us straight away.',
  'mail.roleRaised.subject': 'You have a new role on Spejl',
  'mail.roleRaised.body':
    'An administrator has given you a new role on Spejl: {role} (before: {before}).\n\nYou can use the new role once you have turned on two-step verification under Account: {accountUrl}\n\nIf you did not expect this, reply to this mail.',
  'mail.roleLowered.subject': 'Your role on Spejl has changed',
  'mail.roleLowered.body':
    'An administrator has changed your role on Spejl. Your role is now: {role} (before: {before}). Your groups and conversations are as before.\n\nReply to this mail if you think this is a mistake.',
};
