import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Services } from '../../src/services.js';
import { rememberTurn } from './identity/teams-person.js';
import { answerSubmittedCard, runCardAction, submittedCardData } from './listeners/actions/card-actions.js';
import { answerCommand } from './listeners/commands/teams-commands.js';
import { answerRequestFormSearch, type TypeaheadQuery } from './listeners/search/request-form-search.js';
import { sendHomeCard } from './listeners/commands/home-command.js';
import { teamsHelpMessage } from './replies/teams-help.js';
import { reply } from './replies/teams-reply.js';
import type { CardActionData } from './render/render-card.js';

/** Content type of an Adaptive Card in an invoke response (and of a card attachment). */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The invoke a `Data.Query` typeahead sends, and the type of its answer. */
export const SEARCH_INVOKE = 'application/search';
export const SEARCH_RESPONSE_TYPE = 'application/vnd.microsoft.search.searchResponse';

/**
 * The Teams bot: remembers every conversation and person it sees, answers typed commands, runs
 * card actions (Action.Execute invokes and their Action.Submit fallback) and greets new installs.
 */
export class ChatOpsTeamsBot extends ActivityHandler {
  constructor(private readonly services: Services) {
    super();
    this.onTurn(async (context, next) => {
      await rememberTurn(context, services.db, services.log).catch((error: unknown) =>
        services.log.error(
          { err: error, activityType: context.activity.type },
          'could not remember Teams turn',
        ),
      );
      await next();
    });
    this.onMessage(async (context, next) => {
      const turn = { context, services };
      const submitted = submittedCardData(context.activity.value);
      if (submitted) await answerSubmittedCard(turn, submitted);
      else await answerCommand(turn);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (context.activity.conversation?.conversationType === 'personal') {
        await reply(context, {
          ...teamsHelpMessage(),
          title: 'Hi! I grant temporary access to Databricks groups',
        });
        await sendHomeCard({ context, services });
      }
      await next();
    });
  }

  /**
   * Typeahead (`application/search`) is answered here rather than by ActivityHandler, which
   * refuses an empty query: Teams sends one when a dropdown opens before anything is typed.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== SEARCH_INVOKE) return super.onInvokeActivity(context);
    const results = answerRequestFormSearch(this.services, (context.activity.value ?? {}) as TypeaheadQuery);
    if (results === undefined) {
      return {
        status: 200,
        body: {
          statusCode: 404,
          type: 'application/vnd.microsoft.error',
          value: { code: 'NotFound', message: 'unknown dataset' },
        },
      };
    }
    return { status: 200, body: { statusCode: 200, type: SEARCH_RESPONSE_TYPE, value: { results } } };
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const card = await runCardAction({ context, services: this.services }, verb, {
      ...(data as Partial<CardActionData>),
      action: verb,
    });
    return {
      statusCode: 200,
      type: ADAPTIVE_CARD_CONTENT_TYPE,
      value: card as unknown as Record<string, unknown>,
    };
  }
}
