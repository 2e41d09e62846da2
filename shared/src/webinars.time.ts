/**
 * Danish time for events: stored in UTC, written and shown in Europe/Copenhagen. No zod here, so the web can use
 * it without carrying the schema library.
 */
export const eventTimeZone = 'Europe/Copenhagen';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: eventTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall-clock parts of an instant in Copenhagen. */
export function copenhagenParts(instant: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const parts = Object.fromEntries(
    partsFormat.formatToParts(instant).map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Copenhagen's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function copenhagenOffsetMinutes(instant: Date): number {
  const p = copenhagenParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * The instant of a Copenhagen wall-clock time (`2026-10-25`, `02:30`). A time skipped in spring is moved forward
 * an hour, as clocks do; a time that happens twice in autumn means the first (summer-time) one.
 */
export function copenhagenToUtc(date: string, time: string): Date {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch || !timeMatch) throw new RangeError(`not a date and time: ${date} ${time}`);
  const wall = Date.UTC(
    Number(dateMatch[1]),
    Number(dateMatch[2]) - 1,
    Number(dateMatch[3]),
    Number(timeMatch[1]),
    Number(timeMatch[2]),
  );
  // Try the summer offset first, so an ambiguous autumn time resolves to its first occurrence.
  for (const offset of [120, 60]) {
    const candidate = new Date(wall - offset * 60_000);
    if (copenhagenOffsetMinutes(candidate) === offset) return candidate;
  }
  // In the spring gap neither offset gives the wall time back: use winter time, which lands an hour later.
  return new Date(wall - 60 * 60_000);
}

/** `{date: '2026-10-25', time: '02:30'}` for a form showing an instant in Copenhagen. */
export function utcToCopenhagenFields(instant: Date | string): { date: string; time: string } {
  const p = copenhagenParts(new Date(instant));
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}
