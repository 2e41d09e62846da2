import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import ResourceFileLink from './ResourceFileLink.svelte';

afterEach(() => i18n.apply('da'));

describe('a file resource’s download link', () => {
  it('names the file with its type and size, and downloads a PDF from /api/files', () => {
    render(ResourceFileLink, {
      file: { id: 'f1', name: 'folder.pdf', kind: 'pdf', mime: 'application/pdf', size: 1.2 * 1024 * 1024 },
    });
    const link = screen.getByRole('link', {
      name: `${t('resources.file.download', { name: 'folder.pdf' })} (PDF, 1,2 MB)`,
    });
    expect(link.getAttribute('href')).toBe('/api/files/f1');
    expect(link.getAttribute('download')).toBe('folder.pdf');
  });

  it('opens an image in the browser, its size in the reader’s language', () => {
    i18n.apply('en');
    render(ResourceFileLink, {
      file: { id: 'f2', name: 'plakat.jpg', kind: 'image', mime: 'image/jpeg', size: 1.5 * 1024 * 1024 },
    });
    const link = screen.getByRole('link', { name: 'Download plakat.jpg (Image, 1.5 MB)' });
    expect(link.hasAttribute('download')).toBe(false);
  });
});
