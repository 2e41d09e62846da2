import type { directDa } from './direct.da.ts';

/** English texts for direct messages between members. */
export const directEn: Record<keyof typeof directDa, string> = {
  'error.dm.not_allowed': 'It is not possible to write to this person right now.',
  'error.direct.pending':
    'The conversation has not started yet. More can be written once the request is accepted.',
  'error.direct.unavailable': 'It is no longer possible to write in this conversation.',
  'error.direct.not_pending': 'The request has already been answered.',

  'direct.title': 'Messages',
  'direct.intro':
    'Your direct conversations with other members. Only you and the other person can read them.',
  'direct.conversationName': 'Direct conversation',
  'direct.moderation.place': 'a direct conversation',
  'direct.formerMember': 'Former member',
  'direct.someone': 'A member',

  'direct.settings.heading': 'Direct messages',
  'direct.toMessages': 'See your messages',
  'direct.settings.label': 'Other members may write to me directly',
  'direct.settings.help':
    'Only members of groups you are in can ask to write to you. The first message is a request you can accept or decline. You can always block a person. Some groups, such as those for young people, do not allow direct messages.',
  'direct.settings.savedOn': 'Direct messages are on.',
  'direct.settings.savedOff': 'Direct messages are off. Nobody can ask to write to you.',

  'direct.empty.off':
    'Direct messages are off until you turn them on. When they are on, other members of your groups can ask to write to you, and you can write to them.',
  'direct.empty.on':
    'You have no conversations yet. You can write to a member from the list of members on a group’s page.',

  'direct.requests.heading': 'Someone wants to write with you',
  'direct.conversations.heading': 'Conversations',
  'direct.sent.heading': 'Sent requests',
  'direct.accept': 'Accept',
  'direct.decline': 'Decline',
  'direct.acceptFor': 'Accept the request from {name}',
  'direct.declineFor': 'Decline the request from {name}',
  'direct.accepted': 'The request is accepted. You can now write to each other.',
  'direct.declined': 'You declined the request. {name} is not told.',
  'direct.waiting': 'Waiting for an answer',
  'direct.unavailable': 'Not available',
  'direct.lastMessage': 'Latest message {time}',
  'direct.unread#one': '{count} unread',
  'direct.unread#other': '{count} unread',
  'direct.loadMore': 'Show more conversations',

  'direct.pageTitle': 'Conversation with {name}',
  'direct.back': 'All messages',
  'direct.private':
    'Only you and the other person can read this conversation. If you report a message, Spejl’s administrators see that message only.',
  'direct.banner.incoming':
    '{name} would like to write with you directly. Read the message and choose whether to accept. {name} is not told if you decline.',
  'direct.banner.waiting': 'Waiting for an answer. You can write more once {name} has accepted.',
  'direct.banner.unavailable': 'It is no longer possible to write in this conversation.',
  'direct.banner.blockedByMe':
    'You have blocked {name}. Nobody can write in this conversation until you remove the block.',

  'direct.block': 'Block',
  'direct.blockFor': 'Block {name}',
  'direct.block.title': 'Block {name}?',
  'direct.block.explain':
    'If you block {name}, {name} can no longer write to you or ask to. The conversation leaves your list. {name} is not told. You can remove the block again on your account page.',
  'direct.block.confirm': 'Yes, block',
  'direct.block.done': 'You have blocked {name}.',
  'direct.unblock': 'Remove block',
  'direct.unblockFor': 'Remove the block on {name}',
  'direct.unblocked': '{name} is no longer blocked.',

  'direct.report': 'Report',
  'direct.report.heading': 'Report a message from {name}',
  'direct.report.intro':
    'Choose the message you want to report. Spejl’s administrators see that message only, not the rest of the conversation.',
  'direct.report.none': 'There are no messages from {name} to report. You can block {name} instead.',
  'direct.report.close': 'Close',

  'direct.write.open': 'Write directly',
  'direct.write.openFor': 'Write directly to {name}',
  'direct.write.title': 'Write to {name}',
  'direct.write.intro':
    'Your first message is sent as a request. {name} can read it and choose whether to write with you.',
  'direct.write.body': 'Message',
  'direct.write.bodyRequired': 'Write a message.',
  'direct.write.send': 'Send request',
  'direct.write.sent': 'The request has been sent.',
  'direct.write.toConversation': 'See the conversation',
  'direct.write.ownOff': 'Turn on direct messages before you write to others.',
  'direct.write.turnOn': 'Turn on direct messages',

  'direct.blocks.heading': 'People you have blocked',
  'direct.blocks.intro': 'They cannot write to you or ask to. They are not told that they are blocked.',
  'direct.blocks.empty': 'You have not blocked anyone.',
  'direct.blocks.since': 'Blocked {date}',

  'direct.groupSetting.label': 'Members may write directly to each other',
  'direct.groupSetting.help':
    'Turn it off in groups for children and young people. Members then cannot use the group to start private conversations. Conversations already going on continue.',

  'notification.directRequest': '{name} would like to write with you directly.',
  'notification.directAccepted': '{name} has accepted writing with you directly.',
  'direct.notification.toConversation': 'See the conversation',
  'mail.directRequest.subject': '{name} would like to write with you directly on Spejl',
  'mail.directRequest.body':
    '{name} would like to write with you directly. Read the request and choose whether to accept it:\n{url}\n\n{name} is not told if you decline.',
  'mail.directAccepted.subject': '{name} has accepted your request on Spejl',
  'mail.directAccepted.body':
    '{name} has accepted writing with you directly. You can go on writing in the conversation:\n{url}',

  'moderation.item.direct': 'Direct conversation',
  'moderation.item.directOnly':
    'The message is from a direct conversation between two members. You see the reported message only, not the rest of the conversation.',
};
