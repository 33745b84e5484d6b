/**
 * `npm run docs:codebook`: regenerates docs/codebook.md (the variables of the answers export)
 * from the instrument and the 2009 register, formatted with Prettier.
 * src/services/export/codebook.test.ts fails when the file differs from what this writes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { loadInstrument } from '../src/instruments/index.ts';
import { renderCodebook } from '../src/services/export/codebook.ts';
import { readRegister2009 } from '../src/services/reference-data.ts';

export const CODEBOOK_PATH = fileURLToPath(new URL('../docs/codebook.md', import.meta.url));

/** docs/codebook.md as the script writes it. */
export async function generateCodebook(): Promise<string> {
  const options = (await prettier.resolveConfig(CODEBOOK_PATH)) ?? {};
  return prettier.format(renderCodebook(loadInstrument('2009'), readRegister2009()), {
    ...options,
    filepath: CODEBOOK_PATH,
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const next = await generateCodebook();
  const current = await readFile(CODEBOOK_PATH, 'utf8').catch(() => '');
  if (next === current) {
    process.stdout.write('docs/codebook.md is up to date.\n');
  } else {
    await writeFile(CODEBOOK_PATH, next);
    process.stdout.write('docs/codebook.md updated.\n');
  }
}
