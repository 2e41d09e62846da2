import { describe, expect, it } from 'vitest';
import { cleanFileName } from './messages.attachments.file.ts';

describe('cleanFileName', () => {
  it('keeps the readable name and gives it the served type’s extension', () => {
    expect(cleanFileName('IMG_0001.HEIC', 'image/jpeg')).toBe('IMG_0001.jpg');
    expect(cleanFileName('Afgørelse fra kommunen.pdf', 'application/pdf')).toBe('Afgørelse fra kommunen.pdf');
    expect(cleanFileName('evil.jpg.html', 'image/png')).toBe('evil.jpg.png');
  });

  it('drops folders, control and quoting characters, and leading dots', () => {
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\Ida\\brev.pdf', 'application/pdf')).toBe('brev.pdf');
    expect(cleanFileName('a"b\r\nc\u202e;d.pdf', 'application/pdf')).toBe('abcd.pdf');
    expect(cleanFileName('...hidden.jpg', 'image/jpeg')).toBe('hidden.jpg');
  });

  it('names a file with no usable name, and shortens a long one', () => {
    expect(cleanFileName(undefined, 'image/webp')).toBe('fil.webp');
    expect(cleanFileName('""".jpg', 'image/jpeg')).toBe('fil.jpg');
    expect(cleanFileName(`${'x'.repeat(500)}.pdf`, 'application/pdf')).toHaveLength(120);
  });
});
