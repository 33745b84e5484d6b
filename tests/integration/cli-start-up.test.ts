/**
 * The start-up of the `bfm` process (bin/bfm.js): help loads only the command table, and a
 * command that opens the database works through the resolution shortcut
 * (src/cli/module-hooks.ts) and the Liftoff-only child process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/bfm.js');

// Prints the URL of every module the process loads, one per line on stderr.
const TRACE = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module';" +
    'registerHooks({ load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context); } });',
)}`;

function run(args: readonly string[], env: Record<string, string> = {}, execArgv: string[] = []) {
  return spawnSync(process.execPath, [...execArgv, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
}

describe('bfm start-up', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bfm-start-up-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the help without loading services, the database, zod or the heavy libraries', () => {
    const result = run(['--help'], {}, ['--import', TRACE]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('bfm – Basisfunctiemonitor');
    const loaded = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('LOADED file:'))
      .map((line) => line.slice('LOADED '.length));
    expect(loaded.length).toBeGreaterThan(5);
    const heavy = loaded.filter(
      (url) =>
        /\/node_modules\/(zod|drizzle-orm|@electric-sql|pg|pino|exceljs|echarts|react|react-dom|react-router|express)\//.test(
          url,
        ) ||
        (/\/src\/(services|db|web|config)\//.test(url) && !url.endsWith('/demo-round-id.ts')) ||
        url.includes('/app/'),
    );
    expect(heavy).toEqual([]);
  });

  it('imports a file and lists the rounds through bin/bfm.js', () => {
    const env = { BFM_DATA_DIR: join(dir, 'data') };
    const imported = run(
      ['import', join(ROOT, 'examples/antwoorden-voorbeeld.csv'), '--json'],
      env,
    );
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const rounds = run(['rounds', '--json'], env);
    expect(rounds.status).toBe(0);
    expect(JSON.parse(rounds.stdout)).toEqual([expect.objectContaining({ id: 'voorbeeld' })]);
  });

  it('reports a user error of a command that ran in Dutch, with exit code 2', () => {
    const result = run(['analyse', '--round', 'bestaat-niet'], { BFM_DATA_DIR: join(dir, 'data') });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bestaat-niet');
    expect(result.stderr).not.toContain(' at ');
  });
});
