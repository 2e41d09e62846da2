import type { NotificationType } from '@spejl/shared';
import type { NotificationDescribers } from '../notifications/notification-text.ts';

type ProgrammeType = Extract<NotificationType, `programme.${string}`>;

/** What each programme notification (`programme.*`) says, and the programme page it leads to. */
export const programmeNotificationTexts: NotificationDescribers<ProgrammeType> = {
  'programme.step_reminder': (data, t) => ({
    text: t('notification.programmeStepReminder', { programme: data.programmeTitle, step: data.stepTitle }),
    reason: null,
    href: data.programmeId ? `/programmes/${encodeURIComponent(data.programmeId)}` : null,
    groupName: data.programmeTitle,
  }),
};
