import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { openConnectorWorkspace } from '../connectors/region-workspace.js';
import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import { DomainError } from '../errors/domain-errors.js';
import { DatabricksApiError } from '../ports/databricks-account.js';
import { actionKind } from './action-catalog.js';
import type { ActionDeps } from './action-deps.js';
import {
  isAccountKind,
  isResourceGone,
  type ActionKindContract,
  type ObservedResource,
} from './action-kind.js';
import type { ActionOutcome } from './action-messages.js';
import { findAction, transitionAction } from './action-queries.js';
import { followUpAction, owesFollowUp } from './follow-up-action.js';

/** Another attempt holds this action's call right now (its lease is live): try again shortly. */
export class ActionInFlight extends Error {}

/** The resource is still changing (TERMINATING, STOPPING…): read it again later. */
export class ActionSettling extends Error {}

interface Claim {
  token: string;
  /** An earlier attempt committed its intent to call and never recorded the outcome. */
  resumed: boolean;
}

/**
 * Carries out an approved action, never holding a transaction across an HTTP call: (1) claim the
 * call (a token with a lease) and record that a call is about to be made; commit. (2) Read the
 * resource; when an earlier attempt's call already landed (our intent was recorded), do not call
 * again; when it was already in the target state before anyone of ours called, stop and say so.
 * Otherwise call Databricks (429/5xx retried by the client within limits). (3) Read it back until
 * it settles, and record the verified outcome (or the permanent error) with the claim's token, so
 * a slower twin cannot overwrite it. (4) Announce it on every card (see follow-up-action.ts); an
 * attempt that finds the outcome recorded but not announced (the last one died in between) only
 * does that. Safe to run any number of times.
 */
export async function executeAction(
  deps: ActionDeps,
  actionId: string,
): Promise<RemediationActionRow | undefined> {
  const action = await findAction(deps.db, actionId);
  if (action && owesFollowUp(action)) {
    await followUpAction(deps, action);
    return undefined;
  }
  if (!action || (action.state !== 'approved' && action.state !== 'executing')) return undefined;
  const kind = actionKind(action.kind);
  const claim = await claimCall(deps, action);
  if (!claim) return undefined;
  // An account action goes through the access engine's account client: no connector involved.
  if (isAccountKind(kind)) return carryOut(deps, action, kind, claim, deps.access);
  const connector = action.connector_id
    ? await deps.db
        .selectFrom('connectors')
        .selectAll()
        .where('id', '=', action.connector_id)
        .executeTakeFirst()
    : undefined;
  if (!connector?.write_access) {
    return finish(
      deps,
      action,
      claim,
      'failed',
      {},
      'Write access was turned off for this workspace before it ran.',
    );
  }
  const api = openConnectorWorkspace(deps.connectors, connector, action.workspace_url);
  try {
    return await carryOut(deps, action, kind, claim, api);
  } finally {
    await api.close().catch(() => undefined);
  }
}

/** Steps 2 and 3; a settling resource or a retryable error leaves the intent for the next attempt. */
async function carryOut<Api>(
  deps: ActionDeps,
  action: RemediationActionRow,
  kind: ActionKindContract<Api>,
  claim: Claim,
  api: Api,
): Promise<RemediationActionRow | undefined> {
  try {
    return await callAndVerify(deps, action, kind, claim, api);
  } catch (error) {
    if (error instanceof ActionSettling || isRetryable(error)) {
      await releaseClaim(deps, action.id, claim, error);
      throw error;
    }
    const message =
      error instanceof DomainError
        ? error.userMessage
        : error instanceof Error
          ? error.message
          : String(error);
    return finish(deps, action, claim, 'failed', isResourceGone(error) ? { refused: 'gone' } : {}, message);
  }
}

async function callAndVerify<Api>(
  deps: ActionDeps,
  action: RemediationActionRow,
  kind: ActionKindContract<Api>,
  claim: Claim,
  api: Api,
): Promise<RemediationActionRow | undefined> {
  const before = await observe(deps, kind, api, action);
  if (before === 'gone')
    return finish(deps, action, claim, 'failed', { refused: 'gone' }, goneText(action, kind));
  const landed = claim.resumed && kind.verify(before) !== 'not done';
  if (!landed) {
    const already = kind.alreadyDone(before);
    if (already && !claim.resumed) {
      return finish(
        deps,
        action,
        claim,
        'failed',
        { refused: 'already', summary: before.summary },
        `${already} It was so before the bot acted; nothing was changed.`,
      );
    }
    try {
      await kind.execute(api, action.target_id, before);
      deps.log.info({ actionId: action.id, kind: kind.name }, 'action call sent');
    } catch (error) {
      // Refused as a bad state (e.g. INVALID_STATE): our own earlier call may have done it.
      if (!(error instanceof DatabricksApiError) || error.retryable || isResourceGone(error)) throw error;
      const now = await observe(deps, kind, api, action);
      if (now === 'gone' || kind.verify(now) === 'not done') throw error;
    }
  }
  const after = await readBackUntilSettled(deps, kind, api, action);
  if (after === 'gone')
    return finish(deps, action, claim, 'failed', { refused: 'gone' }, goneText(action, kind));
  const verdict = kind.verify(after);
  if (verdict === 'settling')
    throw new ActionSettling(`${kind.resource} ${action.target_label} is ${after.state}`);
  if (verdict === 'not done') {
    return finish(
      deps,
      action,
      claim,
      'failed',
      { summary: after.summary },
      `Databricks accepted the call, but ${action.target_label} is still ${after.state}.`,
    );
  }
  return finish(
    deps,
    action,
    claim,
    'succeeded',
    { summary: after.summary, verifiedAt: deps.clock.now().toISOString() },
    null,
  );
}

async function observe<Api>(
  deps: ActionDeps,
  kind: ActionKindContract<Api>,
  api: Api,
  action: RemediationActionRow,
): Promise<ObservedResource | 'gone'> {
  try {
    return await kind.observe(api, action.target_id, deps.clock.now());
  } catch (error) {
    if (isResourceGone(error) || (error instanceof DomainError && error.name === 'NotFound')) return 'gone';
    throw error;
  }
}

async function readBackUntilSettled<Api>(
  deps: ActionDeps,
  kind: ActionKindContract<Api>,
  api: Api,
  action: RemediationActionRow,
): Promise<ObservedResource | 'gone'> {
  let read = await observe(deps, kind, api, action);
  for (
    let reads = 1;
    read !== 'gone' && kind.verify(read) === 'settling' && reads < deps.execution.settleReads;
    reads++
  ) {
    await new Promise((resolve) => setTimeout(resolve, deps.execution.settleReadDelayMs));
    read = await observe(deps, kind, api, action);
  }
  return read;
}

const goneText = <Api>(action: RemediationActionRow, kind: ActionKindContract<Api>) =>
  `The ${kind.resource} ${action.target_label} no longer exists in ${action.workspace_name}.`;

function isRetryable(error: unknown): boolean {
  if (error instanceof DatabricksApiError) return error.retryable;
  return !(error instanceof DomainError);
}

/** Step 1, committed before any call: this attempt's token and lease, and the intent to call. */
async function claimCall(deps: ActionDeps, action: RemediationActionRow): Promise<Claim | undefined> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('remediation_actions')
      .selectAll()
      .where('id', '=', action.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.state !== 'approved' && row.state !== 'executing') return undefined;
    const leased =
      row.intent_token !== null &&
      row.intent_at !== null &&
      Date.now() - row.intent_at.getTime() < deps.execution.leaseMs;
    if (leased) throw new ActionInFlight(`action ${row.id} is being executed by another attempt`);
    const token = randomUUID();
    await trx
      .updateTable('remediation_actions')
      .set({
        state: 'executing',
        intent_token: token,
        // Wall-clock time: leases are about processes, not the domain's clock.
        intent_at: new Date(),
        intent_attempts: sql`intent_attempts + 1`,
        call_started_at: row.call_started_at ?? now,
      })
      .where('id', '=', row.id)
      .execute();
    if (row.state === 'approved') {
      await recordAuditEvent(trx, {
        actor: 'system',
        action: 'action.executing',
        subjectType: 'remediation_action',
        subjectId: row.id,
        before: { state: 'approved' },
        after: { state: 'executing' },
        at: now,
      });
    }
    return { token, resumed: row.call_started_at !== null };
  });
}

/** The call failed in a way another attempt may fix: the intent stays, the lease goes. */
async function releaseClaim(deps: ActionDeps, actionId: string, claim: Claim, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await deps.db
    .updateTable('remediation_actions')
    .set({ intent_token: null, intent_at: null, last_error: message.slice(0, 500) })
    .where('id', '=', actionId)
    .where('intent_token', '=', claim.token)
    .execute()
    .catch((releaseError: unknown) =>
      deps.log.warn({ err: releaseError }, 'could not release an action claim'),
    );
}

/** Step 3: the outcome, recorded only by the attempt holding the claim; then every copy is updated. */
async function finish(
  deps: ActionDeps,
  action: RemediationActionRow,
  claim: Claim,
  state: 'succeeded' | 'failed',
  outcome: ActionOutcome,
  error: string | null,
): Promise<RemediationActionRow | undefined> {
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('remediation_actions')
      .set({
        state,
        outcome: JSON.stringify(outcome),
        last_error: error?.slice(0, 500) ?? null,
        finished_at: now,
        intent_token: null,
        intent_at: null,
      })
      .where('id', '=', action.id)
      .where('state', '=', 'executing')
      .where('intent_token', '=', claim.token)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    await recordAuditEvent(trx, {
      actor: 'system',
      action: `action.${state}`,
      subjectType: 'remediation_action',
      subjectId: action.id,
      before: { state: 'executing' },
      after: { state, outcome },
      details: error ? { error } : undefined,
      at: now,
    });
    if (state === 'succeeded' && action.undoes_action_id) {
      await trx
        .updateTable('remediation_actions')
        .set({ undone_by_action_id: action.id })
        .where('id', '=', action.undoes_action_id)
        .execute();
    }
    return updated;
  });
  if (!row) return undefined;
  deps.log.info({ actionId: row.id, state, error }, 'action finished');
  await followUpAction(deps, row);
  return row;
}

/** Gives up on an action whose attempts ran out: failed with the last error, on every card. */
export async function markActionFailed(deps: ActionDeps, actionId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const updated = await transitionAction(trx, actionId, ['approved', 'executing'], {
      state: 'failed',
      last_error: `Gave up after retries: ${message}`.slice(0, 500),
      finished_at: now,
      intent_token: null,
      intent_at: null,
    });
    if (updated) {
      await recordAuditEvent(trx, {
        actor: 'system',
        action: 'action.failed',
        subjectType: 'remediation_action',
        subjectId: actionId,
        after: { state: 'failed' },
        details: { error: message },
        at: now,
      });
    }
    return updated;
  });
  if (row) await followUpAction(deps, row);
}
