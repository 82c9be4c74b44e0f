import type { Db } from '../db/database.js';
import type { AuditEventRow } from '../db/tables/audit-events.js';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';

export interface AuditEvent {
  /** Who did it: `slack:U123`, `system`, `system:auto-approve`, ... */
  actor: string;
  /** What happened, e.g. `access.requested`, `access.approved`, `access.expired`. */
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  at: Date;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Appends one row to the audit trail (in the caller's transaction when given one). */
export async function recordAuditEvent(db: Db | Transaction<Database>, event: AuditEvent): Promise<void> {
  await recordAuditEvents(db, [event]);
}

/** Appends rows to the audit trail in one statement, in order. */
export async function recordAuditEvents(db: Db | Transaction<Database>, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      events.map((event) => ({
        occurred_at: event.at,
        actor: event.actor,
        action: event.action,
        subject_type: event.subjectType,
        subject_id: event.subjectId,
        before: json(event.before),
        after: json(event.after),
        details: json(event.details),
      })),
    )
    .execute();
}

export async function auditTrailOf(db: Db, subjectType: string, subjectId: string): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}
