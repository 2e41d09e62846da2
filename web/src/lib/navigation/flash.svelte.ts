import type { MessageKey } from '@spejl/shared';
import type { Message } from '../forms/form-state.svelte.ts';

/** A message for the next page, such as "you are signed out", shown once in its status region. */
class Flash {
  message = $state<MessageKey | null>(null);
  params = $state<Record<string, string | number> | undefined>(undefined);

  set(key: MessageKey, params?: Record<string, string | number>): void {
    this.message = key;
    this.params = params;
  }

  /** Returns the pending message key and clears it. */
  take(): MessageKey | null {
    const key = this.message;
    this.message = null;
    this.params = undefined;
    return key;
  }

  /** Returns the pending message with its parameters (such as a group's name) and clears it. */
  takeMessage(): Message | null {
    const params = this.params;
    const key = this.take();
    if (!key) return null;
    return params ? { key, params } : { key };
  }
}

export const flash = new Flash();
