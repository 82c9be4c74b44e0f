import { outageAsDomainError } from '../../src/db/database-outage.js';
import { randomUUID } from 'node:crypto';
import { ACCESS_ACTIONS, myAccessMessage, policiesMessage } from '../../src/access/access-messages.js';
import { assertMayDecide } from '../../src/access/assert-may-decide.js';
import { decideRequest } from '../../src/access/decide-request.js';
import { parseDuration } from '../../src/access/duration.js';
import { accessOf } from '../../src/access/list-access.js';
import { requestAccess, validateRequestInput } from '../../src/access/request-access.js';
import { requestExtension } from '../../src/access/request-extension.js';
import { revokeGrant, revokeGrantOfGroup } from '../../src/access/revoke-grant.js';
import { agentsListMessage } from '../../src/agents/list-agents.js';
import { helpMessage } from '../../src/commands/help-message.js';
import { parseConnectorCommand, runConnectorCommand } from '../../src/connectors/connector-command.js';
import { assertConnectorAdmin, requireSecretBox } from '../../src/connectors/connector-deps.js';
import { connectorsListMessage } from '../../src/connectors/connector-messages.js';
import { acknowledgeCostAlert } from '../../src/cost/alerts/acknowledge-cost-alert.js';
import { actionRequestedText, parseActionCommand } from '../../src/actions/action-command.js';
import { pressActionButton } from '../../src/actions/press-action-button.js';
import { requestAction } from '../../src/actions/request-action.js';
import { COST_ALERT_ACTIONS, SNOOZE_SECONDS } from '../../src/cost/alerts/cost-alert-messages.js';
import { snoozeCostAlert } from '../../src/cost/alerts/snooze-cost-alert.js';
import { utcTime } from '../../src/cost/report/period-text.js';
import { listConnectors } from '../../src/connectors/list-connectors.js';
import { costAlertsOverview } from '../../src/cost/alerts/list-cost-alerts.js';
import { renderCostChart } from '../../src/cost/report/cost-chart.js';
import { parseCostQuery } from '../../src/cost/report/cost-query.js';
import {
  costChartInput,
  costReportMessage,
  costReportTitle,
} from '../../src/cost/report/cost-report-message.js';
import { costReport } from '../../src/cost/report/cost-report.js';
import { jobRunCostsMessage } from '../../src/cost/report/job-run-costs-message.js';
import { jobRunCosts } from '../../src/cost/report/job-run-costs.js';
import { listOpenFindings, parseFindingsQuery } from '../../src/findings/list-findings.js';
import { FINDING_ACTION_IDS, pressFindingButton } from '../../src/findings/press-finding-button.js';
import { groupDetails } from '../../src/governance/group-details.js';
import { groupMessage, groupsMessage } from '../../src/governance/governance-messages.js';
import { listGroups } from '../../src/governance/list-groups.js';
import { pressReviewButton } from '../../src/governance/reviews/press-review-button.js';
import { runReviewCommand } from '../../src/governance/reviews/review-command.js';
import { REVIEW_ACTION_IDS } from '../../src/governance/reviews/review-messages.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import { DomainError, InvalidInput } from '../../src/errors/domain-errors.js';
import type { ChatMessage } from '../../src/messages/chat-message.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import type { Services } from '../../src/services.js';
import { requestResultText } from '../slack/listeners/commands/request-result-text.js';
import { submitConnectForm, subscriptionCommand } from './sandbox-admin-commands.js';
import { dmChannel } from './sandbox-inbox.js';
import {
  CONNECT_FORM,
  connectForm,
  DENY_FORM,
  denyForm,
  REQUEST_ACCESS_FORM,
  requestAccessForm,
  type SandboxForm,
} from './sandbox-forms.js';

/** What the console shows after an interaction: a reply only the actor sees, and/or a form. */
export interface SandboxOutcome {
  reply?: ChatMessage;
  form?: SandboxForm;
  /** Per-field messages for an open form. */
  errors?: Record<string, string>;
  /** A PNG shown under the reply (the cost chart Slack uploads as a file). */
  image?: { png: Buffer; alt: string };
}

/** Width of the cost chart, as in Slack. */
const CHART_WIDTH = 720;

export const SLASH_COMMAND = '/databricks';
const text = (title: string): SandboxOutcome => ({ reply: { kind: 'sandbox.reply', title } });

/** `/databricks …` typed in the console: the same use cases the Slack command handlers call. */
export async function runSandboxCommand(
  services: Services,
  user: ChatUser,
  typed: string,
  channelId = dmChannel(user.id),
): Promise<SandboxOutcome> {
  const withoutSlash = typed.trim().replace(new RegExp(`^${SLASH_COMMAND}\\b`), '');
  const command = parseCommand(withoutSlash);
  const { access } = services;
  switch (command.name) {
    case 'policies':
      return { reply: policiesMessage(access.policy.groups) };
    case 'access': {
      const mine = await accessOf(access, user);
      return { reply: myAccessMessage(mine.active, mine.open) };
    }
    case 'request-access': {
      if (command.args.length === 0) return { form: requestAccessForm(access.policy) };
      const [group, durationText, ...reasonWords] = command.args;
      const durationSeconds = durationText === undefined ? undefined : parseDuration(durationText);
      if (durationText !== undefined && durationSeconds === undefined) {
        throw new InvalidInput(`"${durationText}" is not a duration (try 30m, 2h or 1d).`);
      }
      const request = await requestAccess(access, {
        requester: user,
        group: group!,
        durationSeconds,
        reason: reasonWords.join(' '),
      });
      return text(requestResultText(request));
    }
    case 'revoke': {
      const [group, who] = command.args;
      if (!group || command.args.length > 2)
        throw new InvalidInput('Usage: `/databricks revoke <group> [@user]`');
      const revoked = await revokeGrantOfGroup(access, group, {
        actor: user,
        grantee: who ? { platform: 'sandbox', id: who.replace(/^@/, '') } : undefined,
      });
      return text(
        `Revoking ${revoked.length === 1 ? 'the grant' : `${revoked.length} grants`} for ${revoked[0]!.group_key} now.`,
      );
    }
    case 'cost': {
      const query = parseCostQuery(command.args, services.cost.config.rollupTags, services.clock.now());
      if (query.kind === 'job_runs')
        return { reply: jobRunCostsMessage(await jobRunCosts(services.cost, query)) };
      const report = await costReport(services.cost, query);
      const reply = costReportMessage(report);
      if (report.top.length === 0) return { reply };
      const png = await renderCostChart(costChartInput(report), { width: CHART_WIDTH });
      return { reply, image: { png, alt: `Bar chart: ${costReportTitle(report)}` } };
    }
    case 'alerts':
      return { reply: await costAlertsOverview(services.cost) };
    case 'findings':
      return { reply: await listOpenFindings(services.findings, parseFindingsQuery(command.args)) };
    case 'agents':
      return { reply: await agentsListMessage(services.db) };
    case 'connectors':
      return { reply: connectorsListMessage(await listConnectors(services.connectors)) };
    case 'connector': {
      const reply = await runConnectorCommand(services.connectors, user, parseConnectorCommand(command.args));
      return { reply: reply.message };
    }
    case 'connect': {
      if (command.args.length > 0) {
        throw new InvalidInput(
          `Type \`${SLASH_COMMAND} connect\` alone: the credentials go into the form, not the command.`,
        );
      }
      assertConnectorAdmin(services.connectors, user);
      requireSecretBox(services.connectors);
      return { form: connectForm() };
    }
    case 'action': {
      const typed = parseActionCommand(command.args);
      const row = await requestAction(services.actions, { requester: user, ...typed });
      return { reply: { kind: 'action.requested', title: actionRequestedText(row), severity: 'info' } };
    }
    case 'subscribe':
    case 'unsubscribe':
    case 'subscriptions':
      return subscriptionCommand(services, user, command.name, command.args, channelId);
    case 'groups': {
      const filter = command.rest === '' ? undefined : command.rest;
      return { reply: groupsMessage(await listGroups(services.governance, filter), filter) };
    }
    case 'group':
      if (command.rest === '') throw new InvalidInput('Usage: `/databricks group <name>`');
      return { reply: groupMessage(await groupDetails(services.governance, command.rest)) };
    case 'review':
      return { reply: await runReviewCommand(services.governance, command.args, user) };
    default: {
      const unknownCommand = command.name === 'help' ? undefined : command.name;
      return { reply: helpMessage({ prefix: `${SLASH_COMMAND} `, unknownCommand }) };
    }
  }
}

/** A button clicked in the console: Approve, Deny, Extend, Revoke, and a finding's buttons. */
export async function runSandboxAction(
  services: Services,
  user: ChatUser,
  actionId: string,
  value: string,
): Promise<SandboxOutcome> {
  const { access } = services;
  if (FINDING_ACTION_IDS.includes(actionId)) {
    return text((await pressFindingButton(services.findings, actionId, value, user)).text);
  }
  if (REVIEW_ACTION_IDS.includes(actionId)) {
    const pressed = await pressReviewButton(services.governance, actionId, value, user);
    return pressed.text === undefined ? {} : text(pressed.text);
  }
  const actionText = await pressActionButton(services.actions, actionId, value, user);
  if (actionText !== undefined) return text(actionText);
  const snoozeSeconds = Object.hasOwn(SNOOZE_SECONDS, actionId) ? SNOOZE_SECONDS[actionId] : undefined;
  if (snoozeSeconds !== undefined) {
    const row = await snoozeCostAlert(services.cost, value, user, snoozeSeconds);
    return text(`Snoozed until ${utcTime(row.snoozed_until!)} for this rule and scope.`);
  }
  switch (actionId) {
    case COST_ALERT_ACTIONS.acknowledge:
      await acknowledgeCostAlert(services.cost, value, user);
      return text('Acknowledged: the alert shows you are on it.');
    case ACCESS_ACTIONS.approve: {
      const result = await decideRequest(access, { requestId: value, approver: user, decision: 'approve' });
      if (result.outcome !== 'recorded') return {};
      const approvals = result.approvals.filter((a) => a.decision === 'approve').length;
      return text(
        `Approval recorded: ${approvals} of ${result.request.min_approvals}. It needs another approver.`,
      );
    }
    case ACCESS_ACTIONS.deny: {
      const request = await assertMayDecide(access, value, user);
      return { form: denyForm(request.id, request.group_key) };
    }
    case ACCESS_ACTIONS.extend:
      return text(requestResultText(await requestExtension(access, value, user)));
    case ACCESS_ACTIONS.revoke: {
      const grant = await revokeGrant(access, value, { actor: user });
      return text(`Revoking access to ${grant.group_key} now.`);
    }
    default:
      throw new InvalidInput(`Unknown button ${actionId}.`);
  }
}

/** A form sent from the console. Field-level refusals come back to the open form. */
export async function submitSandboxForm(
  services: Services,
  user: ChatUser,
  formId: string,
  context: string,
  values: Record<string, string>,
): Promise<SandboxOutcome> {
  const { access } = services;
  if (formId === REQUEST_ACCESS_FORM) {
    const durationText = values.duration?.trim() ?? '';
    const durationSeconds = durationText === '' ? undefined : parseDuration(durationText);
    if (durationText !== '' && durationSeconds === undefined) {
      return { errors: { duration: `"${durationText}" is not a duration (try 30m, 2h or 1d).` } };
    }
    const ticket = values.ticket?.trim() ?? '';
    const input = {
      requester: user,
      group: values.group ?? '',
      durationSeconds,
      reason: values.reason ?? '',
      ...(ticket === '' ? {} : { ticketUrl: ticket }),
    };
    try {
      validateRequestInput(access.policy, input);
    } catch (error) {
      if (error instanceof DomainError) return { errors: { [error.field ?? 'group']: error.userMessage } };
      throw error;
    }
    return text(requestResultText(await requestAccess(access, input)));
  }
  if (formId === CONNECT_FORM) return submitConnectForm(services, user, values);
  if (formId === DENY_FORM) {
    const reason = (values.reason ?? '').trim();
    await decideRequest(access, {
      requestId: context,
      approver: user,
      decision: 'deny',
      reason: reason === '' ? undefined : reason,
    });
    return {};
  }
  throw new InvalidInput(`Unknown form ${formId}.`);
}

/** A domain refusal as the person sees it, or an apology with an id for anything unexpected. */
export function errorOutcome(services: Services, thrown: unknown): SandboxOutcome {
  const error = outageAsDomainError(thrown);
  if (error instanceof DomainError)
    return { reply: { kind: 'sandbox.error', title: error.userMessage, severity: 'warning' } };
  const errorId = randomUUID().slice(0, 8);
  services.log.error({ err: error, errorId }, 'unexpected error handling a sandbox interaction');
  return {
    reply: {
      kind: 'sandbox.error',
      title: `Sorry, something went wrong on my side (error id ${errorId}).`,
      severity: 'critical',
    },
  };
}
