import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { ephemeral, slackReply } from '../render/slack-reply.js';

/** The ids our listeners are registered on, by kind of Slack request. */
export interface SlackRoutes {
  commands: readonly string[];
  actions: readonly string[];
  views: readonly string[];
  options: readonly string[];
}

type Body = Record<string, unknown> & {
  type?: string;
  command?: string;
  actions?: { action_id?: string }[];
  view?: { callback_id?: string };
  action_id?: string;
};

/**
 * Global middleware: a request no listener is registered for (a shortcut, a closed modal, an
 * action or form of another app version) is acknowledged here at once, instead of Bolt timing
 * out after 3 seconds with a 404 and Slack showing the person an error.
 */
export function ackUnrouted(routes: SlackRoutes): Middleware<AnyMiddlewareArgs> {
  const known = {
    commands: new Set(routes.commands),
    actions: new Set(routes.actions),
    views: new Set(routes.views),
    options: new Set(routes.options),
  };
  return async (args) => {
    const body = args.body as Body;
    const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (routed(body, known)) {
      await args.next();
      return;
    }
    if (ack === undefined) return;
    if (typeof body.command === 'string') {
      await ack(ephemeral(slackReply('This command is not handled by this app.')));
    } else if (body.type === 'block_suggestion') {
      await ack({ options: [] });
    } else {
      await ack();
    }
  };
}

function routed(body: Body, known: Record<keyof SlackRoutes, Set<string>>): boolean {
  if (typeof body.command === 'string') return known.commands.has(body.command);
  switch (body.type) {
    case 'block_actions':
      return (body.actions ?? []).some((action) => known.actions.has(action.action_id ?? ''));
    case 'view_submission':
      return known.views.has(body.view?.callback_id ?? '');
    case 'block_suggestion':
      return known.options.has(body.action_id ?? '');
    case 'event_callback':
      return true;
    default:
      return false;
  }
}
