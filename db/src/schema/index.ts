export * from './accounts.ts';
export * from './groups.ts';
export * from './mail.ts';
export * from './notifications.ts';
export * from './bus.ts';
export * from './messages.ts';
export * from './moderation.ts';
