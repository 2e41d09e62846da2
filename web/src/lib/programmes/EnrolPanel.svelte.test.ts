import type { Programme } from '@spejl/shared';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../i18n/i18n.svelte.ts';
import EnrolPanel from './EnrolPanel.svelte';

const programme = { id: 'p1', cohorts: [] } as unknown as Programme;
const associations = [
  { id: 'a-ad', name: 'Angelman Danmark' },
  { id: 'a-lf', name: 'Landsforeningen for sjældne' },
];
const enrolled = { id: 'e1', status: 'active' };

let calls: Array<{ url: string; method: string; body: unknown }>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  answer = { status: 201, body: enrolled };
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

describe('enrolling in a programme', () => {
  it('asks about an association with "no / don’t know" chosen, and sends none unless one is chosen', async () => {
    const user = userEvent.setup();
    const onenrolled = vi.fn();
    render(EnrolPanel, { programme, associations, onenrolled });
    const question = screen.getByLabelText(t('programmes.enrol.association')) as HTMLSelectElement;
    expect(question.value).toBe('');
    expect(question.selectedOptions[0]?.textContent).toBe(t('programmes.enrol.associationNone'));
    expect([...question.options].map((option) => option.textContent)).toEqual([
      t('programmes.enrol.associationNone'),
      'Angelman Danmark',
      'Landsforeningen for sjældne',
    ]);
    expect(screen.getByText(t('programmes.enrol.associationHelp')).id).toBe(
      question.getAttribute('aria-describedby'),
    );

    await user.click(screen.getByRole('button', { name: t('programmes.enrol.submit') }));
    expect(calls).toEqual([{ url: '/api/programmes/p1/enrolments', method: 'POST', body: {} }]);
    expect(onenrolled).toHaveBeenCalledWith(enrolled);
  });

  it('sends the chosen association with the family’s name', async () => {
    const user = userEvent.setup();
    render(EnrolPanel, { programme, associations, onenrolled: () => {} });
    await user.type(screen.getByLabelText(t('programmes.enrol.label')), 'Familien i Vejle');
    await user.selectOptions(screen.getByLabelText(t('programmes.enrol.association')), 'Angelman Danmark');
    await user.click(screen.getByRole('button', { name: t('programmes.enrol.submit') }));
    expect(calls).toEqual([
      {
        url: '/api/programmes/p1/enrolments',
        method: 'POST',
        body: { familyLabel: 'Familien i Vejle', associationId: 'a-ad' },
      },
    ]);
  });

  it('says in words when the association is gone, at the question', async () => {
    const user = userEvent.setup();
    const onenrolled = vi.fn();
    answer = {
      status: 404,
      body: { error: { code: 'association.not_found', message: 'Association not found' } },
    };
    render(EnrolPanel, { programme, associations, onenrolled });
    await user.selectOptions(screen.getByLabelText(t('programmes.enrol.association')), 'Angelman Danmark');
    await user.click(screen.getByRole('button', { name: t('programmes.enrol.submit') }));
    expect(onenrolled).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain(t('error.association.not_found'));
    expect(screen.getByLabelText(t('programmes.enrol.association')).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('leaves the question out when there are no associations to name', () => {
    render(EnrolPanel, { programme, onenrolled: () => {} });
    expect(screen.queryByLabelText(t('programmes.enrol.association'))).toBeNull();
    expect(screen.getByRole('button', { name: t('programmes.enrol.submit') })).toBeTruthy();
  });
});
