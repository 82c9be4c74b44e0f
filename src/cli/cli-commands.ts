import type { CliCommand } from './cli-context.js';
import { collectCli } from './collect-cli.js';
import { connectorCli } from './connector-cli.js';
import { reviewCli } from './review-cli.js';

/** Every `npm run cli -- <command>`; add new ones here (one file each). */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  connector: connectorCli,
  collect: collectCli,
  review: reviewCli,
};
