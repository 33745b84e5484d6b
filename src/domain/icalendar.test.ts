/**
 * The invitation's iCalendar file: byte for byte against a hand-written file, and read back by
 * a calendar library (ical.js), which must find the same event in Dutch time.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  buildCalendarInvitation,
  escapeCalendarText,
  foldCalendarLine,
  isoWeek,
  type CalendarEvent,
} from './icalendar.ts';

const TALK: CalendarEvent = {
  uid: 'talk-7f3a@basisfunctiemonitor',
  sequence: 1,
  stamp: new Date('2026-11-26T09:15:00Z'),
  date: '2026-12-01',
  startTime: '10:00',
  durationMinutes: 90,
  summary: 'Adviesgesprek Amsterdam, Meting 2026',
  location: 'Stadhuis; zaal 2, Amstel 1',
  description: 'Bespreking van de resultaten.\nNeem het rapport mee.',
  organizer: { name: 'Ada Adviseur', email: 'ada@example.nl' },
  attendees: [{ name: '', email: 'anna@example.nl' }],
};

// Written by hand from RFC 5545, not by running the builder.
const EXPECTED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Basisfunctiemonitor//Adviesgesprekken//NL',
  'CALSCALE:GREGORIAN',
  'METHOD:REQUEST',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
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
  'BEGIN:VEVENT',
  'UID:talk-7f3a@basisfunctiemonitor',
  'SEQUENCE:1',
  'DTSTAMP:20261126T091500Z',
  'DTSTART;TZID=Europe/Amsterdam:20261201T100000',
  'DTEND;TZID=Europe/Amsterdam:20261201T113000',
  'SUMMARY:Adviesgesprek Amsterdam\\, Meting 2026',
  'LOCATION:Stadhuis\\; zaal 2\\, Amstel 1',
  'DESCRIPTION:Bespreking van de resultaten.\\nNeem het rapport mee.',
  'ORGANIZER;CN="Ada Adviseur":mailto:ada@example.nl',
  'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:anna@e',
  ' xample.nl',
  'STATUS:CONFIRMED',
  'TRANSP:OPAQUE',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

function parseEvent(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no event');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('buildCalendarInvitation', () => {
  it('writes the hand-written file for a talk with a start time', () => {
    expect(buildCalendarInvitation(TALK)).toBe(EXPECTED);
  });

  it('is read by ical.js as the same event, at 10:00 Dutch time (09:00 UTC in winter)', () => {
    const { calendar, event } = parseEvent(buildCalendarInvitation(TALK));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(TALK.uid);
    expect(event.sequence).toBe(1);
    expect(event.summary).toBe('Adviesgesprek Amsterdam, Meting 2026');
    expect(event.location).toBe('Stadhuis; zaal 2, Amstel 1');
    expect(event.description).toBe('Bespreking van de resultaten.\nNeem het rapport mee.');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T10:30:00.000Z');
    expect(event.organizer).toBe('mailto:ada@example.nl');
    expect(event.attendees.map((a) => a.getFirstValue())).toEqual(['mailto:anna@example.nl']);
  });

  it('keeps a summer talk at its Dutch time (CEST, UTC+2)', () => {
    const { event } = parseEvent(buildCalendarInvitation({ ...TALK, date: '2027-06-15' }));
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-06-15T08:00:00.000Z');
  });

  it('makes an all-day event without a time zone for a talk without a start time', () => {
    const text = buildCalendarInvitation({ ...TALK, startTime: null, durationMinutes: null });
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n');
    expect(text).not.toContain('VTIMEZONE');
    const { event } = parseEvent(text);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2026-12-01');
  });

  it('ends every line in CRLF, no line longer than 75 octets, and a long Dutch text survives', () => {
    const description = 'Ondersteuning van mantelzorgers – “respijtzorg” ë '.repeat(12);
    const text = buildCalendarInvitation({ ...TALK, description });
    const lines = text.split('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parseEvent(text).event.description).toBe(description);
  });

  it('refuses a date or time that is not one (the services validate first)', () => {
    expect(() => buildCalendarInvitation({ ...TALK, date: '1-12-2026' })).toThrow();
    expect(() => buildCalendarInvitation({ ...TALK, startTime: '25:00' })).toThrow();
  });
});

describe('escapeCalendarText and foldCalendarLine', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeCalendarText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    expect(foldCalendarLine('A'.repeat(80))).toBe(`${'A'.repeat(75)}\r\n ${'A'.repeat(5)}`);
    // 74 ASCII and then 'é' (2 octets): the é goes to the next line whole.
    expect(foldCalendarLine(`${'A'.repeat(74)}é`)).toBe(`${'A'.repeat(74)}\r\n é`);
    expect(foldCalendarLine('kort')).toBe('kort');
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-26', '2026-W48'],
    ['2026-11-30', '2026-W49'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-01', '2026-W01'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});
