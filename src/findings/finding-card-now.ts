import type { ChatMessage } from '../messages/chat-message.js';
import type { FindingDeps } from './finding-deps.js';
import { findingMessage } from './finding-messages.js';

/** A finding's message as it reads now, or undefined when the finding is gone. */
export async function findingCardNow(deps: FindingDeps, findingId: string): Promise<ChatMessage | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(findingId)) return undefined;
  const finding = await deps.db
    .selectFrom('security_findings')
    .selectAll()
    .where('id', '=', findingId)
    .executeTakeFirst();
  if (!finding) return undefined;
  const agent = await deps.db
    .selectFrom('agents')
    .selectAll()
    .where('id', '=', finding.agent_id)
    .executeTakeFirstOrThrow();
  return findingMessage(finding, agent, deps.clock.now());
}
