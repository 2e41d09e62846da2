import type { privacyDa } from './privacy.da.ts';

export const privacyEn: Record<keyof typeof privacyDa, string> = {
  'privacy.formerMember': 'Former member',
  'error.privacy.consent_required':
    'To join a group, you must consent to Spejl processing information about health.',
  'error.privacy.sole_owner':
    'You are the only owner of a group. Make someone else an owner before leaving all groups.',
  'privacy.mail.inactive.subject': 'Do you want to keep your account on Spejl?',
  'privacy.mail.inactive.body#one':
    'You have not used Spejl for {count} year. To protect your information we will delete the account in {days} days.\nTo keep it, just sign in:\n{url}\n\nIf the account is deleted, your messages stay, but without your name.',
  'privacy.mail.inactive.body#other':
    'You have not used Spejl for {count} years. To protect your information we will delete the account in {days} days.\nTo keep it, just sign in:\n{url}\n\nIf the account is deleted, your messages stay, but without your name.',
  'privacy.exportReady':
    'Your archive with all your information is ready. The link works for 7 days and can be used once.',

  'privacy.heading': 'Your information and consents',
  'privacy.intro':
    'Being in a diagnosis group says something about your health or your family’s. Here you decide what we may do, see who has looked at your information, and can download it or delete it.',
  'privacy.consents': 'Consents',
  'privacy.consent.terms': 'Terms of using Spejl',
  'privacy.consent.terms.help': 'Given when you created the account. To withdraw it, delete the account.',
  'privacy.consent.health_data_groups': 'Health information in groups',
  'privacy.consent.health_data_groups.help':
    'Needed to be a member of diagnosis groups and Sjældne-netværket. If you withdraw it, you leave every group at once and your requests to join are withdrawn. Your messages stay.',
  'privacy.consent.health_data_mentoring': 'Health information in mentoring',
  'privacy.consent.health_data_mentoring.help':
    'Needed to ask for a mentor or to be one. If you withdraw it, your mentor profile and your requests are removed.',
  'privacy.consent.given': 'Given {date} (version {version})',
  'privacy.consent.notGiven': 'Not given',
  'privacy.consent.outdated': 'The text has changed since. Read it again and give your consent anew.',
  'privacy.consent.give': 'Give consent',
  'privacy.consent.withdraw': 'Withdraw consent',
  'privacy.consent.withdrawConfirm': 'Withdraw your consent? {effect}',
  'privacy.consent.saved': 'Your choice is saved.',
  'privacy.consent.history': 'History',
  'privacy.consent.historyRow': '{kind}: given {given}{withdrawn}',
  'privacy.consent.historyWithdrawn': ', withdrawn {date}',
  'privacy.export': 'Download your information',
  'privacy.export.help':
    'Everything we hold about you, gathered in one file in a standard format that other services can read. You can keep the file or take it to another service.',
  'privacy.export.download': 'Download my information now',
  'privacy.export.archive': 'Prepare an archive and tell me',
  'privacy.export.archiveRequested': 'We will tell you under Notifications when the archive is ready.',
  'privacy.access': 'Who has looked at your information',
  'privacy.access.help':
    'When a moderator, coordinator or administrator opens something of yours, we write it down here.',
  'privacy.access.none': 'Nobody has looked at your information.',
  'privacy.access.row': '{name} ({role}) saw {kind}{group}',
  'privacy.access.inGroup': ' in {group}',
  'privacy.access.unknownActor': 'Former member',
  'privacy.access.kind.group.join_request': 'your request to join',
  'privacy.access.kind.message.edits': 'earlier versions of your message',
  'privacy.access.kind.moderation.case': 'a report about your message and the messages around it',
  'privacy.access.reason.review_report': 'handling a report',
  'privacy.access.kind.mentoring.request': 'your request for a mentor',
  'privacy.access.reason.coordinate_mentoring': 'finding you a mentor',
  'privacy.access.kind.other': 'your information',
  'privacy.access.reason': 'Reason: {reason}',
  'privacy.access.reason.review_join_requests': 'handling requests to join',
  'privacy.access.reason.moderate_message': 'moderating a message',
  'privacy.delete': 'Delete your account',
  'privacy.delete.help':
    'You will be signed out everywhere, and your account and your information will be deleted. This cannot be undone. Below, you choose what happens to your messages.',
  'privacy.delete.messages': 'What should happen to your messages?',
  'privacy.delete.anonymise': 'Keep them without my name (“Former member”), so conversations make sense',
  'privacy.delete.delete': 'Delete the text of all my messages',
  'privacy.delete.password': 'Your password',
  'privacy.delete.confirm': 'I understand that the account is deleted for good',
  'privacy.delete.submit': 'Delete my account',
  'privacy.delete.done': 'Your account is deleted. Thank you for being with us.',
  'privacy.delete.confirmRequired': 'Tick the box to confirm.',

  'join.consent.heading': 'Consent to health information',
  'join.consent.text':
    'When you are a member of a diagnosis group, other members know that you or someone in your family has the diagnosis. That is health information, and so we ask for your consent. If you consent, Spejl may process the information so you can take part in the group. You can withdraw your consent under My account.',
  'join.consent.accept': 'I consent and send the request',
  'join.consent.acceptInvite': 'I consent and join',
  'signup.consent.groups':
    'I consent to Spejl processing health information when I take part in groups (you can also do this later)',
};
