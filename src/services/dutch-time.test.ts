import { describe, expect, it } from 'vitest';
import {
  formatDutchDate,
  formatDutchTimestamp,
  formatIsoDateDutch,
  nextDay,
  parseDutchDate,
  startOfDutchDay,
  toDutchIsoDate,
} from './dutch-time.ts';

describe('parseDutchDate', () => {
  it.each([
    ['1-7-2026', '2026-07-01'],
    ['01-07-2026', '2026-07-01'],
    ['1/7/2026', '2026-07-01'],
    ['1.7.2026', '2026-07-01'],
    [' 15-3-2026 ', '2026-03-15'],
    ['2026-07-01', '2026-07-01'], // what a date picker sends
    ['29-2-2024', '2024-02-29'], // a leap year
    ['31-12-2026', '2026-12-31'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDutchDate(text)).toBe(iso);
  });

  it.each([
    ['31-02-2026'], // February has no 31st
    ['29-2-2026'], // not a leap year
    ['15-13-2026'],
    ['0-1-2026'],
    ['1-7-26'], // a year needs four digits
    ['2026-7-1'], // ISO needs two-digit months and days
    ['1-7-0026'],
    ['gisteren'],
    [''],
    ['1-7-2026 12:00'],
  ])('refuses %j', (text) => {
    expect(parseDutchDate(text)).toBeNull();
  });
});

describe('startOfDutchDay', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'], // winter time, UTC+1
    ['2026-07-01', '2026-06-30T22:00:00.000Z'], // summer time, UTC+2
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // clocks go forward at 02:00: midnight is still UTC+1
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // clocks go back at 03:00: midnight is still UTC+2
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('%s begins at %s', (date, instant) => {
    expect(startOfDutchDay(date).toISOString()).toBe(instant);
  });
});

describe('date arithmetic and formatting', () => {
  it.each([
    ['2026-12-31', '2027-01-01'],
    ['2024-02-28', '2024-02-29'],
    ['2026-02-28', '2026-03-01'],
    ['2026-03-28', '2026-03-29'],
  ])('the day after %s is %s', (date, next) => {
    expect(nextDay(date)).toBe(next);
  });

  it('writes ISO dates the Dutch way, without leading zeros', () => {
    expect(formatIsoDateDutch('2026-03-05')).toBe('5-3-2026');
    expect(formatIsoDateDutch('2026-12-31')).toBe('31-12-2026');
  });

  it.each([
    ['2026-12-31T23:30:00Z', '1-1-2027'], // already New Year in the Netherlands
    ['2026-07-15T12:00:00Z', '15-7-2026'],
    ['2026-07-14T22:30:00.000Z', '15-7-2026'],
    ['geen datum', 'geen datum'],
  ])('formatDutchDate(%s) is %s', (timestamp, text) => {
    expect(formatDutchDate(timestamp)).toBe(text);
  });

  it('gives the Dutch calendar date of an instant', () => {
    expect(toDutchIsoDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(toDutchIsoDate(new Date('2026-07-15T21:59:59Z'))).toBe('2026-07-15');
  });

  it.each([
    ['2026-07-15T12:00:00Z', '2026-07-15 14:00:00'],
    ['2026-01-15T12:00:05Z', '2026-01-15 13:00:05'],
    ['2026-03-29T00:59:59Z', '2026-03-29 01:59:59'], // the last second before the clocks change
    ['2026-03-29T01:00:00Z', '2026-03-29 03:00:00'],
    ['2026-06-30T22:00:00Z', '2026-07-01 00:00:00'], // midnight is 00, not 24
  ])('formatDutchTimestamp(%s) is %s', (iso, text) => {
    expect(formatDutchTimestamp(new Date(iso))).toBe(text);
  });
});
