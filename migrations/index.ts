import type { Migration } from 'kysely/migration';
import * as createAuditEvents from './2026_11_23_0900_create_audit_events.js';
import * as createAccessRequests from './2026_11_23_1000_create_access_requests.js';

/**
 * Every migration, by its sortable name. Add new ones at the end; never reorder or edit one
 * that has landed.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0900_create_audit_events': createAuditEvents,
  '2026_11_23_1000_create_access_requests': createAccessRequests,
};
