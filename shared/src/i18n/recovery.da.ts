/** Danish texts for recovery codes and the step-up prompt (confirm with your code). */
export const recoveryDa = {
  'recovery.placeholder': '',
};
