/**
 * `npm run docs:cli`: regenerates the reference sections of README.md (the `bfm` commands
 * and the environment variables) and formats the result with Prettier.
 * src/cli/reference-docs.test.ts fails when README.md differs from what this writes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { COMMANDS } from '../src/cli/commands.ts';
import { renderReadme } from '../src/cli/reference-docs.ts';

export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

/** README.md as the script writes it, from its current text. */
export async function generateReadme(current: string): Promise<string> {
  const options = (await prettier.resolveConfig(README_PATH)) ?? {};
  return prettier.format(renderReadme(current, COMMANDS), { ...options, filepath: README_PATH });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const current = await readFile(README_PATH, 'utf8');
  const next = await generateReadme(current);
  if (next === current) {
    process.stdout.write('README.md is up to date.\n');
  } else {
    await writeFile(README_PATH, next);
    process.stdout.write('README.md updated.\n');
  }
}
