import type { recoveryDa } from './recovery.da.ts';

/** English texts for recovery codes and the step-up prompt (confirm with your code). */
export const recoveryEn: Record<keyof typeof recoveryDa, string> = {
  'error.auth.recovery_code_invalid':
    'The recovery code is wrong or already used. Each code works only once.',

  'recovery.title': 'Recovery codes',
  'recovery.explain':
    'If you lose your phone or cannot open your authenticator app, you can sign in with a recovery code instead. Each code works once.',
  'recovery.remaining#one': 'You have {count} unused recovery code.',
  'recovery.remaining#other': 'You have {count} unused recovery codes.',
  'recovery.low': 'You are running out of recovery codes. Make new ones, so you can always get in.',
  'recovery.new.open': 'Make new recovery codes',
  'recovery.new.help': 'Your old recovery codes will stop working. Enter your password to confirm it is you.',
  'recovery.new.password': 'Your password',
  'recovery.new.submit': 'Make new codes',
  'recovery.new.passwordWrong': 'The password is wrong. Your recovery codes have not changed.',
  'recovery.new.cancel': 'Cancel',

  'recovery.show.title': 'Save your recovery codes now',
  'recovery.show.intro':
    'You will see these codes only this once. Write them down or keep them somewhere safe, for example in a password manager. Each code works once.',
  'recovery.show.listLabel': 'Your 10 recovery codes',
  'recovery.show.copy': 'Copy the codes',
  'recovery.show.copied': 'The codes are copied.',
  'recovery.show.copyFailed':
    'The codes could not be copied. Write them down or download them as a text file.',
  'recovery.show.download': 'Download as a text file',
  'recovery.show.confirm': 'I have saved the codes',
  'recovery.show.fileName': 'spejl-recovery-codes.txt',
  'recovery.show.fileHeading': 'Recovery codes for Spejl ({email})',
  'recovery.show.fileNote':
    'Each code works once in place of the code from the authenticator app. Made {date}. New codes make these invalid.',

  'recovery.signIn.useCode': 'Use a recovery code instead',
  'recovery.signIn.useApp': 'Use the code from the authenticator app instead',
  'recovery.field.code': 'Recovery code',
  'recovery.field.help': 'For example abcde-fghij. Each code works only once.',
  'recovery.field.invalid': 'Enter the recovery code of 10 letters and digits, for example abcde-fghij.',

  'recovery.used.title': 'You got in with a recovery code',
  'recovery.used.left#one': 'You have {count} recovery code left.',
  'recovery.used.left#other': 'You have {count} recovery codes left.',
  'recovery.used.next':
    'Have you lost your phone? Turn two-step verification off and on again under My account, and scan the QR code with your new phone. You will get new recovery codes too.',
  'recovery.used.link': 'Go to My account',
  'recovery.used.continue': 'Continue',

  'stepUp.title': 'Confirm with your one-time code',
  'stepUp.intro':
    'What you are about to do needs you to confirm it is you. Enter the code from your authenticator app and you will carry on where you were.',
  'stepUp.submit': 'Confirm and continue',
  'stepUp.cancel': 'Go to the front page',
  'stepUp.notEnabled':
    'You have not turned on two-step verification. Turn it on under My account to use this feature.',
  'stepUp.notEnabledLink': 'Go to My account',
  'stepUp.errorLink': 'Confirm with your one-time code',

  'mail.recoveryCodeUsed.subject': 'A recovery code was used on your Spejl account',
  'mail.recoveryCodeUsed.body#one':
    'Someone just used one of your recovery codes to get into your Spejl account. You have {count} recovery code left.\n\nIf it was you, please make new recovery codes under My account:\n{accountUrl}\n\nIf it was not you, choose a new password right away and write to an administrator:\n{resetUrl}',
  'mail.recoveryCodeUsed.body#other':
    'Someone just used one of your recovery codes to get into your Spejl account. You have {count} recovery codes left.\n\nIf it was you, please make new recovery codes under My account:\n{accountUrl}\n\nIf it was not you, choose a new password right away and write to an administrator:\n{resetUrl}',

  'moderation.audit.recoveryCodeUsed': 'Recovery code used to get in',
};
