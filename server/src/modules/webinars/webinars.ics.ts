import { copenhagenParts, copenhagenToUtc, eventTimeZone } from '@spejl/shared';

/** One event as a calendar shows it. */
export interface CalendarEvent {
  id: string;
  title: string;
  description: string;
  location: string | null;
  url: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  cancelled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Copenhagen's rules since 1996 (last Sunday of March and of October). Calendars use it to show the events at the
 * same wall-clock time the organiser chose, whatever the reader's own time zone.
 */
const copenhagenTimeZone = [
  'BEGIN:VTIMEZONE',
  `TZID:${eventTimeZone}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `20261129T180000Z` */
export function utcStamp(instant: Date): string {
  return `${instant.getUTCFullYear()}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`;
}

/**
 * `DTSTART;TZID=Europe/Copenhagen:20261129T190000`, or the UTC form in the hour that happens twice in October: RFC
 * 5545 (3.3.5) reads such a wall-clock time as its first occurrence, some parsers as the second, so only UTC is
 * unambiguous there.
 */
function dateTimeProperty(name: string, instant: Date): string {
  const p = copenhagenParts(instant);
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  const first = copenhagenToUtc(date, time);
  const later = copenhagenParts(new Date(first.getTime() + 60 * 60_000));
  const repeated = later.hour === p.hour && later.minute === p.minute && later.day === p.day;
  if (p.second !== 0 || repeated || first.getTime() !== instant.getTime())
    return `${name}:${utcStamp(instant)}`;
  return `${name};TZID=${eventTimeZone}:${p.year}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}00`;
}

/** Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one space. Never splits a
 * UTF-8 character, so æ, ø and å survive.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  let limit = 75;
  for (const character of line) {
    const size = encoder.encode(character).length;
    if (currentBytes + size > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
      limit = 74; // the leading space counts
    }
    current += character;
    currentBytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * Writes a calendar. `cancel` makes it a cancellation notice (METHOD:CANCEL) for one event; a feed is always
 * PUBLISH, with cancelled events marked STATUS:CANCELLED.
 */
export function renderCalendar(options: {
  events: CalendarEvent[];
  method: 'PUBLISH' | 'CANCEL';
  host: string;
  now: Date;
  name?: string;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Spejl//Arrangementer//DA',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
    ...(options.name ? [`X-WR-CALNAME:${escapeText(options.name)}`, `X-WR-TIMEZONE:${eventTimeZone}`] : []),
    ...copenhagenTimeZone,
  ];
  for (const event of options.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.id}@${options.host}`,
      `DTSTAMP:${utcStamp(options.now)}`,
      `SEQUENCE:${event.sequence}`,
      dateTimeProperty('DTSTART', event.startsAt),
      dateTimeProperty('DTEND', event.endsAt),
      `SUMMARY:${escapeText(event.title)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      `URL:${event.url}`,
      `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      `CREATED:${utcStamp(event.createdAt)}`,
      `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
