/** Every chat command the bot understands, in the order help lists them. */
export interface CommandDescription {
  name: string;
  usage: string;
  summary: string;
}

export const COMMANDS: readonly CommandDescription[] = [
  {
    name: 'request-access',
    usage: 'request-access [group] [duration] [reason…]',
    summary: 'Ask for temporary membership of a Databricks group (no arguments opens a form).',
  },
  { name: 'access', usage: 'access', summary: 'Show your active access and pending requests.' },
  { name: 'revoke', usage: 'revoke <group> [user]', summary: 'End a grant early.' },
  { name: 'policies', usage: 'policies', summary: 'List the groups you can request, with their limits.' },
  {
    name: 'subscribe',
    usage: 'subscribe <topic> [filter…]',
    summary:
      'Admins: send access, connectors, cost or security alerts to this channel (filters: workspace:, region:, group:, severity:).',
  },
  {
    name: 'unsubscribe',
    usage: 'unsubscribe <topic> [filter…]',
    summary: 'Admins: stop a subscription of this channel.',
  },
  { name: 'subscriptions', usage: 'subscriptions', summary: "List this channel's alert subscriptions." },
  { name: 'help', usage: 'help', summary: 'Show this list.' },
];
