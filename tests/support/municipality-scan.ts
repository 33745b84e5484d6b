/**
 * Scans public texts (open data, public pages) for municipalities of a register: the check
 * that the public view holds no answers of individual municipalities.
 */

/**
 * Municipality names that also occur in public text for another reason: the province names
 * Groningen and Utrecht, which are also the names of their capitals. Any other name found is
 * a leak.
 */
export const ALLOWED_NAME_TOKENS = ['Groningen', 'Utrecht'];

/** Lower case, every run of characters that are not letters or digits one space. */
function normalise(text: string): string {
  return ` ${text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * The register's names and codes that occur in the texts as whole tokens (a name of several
 * words as that sequence of tokens), so 'Ede' is not found in 'mede' nor 'Best' in 'beste'.
 */
export function findMunicipalities(
  texts: Record<string, string>,
  municipalities: readonly { readonly code: string; readonly name: string }[],
): { names: string[]; codes: string[] } {
  const haystack = Object.values(texts).map(normalise).join(' ');
  const names = new Set<string>();
  const codes = new Set<string>();
  for (const m of municipalities) {
    if (haystack.includes(normalise(m.name))) names.add(m.name);
    if (haystack.includes(` ${m.code} `) || haystack.includes(` gm${m.code} `)) codes.add(m.code);
  }
  return { names: [...names].sort(), codes: [...codes].sort() };
}
