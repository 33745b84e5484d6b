/** Body limits: large enough for the largest legitimate post, small elsewhere (issue 8, item 9). */
import { describe, expect, it } from 'vitest';
import type { Item } from '../domain/instrument.ts';
import { MAX_NOTE_LENGTH, MAX_TEXT_LENGTH } from '../domain/answer.ts';
import { listInstrumentVersions, loadInstrument } from '../instruments/index.ts';
import { MAX_IMPORT_FILE_BYTES } from '../services/import/import-limits.ts';
import { DEFAULT_BODY_LIMIT, findBodyLimit } from './body-limits.ts';

/** Bytes of the largest section post: every note and open answer full, percent-encoded UTF-8. */
function largestSectionPost(): number {
  let largest = 0;
  for (const version of listInstrumentVersions()) {
    for (const questionnaire of loadInstrument(version).questionnaires) {
      const sections = new Map<string, Item[]>();
      for (const item of questionnaire.items) {
        const key = item.basisfunctie ?? '';
        sections.set(key, [...(sections.get(key) ?? []), item]);
      }
      for (const items of sections.values()) {
        const characters = items.reduce(
          (sum, item) => sum + MAX_NOTE_LENGTH + (item.kind === 'open' ? MAX_TEXT_LENGTH : 0),
          0,
        );
        // A three-byte character percent-encoded is 9 bytes; 200 bytes of fields per item.
        largest = Math.max(largest, characters * 9 + items.length * 200);
      }
    }
  }
  return largest;
}

describe('body limits', () => {
  it('let the largest legitimate questionnaire section through, also by autosave', () => {
    const largest = largestSectionPost();
    expect(largest).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    for (const path of [
      '/metingen/meting-2026/gemeenten/0363/mantelzorg/visie-en-beleid',
      '/metingen/meting-2026/gemeenten/0363/mantelzorg/visie-en-beleid.data',
      '/metingen/meting-2026/gemeenten/0363/mantelzorg/visie-en-beleid/autosave',
    ])
      expect(findBodyLimit(path), path).toBeGreaterThanOrEqual(largest);
  });

  it('keep ordinary forms and login small, and let the largest import file through, also base64-encoded in the API', () => {
    expect(findBodyLimit('/inloggen')).toBe(DEFAULT_BODY_LIMIT);
    expect(findBodyLimit('/inloggen.data')).toBe(DEFAULT_BODY_LIMIT);
    expect(findBodyLimit('/metingen/meting-2026/uitnodigen')).toBe(DEFAULT_BODY_LIMIT);
    expect(DEFAULT_BODY_LIMIT).toBeLessThanOrEqual(1024 * 1024);
    const file = MAX_IMPORT_FILE_BYTES;
    expect(findBodyLimit('/metingen/meting-2026/importeren')).toBeGreaterThan(file);
    // A file somewhat over the limit still reaches the page, which explains it at the field.
    expect(findBodyLimit('/metingen/meting-2026/importeren')).toBeGreaterThan(file * 1.5);
    expect(findBodyLimit('/metingen/meting-2026/importeren')).toBeLessThan(file * 2.5);
    for (const path of ['/api/rounds/meting-2026/imports/preview', '/api/rounds/x/imports']) {
      expect(findBodyLimit(path), path).toBeGreaterThan(Math.ceil(file / 3) * 4);
      expect(findBodyLimit(path), path).toBeLessThan(file * 1.4);
    }
    expect(findBodyLimit('/api/rounds')).toBe(1_000_000);
    expect(findBodyLimit('/api/rounds/x/imports/other')).toBe(1_000_000);
  });
});
