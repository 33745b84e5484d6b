#!/usr/bin/env node
// Entry point of the `bfm` command. The sources are TypeScript run by Node's own type
// stripping (default since Node 23.6; Node 22.12+ needs the flag, so re-run with it).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.features.typescript) {
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

// `bfm serve` runs in production mode unless NODE_ENV says otherwise. React and React Router
// pick their development or production build when first loaded, so this is decided here,
// before anything imports them (src/cli/server-commands.ts repeats it for the checks).
if (!process.env.NODE_ENV && process.argv.slice(2).find((a) => !a.startsWith('-')) === 'serve')
  process.env.NODE_ENV = 'production';

const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
});
process.exitCode = code;
