#!/usr/bin/env node
// Entry point of the `bfm` command. The sources are TypeScript run by Node's own type
// stripping (default since Node 23.6; Node 22.12+ needs the flag, so re-run with it).
import { spawn } from 'node:child_process';
import { enableCompileCache } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flags = [];
if (!process.features.typescript) {
  flags.push('--experimental-strip-types', '--disable-warning=ExperimentalWarning');
}
// PGlite is a 20 MB WebAssembly module. V8 first compiles it with its baseline compiler
// (Liftoff) and then recompiles hot functions with TurboFan in background threads; for a
// short command that second compilation costs more than it saves: `bfm import` of a full round
// took 12–18 s and 1.1 GB peak memory with it, 6.6 s and 0.66 GB without, and `bfm rounds`
// peaked at 700 MB instead of 140 MB. So commands that open the database run Liftoff only.
// The web server (start, serve) runs for days and `bfm report` renders hundreds of pages:
// they keep the optimising compiler. Help needs
// no database and no second process.
const LONG_RUNNING = new Set(['start', 'serve', 'report']);
const wantsHelp =
  args.length === 0 || args[0] === 'help' || args.some((a) => a === '--help' || a === '-h');
if (!wantsHelp && !LONG_RUNNING.has(args[0]) && !process.execArgv.includes('--liftoff-only')) {
  flags.push('--liftoff-only');
}
if (flags.length > 0) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit' },
  );
  // A signal sent to this process alone (kill PID, a service manager) reaches the command too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  const code = await new Promise((resolve) =>
    child.on('exit', (status, signal) => resolve(status ?? 128 + (constants.signals[signal] ?? 0))),
  );
  process.exit(code);
}

// `bfm serve` runs in production mode unless NODE_ENV says otherwise. React and React Router
// pick their development or production build when first loaded, so this is decided here,
// before anything imports them (src/cli/server-commands.ts repeats it for the checks).
if (!process.env.NODE_ENV && process.argv.slice(2).find((a) => !a.startsWith('-')) === 'serve')
  process.env.NODE_ENV = 'production';

// V8's compiled code of the modules, kept on disk (in the system's temporary folder) between
// runs: compiling the ~300 modules of a database command was a fifth of its start-up.
enableCompileCache();
// Before anything else is loaded: a resolution shortcut that saves half a second at start-up.
const { registerModuleHooks } = await import('../src/cli/module-hooks.ts');
registerModuleHooks();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(args, {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  // On a terminal: back to the start of the line, the text, and the rest of the line erased.
  ...(process.stdout.isTTY ? { progress: (text) => process.stdout.write(`\r${text}\x1b[K`) } : {}),
});
process.exitCode = code;
