import type { recoveryDa } from './recovery.da.ts';

/** English texts for recovery codes and the step-up prompt (confirm with your code). */
export const recoveryEn: Record<keyof typeof recoveryDa, string> = {
  'recovery.placeholder': '',
};
