/**
 * Small pieces of Dutch for messages and counts, shared by pages (server and browser).
 */

/**
 * A number with its noun in the right form.
 *
 * @example countOf(1, 'gemeente', 'gemeenten'); // '1 gemeente'
 * @example countOf(0, 'gemeente', 'gemeenten'); // '0 gemeenten'
 */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
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
