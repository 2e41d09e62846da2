import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size.ts';

describe('formatFileSize', () => {
  it('writes megabytes with one decimal in the reader’s language, and small files in kilobytes', () => {
    expect(formatFileSize(1.2 * 1024 * 1024, 'da')).toBe('1,2 MB');
    expect(formatFileSize(1.2 * 1024 * 1024, 'en')).toBe('1.2 MB');
    expect(formatFileSize(340 * 1024, 'da')).toBe('340 kB');
    expect(formatFileSize(12, 'en')).toBe('1 kB');
  });
});
