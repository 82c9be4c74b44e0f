/**
 * Asking for access the way people do: `/databricks request-access <group> <n>s` in Slack, the
 * approver clicking Approve when the request went to the approvers, the grantee clicking Extend.
 */
import type { FaultWorld } from './fault-world.js';
import type { PolicyGroup } from './fault-cast.js';
import { pendingRequestNumber, type SentCommand } from './slack-front-door.js';
import { holdsWithin, waitUntil } from './wait.js';

export interface GrantAttempt {
  userId: string;
  group: PolicyGroup;
  seconds: number;
  command: SentCommand;
  reply?: string;
  requestId?: string;
}

/** Sends the slash command; resolves once Slack has the bot's acknowledgement. */
export async function sendRequest(
  world: FaultWorld,
  userId: string,
  group: PolicyGroup,
  seconds: number,
): Promise<GrantAttempt> {
  const command = await world.front.command(userId, `request-access ${group} ${seconds}s fault suite`);
  return { userId, group, seconds, command };
}

/** Waits for the bot's answer and, when the request went to the approvers, approves it. */
export async function followUp(
  world: FaultWorld,
  attempt: GrantAttempt,
  replyTimeoutMs = 30_000,
): Promise<void> {
  if (attempt.command.status !== 200) return;
  attempt.reply = await world.front.reply(attempt.command, replyTimeoutMs).catch(() => undefined);
  const number = attempt.reply ? pendingRequestNumber(attempt.reply) : undefined;
  attempt.requestId =
    number === undefined ? undefined : (await world.db.requests()).find((r) => r.number === number)?.id;
  if (attempt.requestId) await approve(world, attempt.requestId);
}

/** The approver clicks Approve, and again when a fault turned the click into an apology. */
async function approve(world: FaultWorld, requestId: string): Promise<void> {
  const decided = async () =>
    (await world.db.requests()).find((r) => r.id === requestId)?.state !== 'pending';
  for (let click = 1; click <= 3; click++) {
    await clickUntilAcknowledged(() => world.front.approve(requestId));
    if (await holdsWithin(decided, 15_000, 250)) return;
  }
}

export async function requestGrant(
  world: FaultWorld,
  userId: string,
  group: PolicyGroup,
  seconds: number,
): Promise<GrantAttempt> {
  const attempt = await sendRequest(world, userId, group, seconds);
  await followUp(world, attempt);
  return attempt;
}

/** Once the user's grant is active, they click Extend; an extension that needs approval is approved. */
export async function extendGrant(world: FaultWorld, userId: string, group: PolicyGroup): Promise<void> {
  let grantId = '';
  await waitUntil(
    `an active grant of ${group} for ${userId} to extend`,
    async () => {
      grantId = (await world.db.activeGrant(userId, group))?.id ?? '';
      return grantId !== '';
    },
    // Applies wait out every kill and restart of the worker before them; on a busy 2-core
    // machine that can take a minute.
    150_000,
    250,
  );
  let extensionId = '';
  const filed = async () => {
    const extension = (await world.db.requests()).find((r) => r.extends_request_id === grantId);
    extensionId = extension?.state === 'pending' ? extension.id : '';
    return extension !== undefined;
  };
  // A click answered with an apology (a fault hit it) is clicked again, as a person would.
  for (let click = 1; !(await filed()); click++) {
    if (click > 3) throw new Error(`three clicks on Extend filed no extension of ${grantId}`);
    await clickUntilAcknowledged(() => world.front.extend(userId, grantId));
    await holdsWithin(filed, 15_000, 250);
  }
  if (extensionId) await approve(world, extensionId);
}

/** A click is retried while no web role answers (it is being replaced), as Slack would show an error and the person click again. */
async function clickUntilAcknowledged(click: () => Promise<number>): Promise<void> {
  let last = 'no attempt';
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const status = await click();
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`a button click was never acknowledged (${last})`);
}
