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

/**
 * A count with its noun in agreement: '1 gemeente', '441 gemeenten', '0 gemeenten'.
 *
 * @example
 * formatCount(1, 'vraag', 'vragen'); // '1 vraag'
 */
export function formatCount(count: number, one: string, many: string): string {
  return `${count.toLocaleString('nl-NL')} ${count === 1 ? one : many}`;
}

/**
 * A mark as the report prints it: always one decimal, with a decimal comma (5,0 and 4,4).
 *
 * @example
 * formatMark(5);      // '5,0'
 * formatMark(4.375);  // '4,4'
 */
export function formatMark(mark: number): string {
  return mark.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * What the bands of marks mean, as one sentence per band, highest first: '6 of hoger: goed
 * voor elkaar', '5 tot 6: op de goede weg', 'lager dan 5: aandacht nodig'.
 */
export function describeBands(
  bands: readonly { readonly label: string; readonly from: number }[],
): string[] {
  const ascending = [...bands].sort((a, b) => a.from - b.from);
  return ascending
    .map((band, index) => {
      const next = ascending[index + 1];
      const range =
        index === 0 && next
          ? `lager dan ${formatBound(next.from)}`
          : next
            ? `${formatBound(band.from)} tot ${formatBound(next.from)}`
            : `${formatBound(band.from)} of hoger`;
      return `${range}: ${band.label}`;
    })
    .reverse();
}

function formatBound(value: number): string {
  return value.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
}

/**
 * Names as a Dutch enumeration, with at most `max` named and the rest counted.
 *
 * @example listNames(['Amsterdam', 'Utrecht', 'Zwolle']); // 'Amsterdam, Utrecht en Zwolle'
 * @example listNames(['A', 'B', 'C', 'D'], 2);             // 'A, B en 2 andere'
 */
export function listNames(names: readonly string[], max = 10): string {
  if (names.length === 0) return '';
  if (names.length > max)
    return `${names.slice(0, max).join(', ')} en ${names.length - max} andere`;
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}
