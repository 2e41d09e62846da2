import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n.svelte.ts';
import { ageOf, danishToday } from './review-age.ts';
import ResourceAge from './ResourceAge.svelte';

// Dates from the clock: the 15th of this month, so shifting by months never meets a month's end.
const [year, month] = danishToday(new Date()).split('-').map(Number) as [number, number];
const on = (months: number, days = 0) => {
  const date = new Date(Date.UTC(year, month - 1 + months, 15 + days));
  return date.toISOString().slice(0, 10);
};
const today = on(0);

describe('a resource’s age', () => {
  it('is counted in whole days, months and years', () => {
    expect(ageOf(today, today)).toEqual({ unit: 'today' });
    expect(ageOf(on(0, 1), today)).toEqual({ unit: 'today' });
    expect(ageOf(on(0, -5), today)).toEqual({ unit: 'days', count: 5 });
    expect(ageOf(on(-1, 1), today)).toMatchObject({ unit: 'days' });
    expect(ageOf(on(-3), today)).toEqual({ unit: 'months', count: 3 });
    expect(ageOf(on(-3, 1), today)).toEqual({ unit: 'months', count: 2 });
    expect(ageOf(on(-12), today)).toEqual({ unit: 'years', count: 1, over: false });
    expect(ageOf(on(-13), today)).toEqual({ unit: 'years', count: 1, over: true });
  });

  it('takes today in Danish time', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Copenhagen.
    expect(danishToday(new Date(`${year}-12-31T23:30:00Z`))).toBe(`${year + 1}-01-01`);
  });

  it('says a current check calmly, in Danish and English', () => {
    render(ResourceAge, {
      state: 'current',
      reviewedOn: on(-3),
      reviewDueOn: on(9),
      today,
    });
    expect(screen.getByText('Gennemgået for 3 måneder siden')).toBeTruthy();
    i18n.locale = 'en';
    try {
      render(ResourceAge, {
        state: 'current',
        reviewedOn: on(0, -1),
        reviewDueOn: on(12, -1),
        today,
      });
      expect(screen.getByText('Checked 1 day ago')).toBeTruthy();
    } finally {
      i18n.locale = 'da';
    }
  });

  it('warns openly when the review date has passed, not by colour alone', () => {
    const { container } = render(ResourceAge, {
      state: 'overdue',
      reviewedOn: on(-13, -5),
      reviewDueOn: on(-1, -5),
      today,
    });
    const label = screen.getByText('Skal gennemgås: sidst gennemgået for over 1 år siden');
    expect(label.closest('p')?.className).toContain('resource-age--overdue');
    expect(container.querySelector('svg')).toBeTruthy();
  });

  it('says when a check is due soon', () => {
    render(ResourceAge, {
      state: 'due',
      reviewedOn: on(-11),
      reviewDueOn: on(0, 10),
      today,
    });
    const due = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${on(0, 10)}T12:00:00Z`),
    );
    expect(
      screen.getByText(`Gennemgået for 11 måneder siden. Skal gennemgås igen senest ${due}`),
    ).toBeTruthy();
  });
});
