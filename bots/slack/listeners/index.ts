import type { App } from '@slack/bolt';
import type { Services } from '../../../src/services.js';
import { registerAccessActions } from './actions/access-actions.js';
import { accessCommand, policiesCommand, revokeCommand } from './commands/access-commands.js';
import { registerDatabricksCommand } from './commands/databricks-command.js';
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
  });
  registerAccessActions(app, services);
  registerRequestAccessSubmitted(app, services);
  registerDenySubmitted(app, services);
  registerGroupOptions(app, services);
  registerAppHome(app, services);
}
