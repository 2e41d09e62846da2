export * from './auth.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './groups.ts';
export * from './i18n/index.ts';
export * from './limits.ts';
export * from './messages.ts';
export * from './ws.ts';
