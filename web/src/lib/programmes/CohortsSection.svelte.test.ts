import { utcToCopenhagenFields } from '@spejl/shared/webinars.time';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import CohortsSection from './CohortsSection.svelte';

const dayMs = 24 * 60 * 60 * 1000;
/** A day counted from now in Danish time, so the test never depends on a calendar date. */
const dayFromNow = (days: number) => utcToCopenhagenFields(new Date(Date.now() + days * dayMs)).date;
const dayText = (day: string) => i18n.formatDate(`${day}T12:00:00Z`);

let calls: Array<{ url: string; method: string; body: unknown }>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  calls = [];
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

describe('the coordinator’s cohorts', () => {
  it('lists the cohorts with their start dates, or says there are none', () => {
    const past = dayFromNow(-20);
    const future = dayFromNow(30);
    const { unmount } = render(CohortsSection, {
      programmeId: 'p1',
      cohorts: [
        { id: 'c1', name: 'Efterårsholdet', startsOn: past },
        { id: 'c2', name: 'Forårsholdet', startsOn: future },
      ],
      oncreated: () => {},
    });
    const items = within(screen.getByRole('region', { name: t('programmes.cohorts.title') })).getAllByRole(
      'listitem',
    );
    expect(items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      `Efterårsholdet ${t('programmes.cohorts.started', { date: dayText(past) })}`,
      `Forårsholdet ${t('programmes.cohorts.starts', { date: dayText(future) })}`,
    ]);
    unmount();

    render(CohortsSection, { programmeId: 'p1', cohorts: [], oncreated: () => {} });
    expect(screen.getByText(t('programmes.cohorts.none'))).toBeTruthy();
  });

  it('creates a cohort, announces it and lets the page load the list again', async () => {
    const user = userEvent.setup();
    const startsOn = dayFromNow(60);
    const created = { id: 'c9', name: 'Forårsholdet 2027', startsOn };
    answer = { status: 201, body: created };
    const oncreated = vi.fn();
    render(CohortsSection, { programmeId: 'p1', cohorts: [], oncreated });

    const name = screen.getByLabelText(t('programmes.cohorts.name')) as HTMLInputElement;
    expect(screen.getByText(t('programmes.cohorts.nameHelp')).id).toBe(name.getAttribute('aria-describedby'));
    const date = screen.getByLabelText(t('programmes.cohorts.startsOn')) as HTMLInputElement;
    expect(date.type).toBe('date');
    expect(date.min).toBe(dayFromNow(0));
    await user.type(name, '  Forårsholdet 2027 ');
    await user.type(date, startsOn);
    await user.click(screen.getByRole('button', { name: t('programmes.cohorts.submit') }));

    expect(calls).toEqual([
      { url: '/api/programmes/p1/cohorts', method: 'POST', body: { name: 'Forårsholdet 2027', startsOn } },
    ]);
    expect(oncreated).toHaveBeenCalledWith(created);
    const status = screen.getByRole('status');
    await vi.waitFor(() =>
      expect(status.textContent).toContain(
        t('programmes.cohorts.created', { name: 'Forårsholdet 2027', date: dayText(startsOn) }),
      ),
    );
    expect(name.value).toBe('');
    expect(date.value).toBe('');
  });

  it('asks for a name and a day that has not passed, without asking the server', async () => {
    const user = userEvent.setup();
    render(CohortsSection, { programmeId: 'p1', cohorts: [], oncreated: () => {} });
    await user.type(screen.getByLabelText(t('programmes.cohorts.startsOn')), dayFromNow(-1));
    await user.click(screen.getByRole('button', { name: t('programmes.cohorts.submit') }));

    expect(calls).toEqual([]);
    const name = screen.getByLabelText(t('programmes.cohorts.name'));
    const date = screen.getByLabelText(t('programmes.cohorts.startsOn'));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain(t('form.fixErrors'));
    expect(
      within(summary).getByRole('link', { name: new RegExp(t('programmes.cohorts.datePast')) }),
    ).toBeTruthy();
    expect(name.getAttribute('aria-describedby')).toContain('cohort-name-error');
    expect(document.getElementById('cohort-name-error')?.textContent).toContain(
      t('programmes.cohorts.nameRequired'),
    );
  });

  it('shows the server’s refusal in words at the field and in the summary', async () => {
    const user = userEvent.setup();
    answer = {
      status: 400,
      body: {
        error: {
          code: 'validation.failed',
          message: 'Invalid request',
          details: { issues: [{ path: 'body.startsOn', message: 'Invalid date' }] },
        },
      },
    };
    const oncreated = vi.fn();
    render(CohortsSection, { programmeId: 'p1', cohorts: [], oncreated });
    await user.type(screen.getByLabelText(t('programmes.cohorts.name')), 'Forårsholdet');
    await user.type(screen.getByLabelText(t('programmes.cohorts.startsOn')), dayFromNow(10));
    await user.click(screen.getByRole('button', { name: t('programmes.cohorts.submit') }));

    expect(calls).toHaveLength(1);
    expect(oncreated).not.toHaveBeenCalled();
    const date = screen.getByLabelText(t('programmes.cohorts.startsOn'));
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('cohort-starts-on-error')?.textContent).toContain(
      t('programmes.cohorts.dateRequired'),
    );
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain(t('error.validation.failed'));
    expect(
      within(summary).getByRole('link', { name: new RegExp(t('programmes.cohorts.startsOn')) }),
    ).toBeTruthy();
  });

  it('says in words when the coordinator may no longer change the programme', async () => {
    const user = userEvent.setup();
    answer = {
      status: 403,
      body: { error: { code: 'auth.forbidden', message: 'Forbidden' } },
    };
    render(CohortsSection, { programmeId: 'p1', cohorts: [], oncreated: () => {} });
    await user.type(screen.getByLabelText(t('programmes.cohorts.name')), 'Forårsholdet');
    await user.type(screen.getByLabelText(t('programmes.cohorts.startsOn')), dayFromNow(10));
    await user.click(screen.getByRole('button', { name: t('programmes.cohorts.submit') }));
    expect(screen.getByRole('alert').textContent).toContain(t('error.auth.forbidden'));
  });
});
