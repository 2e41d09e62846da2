import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import KitDownload from './KitDownload.svelte';

describe('the link to the printable kit', () => {
  it('downloads the kit for the chosen audience and topic, and says what is in it', async () => {
    const { rerender } = render(KitDownload, {
      filter: { q: 'merudgift', topic: 'rights_and_benefits', audience: 'municipal_caseworkers' },
    });
    const link = screen.getByRole('link', { name: t('resources.kit.download') });
    expect(link.getAttribute('href')).toBe(
      '/api/kit.pdf?audience=municipal_caseworkers&topic=rights_and_benefits&lang=da',
    );
    expect(link.hasAttribute('download')).toBe(true);
    expect(link.getAttribute('aria-describedby')).toBe('kit-download-help');
    expect(document.getElementById('kit-download-help')?.textContent).toBe(t('resources.kit.downloadHelp'));

    await rerender({ filter: { q: '', topic: null, audience: null } });
    expect(screen.getByRole('link', { name: t('resources.kit.download') }).getAttribute('href')).toBe(
      '/api/kit.pdf?lang=da',
    );
  });
});
