import type { CommandDescription } from '../../../../src/commands/command-catalog.js';

/**
 * Commands only Teams has, for its 1:1 chat menu: `home` shows there what Slack's App Home tab
 * shows (Slack needs no command for it).
 */
export const TEAMS_PERSONAL_COMMANDS: readonly CommandDescription[] = [
  {
    name: 'home',
    usage: 'home',
    summary: 'Your access, and the requests waiting for your decision, with Approve and Deny.',
  },
];
