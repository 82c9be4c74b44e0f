import {
  CallerIdConstants,
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
    ...(config.openIdMetadataUrl ? publicCloudWithKeysFrom(config.openIdMetadataUrl) : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions);
  return { adapter: new CloudAdapter(auth), botAppId: config.appId ?? '' };
}

const BOT_FRAMEWORK = 'https://api.botframework.com';

/**
 * The public cloud's settings with another source of signing keys. botbuilder takes any one of
 * these as "everything is given", so the rest are spelled out with the public cloud's values.
 */
function publicCloudWithKeysFrom(
  openIdMetadataUrl: string,
): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    // botframework-connector's AuthenticationConstants for the public cloud.
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: BOT_FRAMEWORK,
    ToBotFromChannelTokenIssuer: BOT_FRAMEWORK,
    OAuthUrl: BOT_FRAMEWORK,
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}
