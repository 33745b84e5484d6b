/**
 * `bfm` as its own process, as an operator runs it: for tests of what happens between
 * processes (the data folder lock, a kill -9). For `bfm serve`, see app-process.ts.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BFM_BIN = join(ROOT, 'bin', 'bfm.js');

export interface BfmExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a child: this process's, the test's database, no logging. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: '', ...env, LOG_LEVEL: 'silent' };
}

/** Runs a `bfm` command to its end; `input` goes to its standard input. */
export function runBfmProcess(
  env: Record<string, string>,
  args: readonly string[],
  input = '',
): Promise<BfmExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BFM_BIN, ...args], { cwd: ROOT, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
