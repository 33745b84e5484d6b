/**
 * docs/codebook.md must be what `npm run docs:codebook` writes from the instrument.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CODEBOOK_PATH, generateCodebook } from '../../../scripts/docs-codebook.ts';
import { loadInstrument } from '../../instruments/index.ts';
import { readRegister2009 } from '../reference-data.ts';
import { listExportVariables, listProvinceLabels } from './answer-variables.ts';

describe('docs/codebook.md', () => {
  it("is what 'npm run docs:codebook' generates (run it after changing the instrument or the export)", async () => {
    expect(await readFile(CODEBOOK_PATH, 'utf8')).toBe(await generateCodebook());
  });

  it('lists every variable of both questionnaires', async () => {
    const text = await readFile(CODEBOOK_PATH, 'utf8');
    const instrument = loadInstrument('2009');
    const provinces = listProvinceLabels(readRegister2009());
    for (const questionnaire of instrument.questionnaires) {
      for (const variable of listExportVariables(instrument, questionnaire, provinces)) {
        expect(text).toContain(`| \`${variable.name}\``);
      }
    }
  });
});
