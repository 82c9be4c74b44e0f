import type { Db } from '../db/database.js';
import type { ChatMessage } from '../messages/chat-message.js';
import { userText } from '../messages/chat-message.js';
import { formatTime } from '../findings/finding-messages.js';

/** `agents`: every active agent, where its traces are read from, and how its last scan went. */
export async function agentsListMessage(db: Db): Promise<ChatMessage> {
  const agents = await db
    .selectFrom('agents as a')
    .innerJoin('connectors as c', 'c.id', 'a.connector_id')
    .selectAll('a')
    .select('c.name as workspace')
    .where('a.state', '=', 'active')
    .orderBy('c.name')
    .orderBy('a.name')
    .limit(100)
    .execute();
  return {
    kind: 'agents.list',
    title: agents.length === 0 ? 'No agents found yet' : `Agents: ${agents.length}`,
    body: agents.map((agent) => {
      const sources = [
        agent.inference_table ? `inference table \`${agent.inference_table}\`` : '',
        agent.spans_table ? `MLflow spans \`${agent.spans_table}\`` : '',
      ].filter(Boolean);
      const models = agent.served_entities
        .map((e) => (e.entityName ? `${e.entityName}${e.entityVersion ? ` v${e.entityVersion}` : ''}` : ''))
        .filter(Boolean)
        .join(', ');
      const scan = agent.last_scan_at
        ? `last scan ${formatTime(agent.last_scan_at)}: ${agent.last_scan_status === 'ok' ? 'ok' : 'failed'}${agent.last_scan_detail ? ` (${agent.last_scan_detail})` : ''}`
        : 'not scanned yet';
      if (!agent.served) {
        return userText(
          `${agent.name} · ${agent.workspace} · Unity Catalog ${agent.uc_kind ?? 'object'} · not served (no serving endpoint yet, nothing to scan)`,
        );
      }
      return userText(
        `${agent.name} · ${agent.workspace}${agent.task ? ` · ${agent.task}` : ''}${models ? ` · serves ${models}` : ''} · traces: ${sources.length > 0 ? sources.join(' and ') : 'none found'} · ${scan}`,
      );
    }),
    context: [
      agents.length === 0
        ? 'Agents appear after the first scan of a connected workspace (every few minutes).'
        : 'Agent and chat serving endpoints, and Unity Catalog models and tools not served yet; `findings <agent>` lists what was found.',
    ],
  };
}
