import { z } from 'zod';
import { imitatesRole, isVisibleText } from './text.ts';

/**
 * A name people see (display names, names in a group): NFC-normalised and trimmed, with no control or invisible
 * characters, and no role words.
 */
export function personName(min: number, max: number) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(min)
    .max(max)
    .refine(isVisibleText, {
      message: 'must not contain invisible or control characters',
    })
    .refine((value) => !imitatesRole(value), { message: 'must not contain a role word such as moderator' });
}
