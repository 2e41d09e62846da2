import type { MessageKey } from '@spejl/shared';

/** A message for the next page, such as "you are signed out", shown once in its status region. */
class Flash {
  message = $state<MessageKey | null>(null);

  set(key: MessageKey): void {
    this.message = key;
  }

  /** Returns the pending message and clears it. */
  take(): MessageKey | null {
    const key = this.message;
    this.message = null;
    return key;
  }
}

export const flash = new Flash();
