import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssociationEditor } from '../api/association-editors.ts';
import { t } from '../i18n/i18n.svelte.ts';
import AssociationEditors from './AssociationEditors.svelte';

/** A time some days before now: tests take time from the clock, never the calendar. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

const ellen: AssociationEditor = {
  userId: 'u1',
  displayName: 'Ellen Redaktør',
  addedAt: daysAgo(270),
};
const person = (id: string, displayName: string, email: string) => ({
  id,
  displayName,
  email,
  platformRole: 'member',
  status: 'active',
  lockedUntil: null,
  totpEnabled: true,
  createdAt: daysAgo(330),
  lastActiveAt: null,
  groups: [],
  permissions: {},
});

let calls: Array<{ method: string; url: string; body: unknown }>;
/** Answers by method and path, as the server would. */
let answers: Record<string, { status: number; body?: unknown }>;

beforeEach(() => {
  calls = [];
  answers = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const method = init.method ?? 'GET';
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : null });
      const answer = answers[`${method} ${url.split('?')[0]}`] ?? { status: 500, body: {} };
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

describe('the association’s knowledge editors', () => {
  it('removes an editor only once the admin confirms in words, and keeps them on “no”', async () => {
    const user = userEvent.setup();
    render(AssociationEditors, { associationId: 'a1', editors: [ellen] });
    const list = screen.getByRole('list', { name: t('associationEditors.listLabel') });
    expect(within(list).getByText('Ellen Redaktør')).toBeTruthy();

    const remove = screen.getByRole('button', {
      name: t('associationEditors.remove', { name: 'Ellen Redaktør' }),
    });
    await user.click(remove);
    const question = screen.getByText(t('associationEditors.removeConfirm', { name: 'Ellen Redaktør' }));
    expect(document.activeElement).toBe(question);
    await user.click(
      screen.getByRole('button', { name: t('associationEditors.removeNo', { name: 'Ellen Redaktør' }) }),
    );
    expect(calls).toEqual([]);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: t('associationEditors.remove', { name: 'Ellen Redaktør' }) }),
    );

    answers['DELETE /api/associations/a1/editors/u1'] = { status: 204 };
    await user.click(
      screen.getByRole('button', { name: t('associationEditors.remove', { name: 'Ellen Redaktør' }) }),
    );
    await user.click(
      screen.getByRole('button', { name: t('associationEditors.removeYes', { name: 'Ellen Redaktør' }) }),
    );
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'DELETE /api/associations/a1/editors/u1',
    ]);
    expect(await screen.findByText(t('associationEditors.empty'))).toBeTruthy();
    expect(
      await screen.findByText(t('associationEditors.removed', { name: 'Ellen Redaktør' }), { exact: false }),
    ).toBeTruthy();
  });

  it('finds a person by name or email and makes them an editor; one who is already is marked so', async () => {
    const user = userEvent.setup();
    render(AssociationEditors, { associationId: 'a1', editors: [ellen] });
    answers['GET /api/admin/users'] = {
      status: 200,
      body: {
        items: [
          person('u1', 'Ellen Redaktør', 'ellen@example.dk'),
          person('u2', 'Ole Olsen', 'ole@example.dk'),
        ],
        nextCursor: null,
      },
    };
    await user.type(screen.getByLabelText(t('associationEditors.search')), 'ol');
    await user.click(screen.getByRole('button', { name: t('associationEditors.searchSubmit') }));
    expect(calls[0]?.url).toBe('/api/admin/users?q=ol');
    const results = await screen.findByRole('list', { name: t('associationEditors.results') });
    expect(within(results).getByText(t('associationEditors.alreadyEditor'))).toBeTruthy();
    expect(
      within(results).queryByRole('button', {
        name: t('associationEditors.addPerson', { name: 'Ellen Redaktør' }),
      }),
    ).toBeNull();

    answers['POST /api/associations/a1/editors'] = {
      status: 201,
      body: {
        items: [ellen, { userId: 'u2', displayName: 'Ole Olsen', addedAt: daysAgo(0) }],
        nextCursor: null,
      },
    };
    await user.click(
      within(results).getByRole('button', { name: t('associationEditors.addPerson', { name: 'Ole Olsen' }) }),
    );
    expect(calls[1]).toMatchObject({
      method: 'POST',
      url: '/api/associations/a1/editors',
      body: { userId: 'u2' },
    });
    const list = screen.getByRole('list', { name: t('associationEditors.listLabel') });
    expect(await within(list).findByText('Ole Olsen')).toBeTruthy();
    expect(screen.queryByRole('list', { name: t('associationEditors.results') })).toBeNull();
    expect(
      await screen.findByText(t('associationEditors.added', { name: 'Ole Olsen' }), { exact: false }),
    ).toBeTruthy();
  });

  it('says in words why the server refused', async () => {
    const user = userEvent.setup();
    render(AssociationEditors, { associationId: 'a1', editors: [] });
    answers['GET /api/admin/users'] = {
      status: 200,
      body: { items: [person('u3', 'Mette', 'mette@example.dk')], nextCursor: null },
    };
    await user.type(screen.getByLabelText(t('associationEditors.search')), 'mette');
    await user.click(screen.getByRole('button', { name: t('associationEditors.searchSubmit') }));
    answers['POST /api/associations/a1/editors'] = {
      status: 409,
      body: { error: { code: 'resource.editor_exists', message: 'x' } },
    };
    await user.click(
      await screen.findByRole('button', { name: t('associationEditors.addPerson', { name: 'Mette' }) }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain(t('error.resource.editor_exists'));
  });
});
