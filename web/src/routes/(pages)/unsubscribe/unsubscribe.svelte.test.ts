import { page } from '$app/state';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '#lib/i18n/i18n.svelte.ts';
import Unsubscribe from './+page.svelte';

let calls: Array<{ url: string; method: string }>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  answer = { status: 200, body: { digest: 'off' } };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, method: init.method ?? 'GET' });
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  page.url = new URL('http://localhost:3000/unsubscribe?token=abc.def');
});
afterEach(() => {
  vi.unstubAllGlobals();
  page.url = new URL('http://localhost:3000/');
});

describe('the unsubscribe page', () => {
  it('changes nothing when opened (mail scanners open links); the button POSTs and says it is done', async () => {
    const user = userEvent.setup();
    render(Unsubscribe);
    expect(screen.getByRole('heading', { level: 1, name: t('digest.unsubscribe.title') })).toBeTruthy();
    expect(screen.getByText(t('digest.unsubscribe.explain'))).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toEqual([]);

    await user.click(screen.getByRole('button', { name: t('digest.unsubscribe.submit') }));
    expect(calls).toEqual([{ url: '/api/digest/unsubscribe?token=abc.def', method: 'POST' }]);
    expect(await screen.findByText(t('digest.unsubscribe.done'), { exact: false })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.activeElement?.id).toBe('unsubscribe-heading');
    expect(screen.getByRole('link', { name: t('digest.unsubscribe.settings') }).getAttribute('href')).toBe(
      '/account#notifications-heading',
    );
  });

  it('says so when the link is refused', async () => {
    answer = { status: 400, body: { error: { code: 'digest.token_invalid', message: 'x' } } };
    const user = userEvent.setup();
    render(Unsubscribe);
    await user.click(screen.getByRole('button', { name: t('digest.unsubscribe.submit') }));
    expect((await screen.findByRole('alert')).textContent).toContain(t('digest.unsubscribe.invalid'));
  });
});
