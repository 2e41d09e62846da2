import type { Locale } from '@spejl/shared/limits';

/** A file's size for people, such as "1,2 MB" or "340 kB", in the reader's language (the browser's own units). */
export function formatFileSize(bytes: number, locale: Locale): string {
  const tag = locale === 'da' ? 'da-DK' : 'en-GB';
  const megabytes = bytes >= 1024 * 1024;
  const value = megabytes ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
  return new Intl.NumberFormat(tag, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(value);
}
