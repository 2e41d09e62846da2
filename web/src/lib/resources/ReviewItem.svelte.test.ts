import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResourceListItem } from '../api/resources.ts';
import { t } from '../i18n/i18n.svelte.ts';
import ReviewItem from './ReviewItem.svelte';

const respite: ResourceListItem = {
  id: 'r1',
  kind: 'article',
  title: 'Aflastning',
  summary: 'En pause for familien.',
  topic: 'rights_and_benefits',
  audiences: ['families'],
  audience: 'families',
  scope: { type: 'platform', id: null, name: null },
  region: null,
  validYear: null,
  language: 'da',
  public: true,
  status: 'published',
  url: null,
  fileId: null,
  file: null,
  reviewedOn: '2025-11-01',
  reviewDueOn: '2026-11-01',
  reviewState: 'overdue',
  overdue: true,
  owner: null,
  withdrawn: null,
  createdAt: '2025-11-01T10:00:00.000Z',
  updatedAt: '2025-11-01T10:00:00.000Z',
  permissions: { canEdit: true, canWithdraw: true, canDelete: true },
};

let calls: Array<{ url: string; method: string; body: unknown }>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  answer = { status: 200, body: { ...respite, reviewState: 'current', overdue: false } };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({
        url,
        method: init.method ?? 'GET',
        body: init.body ? JSON.parse(String(init.body)) : null,
      });
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('a resource in the review queue', () => {
  it('asks in words before marking it still correct, then reports it done', async () => {
    const user = userEvent.setup();
    const ondone = vi.fn();
    render(ReviewItem, { resource: respite, ondone });
    await user.click(
      screen.getByRole('button', { name: t('resources.review.stillCorrectLabel', { title: 'Aflastning' }) }),
    );
    expect(calls).toEqual([]);
    const question = screen.getByText(t('resources.review.confirmStill', { title: 'Aflastning' }));
    expect(document.activeElement).toBe(question);

    await user.click(screen.getByRole('button', { name: t('resources.review.confirmStillYes') }));
    expect(calls).toEqual([{ url: '/api/resources/r1/still-correct', method: 'POST', body: null }]);
    expect(ondone).toHaveBeenCalledWith(respite, {
      key: 'resources.review.markedCorrect',
      params: { title: 'Aflastning' },
    });
  });

  it('needs a reason to withdraw, and cancelling puts focus back on the button', async () => {
    const user = userEvent.setup();
    const ondone = vi.fn();
    render(ReviewItem, { resource: respite, ondone });
    const withdraw = () =>
      screen.getByRole('button', { name: t('resources.review.withdrawLabel', { title: 'Aflastning' }) });
    await user.click(withdraw());
    await user.click(screen.getByRole('button', { name: t('resources.review.confirmWithdrawYes') }));
    expect(calls).toEqual([]);
    expect(screen.getAllByText(t('resources.review.reasonMissing'), { exact: false }).length).toBeGreaterThan(
      0,
    );

    await user.click(screen.getByRole('button', { name: t('resources.review.cancel') }));
    expect(document.activeElement).toBe(withdraw());

    await user.click(withdraw());
    await user.type(screen.getByLabelText(t('resources.review.reason')), 'Reglerne er ændret');
    await user.click(screen.getByRole('button', { name: t('resources.review.confirmWithdrawYes') }));
    expect(calls).toEqual([
      { url: '/api/resources/r1/withdraw', method: 'POST', body: { reason: 'Reglerne er ændret' } },
    ]);
    expect(ondone).toHaveBeenCalledWith(respite, {
      key: 'resources.review.withdrawn',
      params: { title: 'Aflastning' },
    });
  });

  it('says what the server refused, and keeps it in the queue', async () => {
    answer = { status: 409, body: { error: { code: 'resource.valid_year_passed', message: 'x' } } };
    const user = userEvent.setup();
    const ondone = vi.fn();
    render(ReviewItem, { resource: respite, ondone });
    await user.click(
      screen.getByRole('button', { name: t('resources.review.stillCorrectLabel', { title: 'Aflastning' }) }),
    );
    await user.click(screen.getByRole('button', { name: t('resources.review.confirmStillYes') }));
    expect((await screen.findByRole('alert')).textContent).toContain(t('error.resource.valid_year_passed'));
    expect(ondone).not.toHaveBeenCalled();
  });
});
