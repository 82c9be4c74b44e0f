import type {
  RemediationActionApprovalsTable,
  RemediationActionsTable,
} from './tables/remediation-actions.js';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type {
  AccessApprovalsTable,
  AccessRequestsTable,
  PostedMessagesTable,
} from './tables/access-requests.js';
import type {
  AgentScannedRowsTable,
  AgentsTable,
  FindingAllowListTable,
  FindingRuleMutesTable,
  SecurityFindingsTable,
} from './tables/agent-security.js';
import type { AuditEventsTable } from './tables/audit-events.js';
import type { ChannelSubscriptionsTable } from './tables/channel-subscriptions.js';
import type {
  CollectedBillingUsageTable,
  CollectedClustersTable,
  CollectedJobRunTimelineTable,
  CollectedJobsTable,
  CollectedListPricesTable,
  CollectedOptionalRowsTable,
  CollectedQueryHistoryTable,
  CollectedWarehouseEventsTable,
  CollectedNodeHoursTable,
  CollectedWorkspacesTable,
} from './tables/collected-rows.js';
import type { CollectorCheckpointsTable, CollectorRunsTable } from './tables/collector-state.js';
import type { ConnectorsTable, RegionConnectorsTable } from './tables/connectors.js';
import type {
  CostAlertRuleEvaluationsTable,
  CostAlertSnoozesTable,
  CostAlertsTable,
} from './tables/cost-alerts.js';
import type {
  CostDailyTable,
  CostDirtyDatesTable,
  CostHourlyTable,
  CostJobRunDaysTable,
  CostRollupStateTable,
} from './tables/cost-rollups.js';
import type { TeamsConversationsTable, TeamsUsersTable } from './tables/teams-conversations.js';
import type { PeopleTable } from './tables/people.js';
import type { MessageDeliveriesTable } from './tables/message-deliveries.js';
import type {
  GroupMembershipsTable,
  ManagedGroupMembersTable,
  ManagedGroupsTable,
} from './tables/group-memberships.js';

import type {
  DiscoveredGroupMembersTable,
  DiscoveredGroupsTable,
  DiscoveryRunsTable,
  GroupMemberChangesTable,
  JitConversionsTable,
  ReviewCampaignsTable,
  ReviewCardsTable,
  ReviewItemsTable,
} from './tables/access-governance.js';

/** Every table the bot owns, as kysely sees it. Migrations under migrations/ create them. */
export interface Database {
  audit_events: AuditEventsTable;
  access_requests: AccessRequestsTable;
  access_approvals: AccessApprovalsTable;
  posted_messages: PostedMessagesTable;
  group_memberships: GroupMembershipsTable;
  managed_group_members: ManagedGroupMembersTable;
  managed_groups: ManagedGroupsTable;
  discovery_runs: DiscoveryRunsTable;
  discovered_groups: DiscoveredGroupsTable;
  discovered_group_members: DiscoveredGroupMembersTable;
  group_member_changes: GroupMemberChangesTable;
  review_campaigns: ReviewCampaignsTable;
  review_cards: ReviewCardsTable;
  review_items: ReviewItemsTable;
  jit_conversions: JitConversionsTable;
  teams_conversations: TeamsConversationsTable;
  teams_users: TeamsUsersTable;
  people: PeopleTable;
  message_deliveries: MessageDeliveriesTable;
  channel_subscriptions: ChannelSubscriptionsTable;
  connectors: ConnectorsTable;
  region_connectors: RegionConnectorsTable;
  collected_billing_usage: CollectedBillingUsageTable;
  collected_list_prices: CollectedListPricesTable;
  collected_clusters: CollectedClustersTable;
  collected_jobs: CollectedJobsTable;
  collected_warehouse_events: CollectedWarehouseEventsTable;
  collected_node_hours: CollectedNodeHoursTable;
  collected_job_run_timeline: CollectedJobRunTimelineTable;
  collected_query_history: CollectedQueryHistoryTable;
  collected_workspaces: CollectedWorkspacesTable;
  collected_optional_rows: CollectedOptionalRowsTable;
  collector_checkpoints: CollectorCheckpointsTable;
  collector_runs: CollectorRunsTable;
  cost_hourly: CostHourlyTable;
  cost_daily: CostDailyTable;
  cost_job_run_days: CostJobRunDaysTable;
  cost_dirty_dates: CostDirtyDatesTable;
  cost_rollup_state: CostRollupStateTable;
  cost_alerts: CostAlertsTable;
  cost_alert_snoozes: CostAlertSnoozesTable;
  cost_alert_rule_evaluations: CostAlertRuleEvaluationsTable;
  agents: AgentsTable;
  agent_scanned_rows: AgentScannedRowsTable;
  security_findings: SecurityFindingsTable;
  finding_allow_list: FindingAllowListTable;
  finding_rule_mutes: FindingRuleMutesTable;
  remediation_actions: RemediationActionsTable;
  remediation_action_approvals: RemediationActionApprovalsTable;
}

export type Db = Kysely<Database>;

// BIGINT (int8) comes back as a string by default; our ids and counters fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface DbOptions {
  maxConnections?: number;
  /** Told when a connection dies (server restart, failover, terminated by an admin). */
  onConnectionError?: (error: Error) => void;
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The pg pool under a database made by `createDb`, for the few statements kysely cannot send
 * (COPY FROM STDIN, see collectors/copy-rows.ts).
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: this database was not made by createDb');
  return pool;
}

export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    // Covers both opening a connection and waiting for a free one. A server that is down refuses
    // at once (ECONNREFUSED, 57P03); a burst that queues many callers for the pool's connections
    // (hundreds of apply jobs, a wave of approvals) is load, not an outage, and must not fail them.
    connectionTimeoutMillis: 30_000,
  });
  let lastReported: Error | undefined;
  const report = (error: Error) => {
    // An idle client's error reaches both listeners below: tell it once.
    if (error === lastReported) return;
    lastReported = error;
    options.onConnectionError?.(error);
  };
  // The pool drops a dead idle connection and opens a new one on next use; without a listener,
  // its 'error' event would crash the process instead.
  pool.on('error', report);
  // A checked-out client has no pool listener while a query runs: when Postgres terminates the
  // connection, its 'error' event would crash the process. The query itself fails and is retried
  // by its caller; the broken client is discarded on release.
  pool.on('connect', (client) => client.on('error', report));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}
