/**
 * The table of `bfm` commands, in the order the help lists them. A command added here gets
 * its option parsing, its help, its line in the README and the tests of every command.
 */
import {
  analyseCommand,
  crosstabCommand,
  instrumentAddCommand,
  instrumentCommand,
  instrumentListCommand,
  instrumentShowCommand,
  roundsCommand,
  roundsFollowCommand,
  roundsPublishCommand,
  roundsUnpublishCommand,
} from './analysis-commands.ts';
import { backupCommand, restoreCommand } from './backup-commands.ts';
import type { CliCommand } from './command.ts';
import {
  dbMigrateCommand,
  demoCommand,
  importCommand,
  referenceLoadCommand,
} from './data-commands.ts';
import { exportCommand } from './export-commands.ts';
import { helpCommand } from './help-command.ts';
import { reportCommand } from './report-commands.ts';
import { serveCommand, startCommand } from './server-commands.ts';
import { compareCommand } from './trend-commands.ts';
import { userCreateCommand, userDisableCommand, userEnableCommand } from './user-commands.ts';
// Issue 12 (helper C).
import { wmoPlanImportCommand } from './wmo-plan-commands.ts';
// Issue 13 (helper A).
import { openAnswersCommand } from './open-answer-commands.ts';

export const COMMANDS: readonly CliCommand[] = [
  startCommand,
  serveCommand,
  userCreateCommand,
  userDisableCommand,
  userEnableCommand,
  importCommand,
  wmoPlanImportCommand,
  analyseCommand,
  crosstabCommand,
  compareCommand,
  openAnswersCommand,
  exportCommand,
  reportCommand,
  roundsCommand,
  roundsFollowCommand,
  roundsPublishCommand,
  roundsUnpublishCommand,
  referenceLoadCommand,
  demoCommand,
  dbMigrateCommand,
  backupCommand,
  restoreCommand,
  instrumentCommand,
  instrumentListCommand,
  instrumentShowCommand,
  instrumentAddCommand,
  helpCommand,
];
