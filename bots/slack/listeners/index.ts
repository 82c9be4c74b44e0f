import type { App } from '@slack/bolt';
import type { Services } from '../../../src/services.js';
import { registerAccessActions } from './actions/access-actions.js';
import { registerCostAlertActions } from './actions/cost-alert-actions.js';
import { alertsCommand, costCommand } from './commands/cost-commands.js';
import { registerFindingActions } from './actions/finding-actions.js';
import { agentsCommand, findingsCommand } from './commands/finding-commands.js';
import { accessCommand, policiesCommand, revokeCommand } from './commands/access-commands.js';
import { registerDatabricksCommand } from './commands/databricks-command.js';
import { connectCommand } from './commands/connect-command.js';
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
  });
  registerCostAlertActions(app, services);
  registerFindingActions(app, services);
  registerAccessActions(app, services);
  registerRequestAccessSubmitted(app, services);
  registerDenySubmitted(app, services);
  registerConnectSubmitted(app, services);
  registerGroupOptions(app, services);
  registerAppHome(app, services);
}
