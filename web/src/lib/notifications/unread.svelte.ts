import type { ServerFrame } from '@spejl/shared';
import { notificationsApi } from '../api/notifications.ts';

const pageSize = 100;

/** How many notifications are unread, for the badge in the menu; checked on every navigation. */
class UnreadNotifications {
  count = $state(0);
  /** True when there are more than one page of unread ones, shown as "100+". */
  more = $state(false);

  async refresh(): Promise<void> {
    try {
      const page = await notificationsApi.list({ unread: true, limit: pageSize });
      this.count = page.items.length;
      this.more = page.nextCursor !== null;
    } catch {
      // The badge is a hint; a failed check keeps the last count rather than show an error in the menu.
    }
  }

  /** A notification arrived live: one more unread. */
  onFrame(frame: ServerFrame): void {
    if (frame.type === 'notification' && frame.notification.readAt === null) this.count += 1;
  }

  clear(): void {
    this.count = 0;
    this.more = false;
  }
}

export const unreadNotifications = new UnreadNotifications();
