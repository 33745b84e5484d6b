import { runCli } from '../../src/cli/main.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bfm` in-process with the given environment and captures its output. */
export async function bfm(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return bfmWithInput(env, '', ...args);
}

/** Runs `bfm` in-process with `input` as its standard input. */
export async function bfmWithInput(
  env: Record<string, string>,
  input: string,
  ...args: string[]
): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    env,
    stdin: [input],
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
