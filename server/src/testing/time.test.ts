import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { dateAhead, lastSunday, testClockStart, yearAhead } from './time.ts';

describe('test time helpers', () => {
  it('finds the EU summer-time Sundays', () => {
    expect(lastSunday(2027, 3)).toBe('2027-03-28');
    expect(lastSunday(2027, 10)).toBe('2027-10-31');
    expect(lastSunday(2030, 3)).toBe('2030-03-31');
    expect(lastSunday(2031, 10)).toBe('2031-10-26');
  });

  it('counts days and years from the clock, not from the calendar', () => {
    const clock = new ManualClock('2040-12-31T23:00:00Z');
    expect(dateAhead(clock, 1)).toBe('2041-01-01');
    expect(yearAhead(clock)).toBe(2041);
  });

  it('moves the test clock by SPEJL_TEST_CLOCK_SHIFT_DAYS', () => {
    const before = process.env.SPEJL_TEST_CLOCK_SHIFT_DAYS;
    try {
      const now = new Date('2030-06-01T12:00:00Z');
      process.env.SPEJL_TEST_CLOCK_SHIFT_DAYS = '365';
      expect(testClockStart(now).toISOString()).toBe('2031-06-01T12:00:00.000Z');
      delete process.env.SPEJL_TEST_CLOCK_SHIFT_DAYS;
      expect(testClockStart(now).toISOString()).toBe('2030-06-01T12:00:00.000Z');
      process.env.SPEJL_TEST_CLOCK_SHIFT_DAYS = 'soon';
      expect(() => testClockStart(now)).toThrow(/SPEJL_TEST_CLOCK_SHIFT_DAYS/);
    } finally {
      if (before === undefined) delete process.env.SPEJL_TEST_CLOCK_SHIFT_DAYS;
      else process.env.SPEJL_TEST_CLOCK_SHIFT_DAYS = before;
    }
  });
});
