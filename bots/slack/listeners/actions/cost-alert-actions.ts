import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { acknowledgeCostAlert } from '../../../../src/cost/alerts/acknowledge-cost-alert.js';
import { COST_ALERT_ACTIONS, SNOOZE_SECONDS } from '../../../../src/cost/alerts/cost-alert-messages.js';
import { utcTime } from '../../../../src/cost/report/period-text.js';
import { snoozeCostAlert } from '../../../../src/cost/alerts/snooze-cost-alert.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import type { Services } from '../../../../src/services.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const clicker = (args: ButtonArgs): ChatUser => ({ platform: 'slack', id: args.body.user.id });

/** Acknowledge and Snooze (1 day, 1 week) on cost alerts; every posted copy is updated by the outbox. */
export function registerCostAlertActions(app: App, services: Services): void {
  app.action<BlockButtonAction>(COST_ALERT_ACTIONS.acknowledge, async (args) => {
    await args.ack();
    await replyOnError(services.log, args.respond, async () => {
      await acknowledgeCostAlert(services.cost, args.action.value ?? '', clicker(args));
      await args.respond(ephemeral(slackReply('Acknowledged: the alert shows you are on it.')));
    });
  });
  for (const [id, seconds] of [
    [COST_ALERT_ACTIONS.snoozeDay, SNOOZE_SECONDS[COST_ALERT_ACTIONS.snoozeDay]!],
    [COST_ALERT_ACTIONS.snoozeWeek, SNOOZE_SECONDS[COST_ALERT_ACTIONS.snoozeWeek]!],
  ] as const) {
    app.action<BlockButtonAction>(id, async (args) => {
      await args.ack();
      await replyOnError(services.log, args.respond, async () => {
        const row = await snoozeCostAlert(services.cost, args.action.value ?? '', clicker(args), seconds);
        await args.respond(
          ephemeral(slackReply(`Snoozed until ${utcTime(row.snoozed_until!)} for this rule and scope.`)),
        );
      });
    });
  }
}
