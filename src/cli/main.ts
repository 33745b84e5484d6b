/**
 * The `bfm` command, as bin/bfm.js and the tests import it. The commands are a table
 * (commands.ts); run-cli.ts parses the arguments, runs a command and maps errors to exit
 * codes (0 done, 1 crash, 2 user error).
 */
export { runCli, type CliIo } from './run-cli.ts';
