/**
 * The invitation to an advice talk as an iCalendar file (RFC 5545), attached to the invitation
 * mail and downloadable from the talk. Pure: the caller passes every value, including the
 * moment the file is made (DTSTAMP).
 *
 * - One VEVENT in a VCALENDAR with METHOD:REQUEST, so mail programs offer to accept it.
 * - The UID is the talk's own (`talk.calendar_uid`) and SEQUENCE counts the invitations sent,
 *   so a second invitation updates the event in the calendar instead of adding another one.
 * - A talk with a start time is in Europe/Amsterdam time with its VTIMEZONE (so it stays at
 *   10:00 Dutch time in summer and winter); a talk without one is an all-day event
 *   (`VALUE=DATE`).
 * - Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text
 *   values escape `\`, `;`, `,` and newlines.
 */

export const CALENDAR_TIME_ZONE = 'Europe/Amsterdam';
/** The PRODID of the files this app makes. */
export const CALENDAR_PRODUCT = '-//Basisfunctiemonitor//Adviesgesprekken//NL';
/** A talk with a start time but no duration takes this long. */
export const DEFAULT_TALK_MINUTES = 60;

export interface CalendarPerson {
  readonly name: string;
  readonly email: string;
}

export interface CalendarEvent {
  readonly uid: string;
  readonly sequence: number;
  /** When the file is made (DTSTAMP). */
  readonly stamp: Date;
  /** The day, ISO (YYYY-MM-DD), a Dutch calendar day. */
  readonly date: string;
  /** 'HH:MM' in Dutch time, or null for an all-day event. */
  readonly startTime: string | null;
  readonly durationMinutes: number | null;
  readonly summary: string;
  readonly location: string | null;
  readonly description: string;
  readonly organizer: CalendarPerson;
  readonly attendees: readonly CalendarPerson[];
}

/** The VTIMEZONE of Europe/Amsterdam: CET, CEST from the last Sunday of March to October. */
const AMSTERDAM_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${CALENDAR_TIME_ZONE}`,
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

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
 *
 * @example
 * escapeCalendarText('Utrecht, stadhuis; zaal 2'); // 'Utrecht\\, stadhuis\\; zaal 2'
 */
export function escapeCalendarText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** The UTF-8 length of one character (a code point). */
function octets(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): the continuation lines start with one
 * space, which counts towards their 75. A multi-byte character is never split.
 *
 * @example
 * foldCalendarLine('A'.repeat(80)); // 'AAA…A' (75) + '\r\n ' + 'AAAAA'
 */
export function foldCalendarLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = octets(char);
    if (size + length > 75) {
      parts.push(current);
      current = ' ';
      size = 1;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** A parameter value (CN): quoted, without the characters a quoted value may not hold. */
function parameterValue(value: string): string {
  return `"${value.replace(/["\r\n]/g, ' ').trim()}"`;
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** 20261126T090000Z */
function formatUtc(instant: Date): string {
  return (
    `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}

/** 2026-12-01 → 20261201 */
function formatDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/**
 * The local wall-clock time `minutes` after a date and time, as `YYYYMMDDTHHMMSS`. Wall-clock
 * arithmetic: a talk that spans the night of a clock change is off by that hour, which no
 * daytime talk does.
 */
function formatLocal(isoDate: string, time: string, minutes: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const at = new Date(
    Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, (minute ?? 0) + minutes),
  );
  return (
    `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}` +
    `T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}00`
  );
}

function nextDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const at = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1));
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
}

/**
 * The iCalendar file of an event, with CRLF line ends and folded lines.
 *
 * @throws {Error} for a date that is not YYYY-MM-DD or a start time that is not HH:MM (the
 *   services validate these before)
 * @example
 * buildCalendarInvitation({ uid: 'talk-1@basisfunctiemonitor', sequence: 0, stamp: new Date(),
 *   date: '2026-12-01', startTime: '10:00', durationMinutes: 90, summary: 'Adviesgesprek',
 *   location: 'Stadhuis', description: '', organizer: { name: 'Ada', email: 'ada@example.nl' },
 *   attendees: [{ name: '', email: 'anna@example.nl' }] });
 * // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…DTSTART;TZID=Europe/Amsterdam:20261201T100000\r\n…'
 */
export function buildCalendarInvitation(event: CalendarEvent): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(event.date)) throw new Error(`not a date: ${event.date}`);
  if (event.startTime !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(event.startTime))
    throw new Error(`not a time: ${event.startTime}`);
  const timed = event.startTime !== null;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${CALENDAR_PRODUCT}`,
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    ...(timed ? AMSTERDAM_TIMEZONE : []),
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    ...(event.startTime !== null
      ? [
          `DTSTART;TZID=${CALENDAR_TIME_ZONE}:${formatLocal(event.date, event.startTime, 0)}`,
          `DTEND;TZID=${CALENDAR_TIME_ZONE}:${formatLocal(
            event.date,
            event.startTime,
            event.durationMinutes ?? DEFAULT_TALK_MINUTES,
          )}`,
        ]
      : [
          `DTSTART;VALUE=DATE:${formatDate(event.date)}`,
          `DTEND;VALUE=DATE:${nextDate(event.date)}`,
        ]),
    `SUMMARY:${escapeCalendarText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeCalendarText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeCalendarText(event.description)}`] : []),
    `ORGANIZER;CN=${parameterValue(event.organizer.name)}:mailto:${event.organizer.email}`,
    ...event.attendees.map(
      (attendee) =>
        `ATTENDEE;${attendee.name ? `CN=${parameterValue(attendee.name)};` : ''}ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${attendee.email}`,
    ),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldCalendarLine).join('\r\n') + '\r\n';
}

/**
 * The ISO 8601 week of a calendar day, as `YYYY-Www`: weeks start on Monday, and week 1 is the
 * week with the year's first Thursday (so 29 December may be in week 1 of the next year).
 *
 * @example
 * isoWeek('2026-11-26'); // '2026-W48'
 * isoWeek('2027-01-01'); // '2026-W53'
 */
export function isoWeek(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides the year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const firstDay = Date.UTC(weekYear, 0, 1);
  const week = Math.ceil(((date.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${pad(week)}`;
}
