/**
 * Dates as the pages show them. Always in Dutch time: pages are rendered on a server that may
 * run in UTC and hydrated in the browser, and both must print the same text.
 */
const ZONE = 'Europe/Amsterdam';

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('nl-NL', { timeZone: ZONE });
}

export function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleDateString('nl-NL', { timeZone: ZONE }) : '–';
}
