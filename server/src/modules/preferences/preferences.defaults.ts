/** Presence and read receipts for someone who never chose: shown online, receipts shared (preferences.service.ts). */
export const presenceDefaults = { hidePresence: false, readReceipts: true } as const;
