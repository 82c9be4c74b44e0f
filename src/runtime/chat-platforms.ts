import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { ChatPlatform } from '../ports/chat-user.js';
import type { Notifier, UserDirectory } from '../ports/notifier.js';

/** How the domain reaches people on each configured chat platform. */
export interface ChatPlatforms {
  notifiers: Partial<Record<ChatPlatform, Notifier>>;
  directories: Partial<Record<ChatPlatform, UserDirectory>>;
}

/**
 * The notifiers and user directories of the configured platforms. Each platform's SDK (Bolt's
 * Web API client, botbuilder) is loaded only when that platform is configured: together they
 * cost seconds of start-up that the sandbox, a worker without Teams or the CLI need not pay.
 */
export async function loadChatPlatforms(
  config: Config,
  db: Db,
  log: Logger,
  sandbox?: { notifier: Notifier; directory: UserDirectory },
): Promise<ChatPlatforms> {
  const platforms: ChatPlatforms = { notifiers: {}, directories: {} };
  if (config.slack) {
    const { createSlackWebClient } = await import('../../bots/slack/slack-web-client.js');
    const { SlackNotifier, SlackUserDirectory } = await import('../../bots/slack/slack-notifier.js');
    const client = createSlackWebClient(config.slack, log);
    platforms.notifiers.slack = new SlackNotifier(client);
    platforms.directories.slack = new SlackUserDirectory(client);
  }
  if (config.teams) {
    // Teams messages go out proactively through stored conversation references, from any role.
    const { createTeamsConnection } = await import('../../bots/teams/teams-adapter.js');
    const { TeamsNotifier, TeamsUserDirectory } = await import('../../bots/teams/teams-notifier.js');
    platforms.notifiers.teams = new TeamsNotifier(createTeamsConnection(config.teams), db);
    platforms.directories.teams = new TeamsUserDirectory(db);
  }
  if (sandbox) {
    platforms.notifiers.sandbox = sandbox.notifier;
    platforms.directories.sandbox = sandbox.directory;
  }
  return platforms;
}
