/**
 * `bfm` as its own process, as an operator runs it: for tests of what happens between
 * processes (the data folder lock, a kill -9). `bfm serve` needs the built web app
 * (npm test builds it first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BFM_BIN = join(ROOT, 'bin', 'bfm.js');

export interface BfmExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BfmServer {
  readonly child: ChildProcess;
  /** Without a trailing slash: http://127.0.0.1:PORT */
  readonly url: string;
  readonly exited: Promise<number | null>;
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

/** Starts `bfm serve` on a free port and waits until it prints its address. */
export function startBfmServer(env: Record<string, string>): Promise<BfmServer> {
  if (!existsSync(join(ROOT, 'build', 'server', 'index.js')))
    throw new Error('The web app is not built: run npx react-router build (npm test does it).');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BFM_BIN, 'serve', '--port', '0'], {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /draait op (http:\/\/\S+?)\/ /.exec(stdout);
      if (match?.[1]) resolve({ child, url: match[1], exited });
    });
    void exited.then((code) => reject(new Error(`bfm serve stopped (${code}): ${stderr}`)));
  });
}
