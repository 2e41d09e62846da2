import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import DeleteResource from './DeleteResource.svelte';

const respite = { id: 'r1', title: 'Aflastning', status: 'published' as const };

let calls: Array<{ url: string; method: string }>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  answer = { status: 204, body: null };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, method: init.method ?? 'GET' });
      return answer.status === 204
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify(answer.body), {
            status: answer.status,
            headers: { 'content-type': 'application/json' },
          });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('deleting a resource', () => {
  it('asks in words, explains withdrawing against deleting, and cancelling deletes nothing', async () => {
    const user = userEvent.setup();
    const ondeleted = vi.fn();
    render(DeleteResource, { resource: respite, ondeleted });
    const button = screen.getByRole('button', { name: t('resources.delete.button') });
    await user.click(button);
    const question = screen.getByText(t('resources.delete.question', { title: 'Aflastning' }));
    expect(document.activeElement).toBe(question);
    expect(screen.getByText(t('resources.delete.explain'))).toBeTruthy();
    expect(calls).toEqual([]);

    await user.click(screen.getByRole('button', { name: t('resources.delete.no') }));
    expect(calls).toEqual([]);
    expect(ondeleted).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: t('resources.delete.button') }));
  });

  it('deletes once confirmed and hands over to the page', async () => {
    const user = userEvent.setup();
    const ondeleted = vi.fn();
    render(DeleteResource, { resource: { ...respite, status: 'withdrawn' }, ondeleted });
    await user.click(screen.getByRole('button', { name: t('resources.delete.button') }));
    expect(screen.getByText(t('resources.delete.explainWithdrawn'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: t('resources.delete.yes') }));
    expect(calls).toEqual([{ url: '/api/resources/r1', method: 'DELETE' }]);
    expect(ondeleted).toHaveBeenCalledTimes(1);
  });

  it('says in words why the server refused, and keeps the question open', async () => {
    const user = userEvent.setup();
    const ondeleted = vi.fn();
    answer = { status: 404, body: { error: { code: 'resource.not_found', message: 'Not found' } } };
    render(DeleteResource, { resource: respite, ondeleted });
    await user.click(screen.getByRole('button', { name: t('resources.delete.button') }));
    await user.click(screen.getByRole('button', { name: t('resources.delete.yes') }));
    expect(ondeleted).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain(t('error.resource.not_found'));
    expect(screen.getByRole('button', { name: t('resources.delete.yes') })).toBeTruthy();
  });
});
