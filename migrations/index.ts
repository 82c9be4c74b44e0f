import type { Migration } from 'kysely';
import * as createAuditEvents from './2026_11_23_0900_create_audit_events.js';
import * as createAccessRequests from './2026_11_23_1000_create_access_requests.js';
import * as createTeamsConversations from './2026_11_23_1100_create_teams_conversations.js';
import * as createMessageDeliveries from './2026_11_23_1200_create_message_deliveries.js';
import * as createChannelSubscriptions from './2026_11_23_1300_create_channel_subscriptions.js';
import * as createConnectors from './2026_11_23_1400_create_connectors.js';
import * as createCollectedTables from './2026_11_23_1500_create_collected_tables.js';
import * as createCostTables from './2026_11_23_1700_create_cost_tables.js';
import * as createAgentSecurityTables from './2026_11_23_1800_create_agent_security_tables.js';
import * as createGroupMemberships from './2026_12_02_0900_create_group_memberships.js';
import * as orderMessageDeliveries from './2026_12_02_1000_order_message_deliveries.js';
import * as addAgentServingAndFindingRequester from './2026_12_02_1100_add_agent_serving_and_finding_requester.js';
import * as createCollectedNodeTimeline from './2026_12_02_1120_create_collected_node_timeline.js';
import * as createCostAlertRuleEvaluations from './2026_12_02_1121_create_cost_alert_rule_evaluations.js';
import * as allowThreadReplies from './2026_12_02_1200_allow_thread_replies.js';
import * as numberAccessRequests from './2026_12_02_1300_number_access_requests.js';
import * as createPeople from './2026_12_02_1301_create_people.js';
import * as createRemediationActions from './2026_12_02_1400_create_remediation_actions.js';
import * as createAccessGovernance from './2026_12_02_1430_create_access_governance.js';
import * as rememberUncertainPosts from './2026_12_02_1500_remember_uncertain_posts.js';
import * as rememberRequestSubmissions from './2026_12_02_1600_remember_request_submissions.js';
import * as rememberActionFollowUps from './2026_12_02_1700_remember_action_follow_ups.js';
import * as announceEndingsApart from './2026_12_02_1800_announce_endings_apart.js';
import * as rollUpNodeTimelineByHour from './2026_12_02_2100_roll_up_node_timeline_by_hour.js';

/**
 * Every migration, by its sortable name. Add new ones at the end; never reorder or edit one
 * that has landed.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0900_create_audit_events': createAuditEvents,
  '2026_11_23_1000_create_access_requests': createAccessRequests,
  '2026_11_23_1100_create_teams_conversations': createTeamsConversations,
  '2026_11_23_1200_create_message_deliveries': createMessageDeliveries,
  '2026_11_23_1300_create_channel_subscriptions': createChannelSubscriptions,
  '2026_11_23_1400_create_connectors': createConnectors,
  '2026_11_23_1500_create_collected_tables': createCollectedTables,
  '2026_11_23_1700_create_cost_tables': createCostTables,
  '2026_11_23_1800_create_agent_security_tables': createAgentSecurityTables,
  '2026_12_02_0900_create_group_memberships': createGroupMemberships,
  '2026_12_02_1000_order_message_deliveries': orderMessageDeliveries,
  '2026_12_02_1100_add_agent_serving_and_finding_requester': addAgentServingAndFindingRequester,
  '2026_12_02_1120_create_collected_node_timeline': createCollectedNodeTimeline,
  '2026_12_02_1121_create_cost_alert_rule_evaluations': createCostAlertRuleEvaluations,
  '2026_12_02_1200_allow_thread_replies': allowThreadReplies,
  '2026_12_02_1300_number_access_requests': numberAccessRequests,
  '2026_12_02_1301_create_people': createPeople,
  '2026_12_02_1400_create_remediation_actions': createRemediationActions,
  '2026_12_02_1430_create_access_governance': createAccessGovernance,
  '2026_12_02_1500_remember_uncertain_posts': rememberUncertainPosts,
  '2026_12_02_1600_remember_request_submissions': rememberRequestSubmissions,
  '2026_12_02_1700_remember_action_follow_ups': rememberActionFollowUps,
  '2026_12_02_1800_announce_endings_apart': announceEndingsApart,
  '2026_12_02_2100_roll_up_node_timeline_by_hour': rollUpNodeTimelineByHour,
};
