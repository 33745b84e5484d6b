/**
 * Dates as Dutch users type and read them, always in Dutch time (Europe/Amsterdam): the server
 * may run in UTC, but 'tot 31-3-2026' means until midnight in the Netherlands, and a change at
 * 23:30 UTC on 31 December happened on 1 January here.
 */

export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: DUTCH_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock parts of an instant in Dutch time. */
function dutchParts(
  instant: Date,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = Object.fromEntries(
    PARTS.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** How far Dutch time is ahead of UTC at an instant, in milliseconds (1 or 2 hours). */
function dutchOffset(instant: number): number {
  const p = dutchParts(new Date(instant));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A calendar date typed the Dutch way (`15-3-2026`, `15-03-2026`, also with `/` or `.`), or
 * as ISO (`2026-03-15`, what a date picker sends), as an ISO date; null when it is not a
 * date that exists.
 *
 * @example
 * parseDutchDate('1-7-2026');   // '2026-07-01'
 * parseDutchDate('31-02-2026'); // null: February has no 31st
 */
export function parseDutchDate(text: string): string | null {
  const trimmed = text.trim();
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [year, month, day] = dutch
    ? [Number(dutch[3]), Number(dutch[2]), Number(dutch[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [0, 0, 0];
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  // Date.UTC rolls 31 February over into March: the date exists when it comes back unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The instant a calendar day (an ISO date) begins in Dutch time. Midnight always exists
 * there: the clocks change at 02:00 and 03:00.
 *
 * @example
 * startOfDutchDay('2026-01-15'); // 2026-01-14T23:00:00.000Z (winter time, UTC+1)
 * startOfDutchDay('2026-07-01'); // 2026-06-30T22:00:00.000Z (summer time, UTC+2)
 */
export function startOfDutchDay(isoDate: string): Date {
  const midnightUtc = Date.parse(`${isoDate}T00:00:00Z`);
  // The offset at UTC midnight can differ from the one at Dutch midnight only on the days
  // the clocks change; a second look at the corrected instant settles it.
  const guess = midnightUtc - dutchOffset(midnightUtc);
  return new Date(midnightUtc - dutchOffset(guess));
}

/** The ISO date of the day after. */
export function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * An ISO date as Dutch people write it, without leading zeros.
 *
 * @example
 * formatIsoDateDutch('2026-03-05'); // '5-3-2026'
 */
export function formatIsoDateDutch(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day}-${month}-${year}`;
}

/**
 * The calendar date of an instant in Dutch time, written the Dutch way; an unreadable
 * timestamp comes back as it was.
 *
 * @example
 * formatDutchDate('2026-12-31T23:30:00Z'); // '1-1-2027'
 */
export function formatDutchDate(timestamp: string | Date): string {
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) return String(timestamp);
  const p = dutchParts(instant);
  return `${Number(p.day)}-${Number(p.month)}-${p.year}`;
}

/** The ISO date of an instant in Dutch time (`2027-01-01` for 2026-12-31T23:30Z). */
export function toDutchIsoDate(instant: Date): string {
  const p = dutchParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * An instant as a sortable date and time in Dutch time, for files (`2026-07-15 14:00:00`),
 * which spreadsheet programs read as a date in any language.
 */
export function formatDutchTimestamp(instant: Date): string {
  const p = dutchParts(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
