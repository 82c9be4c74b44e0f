/**
 * What the bot recorded, read straight from its database with a fresh connection per read, so a
 * Postgres restart between reads does no harm (a read during one is retried, bounded).
 */
import pg from 'pg';

export interface RequestRecord {
  id: string;
  /** The short reference's number (`AR-1042`). */
  number: number;
  requester: string;
  group_key: string;
  databricks_group: string;
  databricks_user_id: string;
  state: string;
  auto_approved: boolean;
  standing_membership: boolean;
  extends_request_id: string | null;
  created_at: Date;
  starts_at: Date | null;
  ends_at: Date | null;
  ended_at: Date | null;
}

export interface AuditRecord {
  subject_id: string;
  action: string;
  occurred_at: Date;
}

export class BotDatabase {
  constructor(readonly url: string) {}

  requests(): Promise<RequestRecord[]> {
    return this.query<RequestRecord>(
      `select id, number, requester, group_key, databricks_group, databricks_user_id, state, auto_approved,
              standing_membership, extends_request_id, created_at, starts_at, ends_at, ended_at
         from access_requests order by created_at`,
    );
  }

  auditEvents(): Promise<AuditRecord[]> {
    return this.query<AuditRecord>(
      `select subject_id, action, occurred_at from audit_events
        where subject_type = 'access_request' order by id`,
    );
  }

  /** The active grant of a Slack user for a policy group, if any. */
  async activeGrant(slackUserId: string, groupKey: string): Promise<RequestRecord | undefined> {
    const all = await this.requests();
    return all.find(
      (r) => r.requester === `slack:${slackUserId}` && r.group_key === groupKey && r.state === 'active',
    );
  }

  async query<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 3_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.query(text, values)).rows as T[];
      } catch (error) {
        if (Date.now() > deadline || !isConnectionProblem(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }
}

function isConnectionProblem(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '3D000', '42P01'].includes(code) ||
    /terminat|timeout|Connection/i.test(message)
  );
}
