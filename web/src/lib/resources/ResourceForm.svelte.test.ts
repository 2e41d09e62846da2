import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import ResourceForm from './ResourceForm.svelte';
import type { ScopeOption } from './scope-options.ts';

const scopes: ScopeOption[] = [
  { value: 'association:a1', label: 'Foreningen CF', scope: { type: 'association', id: 'a1' } },
  { value: 'group:g1', label: 'Gruppen Bedsteforældre', scope: { type: 'group', id: 'g1' } },
];
let calls: Array<{ url: string; body: unknown }>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  answer = { status: 201, body: { id: 'new1' } };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, body: init.body ? JSON.parse(String(init.body)) : null });
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('the resource form', () => {
  it('previews the Markdown with the pages’ renderer as it is typed', async () => {
    const user = userEvent.setup();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved: () => {} });
    const preview = screen.getByRole('region', { name: t('resources.form.preview') });
    expect(within(preview).getByText(t('resources.form.previewEmpty'))).toBeTruthy();
    await user.type(
      screen.getByLabelText(t('resources.form.body')),
      '## Sådan søger I{Enter}- Skriv til kommunen',
    );
    expect(within(preview).getByRole('heading', { level: 2, name: 'Sådan søger I' })).toBeTruthy();
    expect(within(preview).getByRole('listitem').textContent).toBe('Skriv til kommunen');
  });

  it('offers only the scopes given, and a group’s text cannot be public', async () => {
    const user = userEvent.setup();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved: () => {} });
    const scope = screen.getByLabelText(t('resources.form.scope')) as HTMLSelectElement;
    expect([...scope.options].map((option) => option.textContent)).toEqual([
      'Foreningen CF',
      'Gruppen Bedsteforældre',
    ]);
    expect(screen.getByLabelText(t('resources.form.public'))).toBeTruthy();
    await user.selectOptions(scope, 'Gruppen Bedsteforældre');
    expect(screen.queryByLabelText(t('resources.form.public'))).toBeNull();
    expect(screen.getByText(t('resources.form.publicGroup'))).toBeTruthy();
  });

  it('shows the server’s refusal of a field beside it and in the summary', async () => {
    answer = {
      status: 400,
      body: {
        error: { code: 'validation.failed', message: 'x', details: { issues: [{ path: 'body.url' }] } },
      },
    };
    const user = userEvent.setup();
    const onsaved = vi.fn();
    render(ResourceForm, { scopes, cancelHref: '/knowledge', onsaved });
    await user.click(screen.getByLabelText(t('resources.form.kind.link')));
    await user.type(screen.getByLabelText(t('resources.form.title')), 'Sundhedsstyrelsen');
    await user.type(screen.getByLabelText(t('resources.form.summary')), 'Om sjældne sygdomme.');
    await user.type(screen.getByLabelText(t('resources.form.url')), 'https://www.sst.dk/x');
    await user.click(screen.getByRole('button', { name: t('resources.form.create') }));
    expect(calls[0]?.url).toBe('/api/resources');
    expect(calls[0]?.body).toMatchObject({
      kind: 'link',
      url: 'https://www.sst.dk/x',
      scope: { type: 'association', id: 'a1' },
      audiences: ['families'],
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(t('resources.form.invalid.url'));
    expect(screen.getByLabelText(t('resources.form.url')).getAttribute('aria-invalid')).toBe('true');
    expect(onsaved).not.toHaveBeenCalled();
  });
});
