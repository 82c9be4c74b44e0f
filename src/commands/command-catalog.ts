/** Every chat command the bot understands, in the order help lists them. */
export interface CommandDescription {
  name: string;
  usage: string;
  summary: string;
  /**
   * A shorter summary, whole sentences, for menus with a length limit (Teams' command menu takes
   * 128 characters); `summary` is used when it fits.
   */
  brief?: string;
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
  {
    name: 'connect',
    usage: 'connect',
    summary:
      'Admins: register a Databricks account connector (a form; every check is reported before saving).',
  },
  {
    name: 'connectors',
    usage: 'connectors',
    summary: 'List Databricks connectors and regions with health, last ingestion and tables.',
  },
  {
    name: 'connector',
    usage: 'connector <add-region|connection-string|remove-region|delete> …',
    summary: 'Admins: add or remove regions, connect a remote collector, delete a connector.',
  },
  {
    name: 'findings',
    usage: 'findings [agent] [severity]',
    summary: 'Open AI-agent security findings (secrets, PII, prompt injection, policy), most severe first.',
  },
  {
    name: 'agents',
    usage: 'agents',
    summary: 'Discovered agents, where their traces are read from, last scan.',
  },
  {
    name: 'cost',
    usage: 'cost [period] [by <dimension>] [workspace:<name>] | cost job <id or name>',
    summary:
      "Spend with the top 10 and their change, and a chart (e.g. `cost 7d by workspace`, `cost mtd by tag:team`); or a job's last runs with their cost.",
    brief:
      "Spend with the top 10, their change and a chart, e.g. cost 7d by workspace; or a job's last runs with their cost.",
  },
  { name: 'alerts', usage: 'alerts', summary: 'Cost alert rules and the cost alerts still open.' },
  {
    name: 'action',
    usage: 'action <kind> <workspace> <id> [reason…]',
    summary:
      'Ask for a fix in Databricks, approved under the actions policy: terminate-cluster, start-cluster, stop-warehouse, pause-job-schedule, resume-job-schedule, cancel-run, add-guardrails, remove-guardrails; remove-group-member <group> <e-mail> takes a standing member out of a policy group.',
    brief:
      'Ask for an approved fix in Databricks (terminate a cluster, stop a warehouse, pause a job, add guardrails).',
  },
  {
    name: 'groups',
    usage: 'groups [filter]',
    summary: 'Every Databricks account group, with member counts, whether it is requestable and its owners.',
  },
  {
    name: 'group',
    usage: 'group <name>',
    summary: "A group's standing members, active grants and recent membership changes.",
  },
  {
    name: 'review',
    usage:
      'review start <group,…|all-requestable> [due:14d] | review status [campaign] | review report <campaign>',
    summary:
      'Admins: run an access review (each owner decides Keep, Remove or Convert to just-in-time per standing member), follow it, export its decisions.',
  },
  { name: 'help', usage: 'help', summary: 'Show this list.' },
];
