import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { TeamsConfig } from '../../src/config/config.js';

/** The bot's side of Bot Framework: validates incoming tokens and signs outgoing calls. */
export interface TeamsConnection {
  adapter: CloudAdapter;
  /** The Microsoft app id ('' in anonymous local development). */
  botAppId: string;
}

/**
 * One CloudAdapter per process role: the web role answers activities with it, every role
 * (the worker too, which has no HTTP) posts proactive messages with it. With no app id (anonymous
 * development) incoming activities are not authenticated and outgoing calls carry no token.
 */
export function createTeamsConnection(config: TeamsConfig): TeamsConnection {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions);
  return { adapter: new CloudAdapter(auth), botAppId: config.appId ?? '' };
}
