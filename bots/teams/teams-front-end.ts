import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import express, { Router } from 'express';
import type { TeamsConfig } from '../../src/config/config.js';
import { helpMessage } from '../../src/commands/help-message.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import type { Services } from '../../src/services.js';
import { renderAdaptiveCard } from './render/render-card.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsFrontEnd {
  adapter: CloudAdapter;
  router: Router;
}

/** The Teams bot: botbuilder's CloudAdapter on POST /api/messages with Bot Framework auth. */
export function createTeamsFrontEnd(config: TeamsConfig, services: Services): TeamsFrontEnd {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    services.log.error({ err: error, activityType: context.activity.type }, 'unhandled error in Teams turn');
    await context.sendActivity('Sorry, something went wrong on my side.');
  };
  const bot = new ChatOpsTeamsBot();
  const router = Router();
  router.post(TEAMS_MESSAGES_PATH, express.json({ limit: '1mb' }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return { adapter, router };
}

class ChatOpsTeamsBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
      const command = parseCommand(text);
      const unknownCommand = command.name === 'help' ? undefined : command.name;
      const card = renderAdaptiveCard(helpMessage({ prefix: '', unknownCommand }));
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      await next();
    });
  }
}
