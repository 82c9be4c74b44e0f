import { CORE_SYSTEM_TABLES } from './core-system-tables.js';
import { OPTIONAL_SYSTEM_TABLES } from './optional-system-tables.js';
import type { SystemTableSpec } from './system-table-spec.js';

/** Every system table a collector reads, in the order a run reads them (billing first). */
export const SYSTEM_TABLE_CATALOG: readonly SystemTableSpec[] = [
  ...CORE_SYSTEM_TABLES,
  ...OPTIONAL_SYSTEM_TABLES,
];

const BY_NAME = new Map(SYSTEM_TABLE_CATALOG.map((table) => [table.name, table]));

/** The collected table called `name` (three-part, case-insensitive), if there is one. */
export function systemTable(name: string): SystemTableSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}
