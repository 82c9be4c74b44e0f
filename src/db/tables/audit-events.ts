import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Append-only record of every state change: who did what to which subject, before and after. */
export interface AuditEventsTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | string, never>;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: ColumnType<unknown, string | null, never> | null;
  after: ColumnType<unknown, string | null, never> | null;
  details: ColumnType<unknown, string | null, never> | null;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
