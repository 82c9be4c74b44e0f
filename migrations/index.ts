import type { Migration } from 'kysely/migration';
import * as createAuditEvents from './2026_11_23_0900_create_audit_events.js';

/**
 * Every migration, by its sortable name. Add new ones at the end; never reorder or edit one
 * that has landed.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0900_create_audit_events': createAuditEvents,
};
