import type { App } from '@slack/bolt';
import type { Services } from '../../../src/services.js';
import { registerAccessActions } from './actions/access-actions.js';
import { registerRemediationActions } from './actions/remediation-actions.js';
import { actionCommand } from './commands/action-command.js';
import { ACTION_BUTTONS } from '../../../src/actions/action-messages.js';
import { registerCostAlertActions } from './actions/cost-alert-actions.js';
import { alertsCommand, costCommand } from './commands/cost-commands.js';
import { registerFindingActions } from './actions/finding-actions.js';
import { agentsCommand, findingsCommand } from './commands/finding-commands.js';
import { accessCommand, policiesCommand, revokeCommand } from './commands/access-commands.js';
import { registerDatabricksCommand, SLASH_COMMAND } from './commands/databricks-command.js';
import { ackUnrouted } from './ack-unrouted.js';
import { ACCESS_ACTIONS } from '../../../src/access/access-messages.js';
import { COST_ALERT_ACTIONS } from '../../../src/cost/alerts/cost-alert-messages.js';
import { FINDING_ACTION_IDS } from '../../../src/findings/press-finding-button.js';
import { CONNECT_MODAL } from '../views/connect-modal.js';
import { DENY_MODAL, GROUP_SELECT, REQUEST_ACCESS_MODAL } from '../views/request-access-modal.js';
import { connectCommand } from './commands/connect-command.js';
import { groupCommand, groupsCommand, reviewCommand } from './commands/governance-commands.js';
import { registerReviewActions } from './actions/review-actions.js';
import { REVIEW_ACTION_IDS } from '../../../src/governance/reviews/review-messages.js';
import { connectorCommand, connectorsCommand } from './commands/connectors-commands.js';
import { requestAccessCommand } from './commands/request-access-command.js';
import {
  subscribeCommand,
  subscriptionsCommand,
  unsubscribeCommand,
} from './commands/subscription-commands.js';
import { registerAppHome } from './events/app-home-opened.js';
import { registerGroupOptions } from './options/group-options.js';
import { registerDenySubmitted } from './views/deny-submitted.js';
import { registerRequestAccessSubmitted } from './views/request-access-submitted.js';
import { registerConnectSubmitted } from './views/connect-submitted.js';

/** Wires every Slack command, action, view, options request and event to its handler. */
export function registerSlackListeners(app: App, services: Services): void {
  app.use(
    ackUnrouted({
      commands: [SLASH_COMMAND],
      actions: [
        ...Object.values(ACCESS_ACTIONS),
        ...Object.values(COST_ALERT_ACTIONS),
        ...FINDING_ACTION_IDS,
        ...Object.values(ACTION_BUTTONS),
        ...REVIEW_ACTION_IDS,
      ],
      views: [REQUEST_ACCESS_MODAL, DENY_MODAL, CONNECT_MODAL],
      options: [GROUP_SELECT],
    }),
  );
  registerDatabricksCommand(app, services, {
    'request-access': requestAccessCommand,
    access: accessCommand,
    revoke: revokeCommand,
    policies: policiesCommand,
    subscribe: subscribeCommand,
    unsubscribe: unsubscribeCommand,
    subscriptions: subscriptionsCommand,
    connect: connectCommand,
    connectors: connectorsCommand,
    connector: connectorCommand,
    findings: findingsCommand,
    agents: agentsCommand,
    cost: costCommand,
    alerts: alertsCommand,
    action: actionCommand,
    groups: groupsCommand,
    group: groupCommand,
    review: reviewCommand,
  });
  registerReviewActions(app, services);
  registerCostAlertActions(app, services);
  registerFindingActions(app, services);
  registerAccessActions(app, services);
  registerRemediationActions(app, services);
  registerRequestAccessSubmitted(app, services);
  registerDenySubmitted(app, services);
  registerConnectSubmitted(app, services);
  registerGroupOptions(app, services);
  registerAppHome(app, services);
}
