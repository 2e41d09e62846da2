import { describe, expect, it } from 'vitest';
import { testClockStart } from '../../testing/time.ts';
import { addDays, addMonths, danishToday, defaultReviewDue, reviewStateOf } from './resources.dates.ts';

// Years after the test clock's, so nothing here depends on today's date.
const year = testClockStart().getUTCFullYear() + 1;
let leapYear = year;
while (new Date(Date.UTC(leapYear, 1, 29)).getUTCMonth() !== 1) leapYear += 1;

describe('the dates of a resource’s check', () => {
  it('takes today from Danish time, not UTC', () => {
    expect(danishToday(new Date(`${year}-06-30T22:30:00Z`))).toBe(`${year}-07-01`);
    expect(danishToday(new Date(`${year}-01-01T22:59:00Z`))).toBe(`${year}-01-01`);
    expect(danishToday(new Date(`${year}-01-01T23:00:00Z`))).toBe(`${year}-01-02`);
  });

  it('adds months, keeping the day or the last day of a shorter month', () => {
    expect(addMonths(`${year}-03-15`, 12)).toBe(`${year + 1}-03-15`);
    expect(addMonths(`${year}-01-31`, 1)).toMatch(new RegExp(`^${year}-02-2[89]$`));
    expect(addMonths(`${leapYear}-02-29`, 12)).toBe(`${leapYear + 1}-02-28`);
    expect(addDays(`${year}-12-31`, 1)).toBe(`${year + 1}-01-01`);
  });

  it('is due in 12 months, or when the year its rules are for ends, whichever comes first', () => {
    expect(defaultReviewDue(`${year}-03-15`, null)).toBe(`${year + 1}-03-15`);
    expect(defaultReviewDue(`${year}-03-15`, year)).toBe(`${year}-12-31`);
    expect(defaultReviewDue(`${year}-03-15`, year + 1)).toBe(`${year + 1}-03-15`);
    expect(defaultReviewDue(`${year}-03-15`, year - 1)).toBe(`${year - 1}-12-31`);
  });

  it('is current, due within 30 days (the queue), or overdue once the date has passed', () => {
    const today = `${year}-05-01`;
    expect(reviewStateOf(addDays(today, 31), today)).toBe('current');
    expect(reviewStateOf(addDays(today, 30), today)).toBe('due');
    expect(reviewStateOf(today, today)).toBe('due');
    expect(reviewStateOf(addDays(today, -1), today)).toBe('overdue');
  });
});
