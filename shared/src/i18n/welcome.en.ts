import type { welcomeDa } from './welcome.da.ts';

/** English texts for the signed-out front page, the public directory and events, and the guided start after sign-up. */
export const welcomeEn: Record<keyof typeof welcomeDa, string> = {
  'welcome.front.lead':
    'Here you meet others who live with the same rare diagnosis. You can write with them in a closed group, come to events and get a volunteer mentor who has been where you are now.',
  'welcome.front.private':
    'The groups are closed: only members can read what is written, and you choose the name the others see. A nickname is fine.',
  'welcome.front.searchTitle': 'Find a group for the diagnosis',
  'welcome.front.groupsTitle': 'Groups on Spejl',
  'welcome.front.groupsEmpty': 'There are no groups yet.',
  'welcome.front.eventsTitle': 'Coming events for everyone',
  'welcome.front.eventsEmpty': 'There are no events for everyone at the moment.',
  'welcome.front.eventsSignUp': 'Create an account, or sign in, to register.',
  'welcome.front.joinTitle': 'How to become a member',
  'welcome.front.joinStep1':
    'Create an account with your email address and the name you want to be shown with.',
  'welcome.front.joinStep2': 'Confirm your email address with the link in the mail you receive.',
  'welcome.front.joinStep3': 'Ask to join a group. A moderator will answer you.',
  'welcome.front.haveAccount': 'Already have an account?',

  'welcome.groups.visitor':
    'You can look at the groups without signing in. To join one, you need an account.',
  'welcome.group.signUp': 'Create an account to join',
  'welcome.group.signUpIntro':
    'The group is closed. Create an account and confirm your email address. You then come back here and can ask to join.',
  'welcome.group.haveAccount': 'Already have an account?',

  'welcome.pending.title': 'Your requests',
  'welcome.pending.item': 'Your request to join {group} is waiting for a moderator.',
  'welcome.pending.help':
    'The moderators are volunteers, so it may take a while. You will be told when there is an answer.',

  'welcome.card.title': 'Getting started',
  'welcome.card.text':
    'A few short steps show you around Spejl. You can skip them and find everything in the menu.',
  'welcome.card.start': 'Show me around',
  'welcome.card.resume': 'Continue where you left off',
  'welcome.card.skip': 'Skip',
  'welcome.skipped': 'You skipped “Getting started”. You will find everything in the menu.',

  'welcome.title': 'Getting started',
  'welcome.progress': 'Step {step} of {total}',
  'welcome.next': 'Next',
  'welcome.back': 'Back',
  'welcome.finish': 'Done',
  'welcome.skipAll': 'Skip the rest',
  'welcome.done': 'That is it. You are ready, and you will find everything in the menu.',
  'welcome.step.group.title': 'Find your group',
  'welcome.step.group.text':
    'Search for the diagnosis, another name for it or an ICD-10 code. The groups are closed, so you ask to join, and a moderator answers you.',
  'welcome.step.consent.title': 'Your health information',
  'welcome.step.consent.text':
    'Being in a diagnosis group says something about your own or your family’s health. That is why you give your consent before you can join a group. You can withdraw it at any time. You then leave the groups, but your messages stay.',
  'welcome.step.consent.link': 'See your consents',
  'welcome.step.name.title': 'The name the others see',
  'welcome.step.name.text':
    'You can show another name in each group than the one on your account, such as just your first name or a nickname. You choose it under “My profile in the group” on the group’s page once you are a member.',
  'welcome.step.name.link': 'Change the name on your account',
  'welcome.step.notifications.title': 'How do you want to be told?',
  'welcome.step.notifications.text':
    'Spejl tells you when something concerns you. Choose what you also want to hear about by mail.',
  'welcome.step.notifications.link': 'Choose what you are told about',
  'welcome.step.mentoring.title': 'A volunteer mentor',
  'welcome.step.mentoring.text':
    'A mentor is a volunteer who knows life with a rare diagnosis first-hand, as a parent or as an adult with the diagnosis. A coordinator puts you in touch with a mentor who suits you.',
  'welcome.step.mentoring.link': 'Read about mentoring',
};
