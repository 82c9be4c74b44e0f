/**
 * The checks run before a connector or region is saved, each reported on its own: an OAuth token,
 * the SQL warehouse list, a usable warehouse, a probe of every required system table, and a probe
 * of every optional one (recorded as unavailable when it cannot be read — not a failure).
 */
import { DatabricksApiError } from '../ports/databricks-account.js';
import { DatabricksSqlError, type SqlWarehouse, type WorkspaceApi } from '../ports/databricks-workspace.js';
import {
  OPTIONAL_SYSTEM_TABLES,
  REQUIRED_SYSTEM_TABLES,
  probeStatement,
  type SystemTable,
} from './system-tables.js';

export type CheckStatus = 'ok' | 'failed' | 'skipped' | 'unavailable';

export interface ValidationCheck {
  /** What was checked, e.g. `OAuth token`, `SELECT on system.billing.usage`. */
  name: string;
  status: CheckStatus;
  detail: string;
  /** The system table a probe was about. */
  table?: SystemTable;
}

export interface WorkspaceValidation {
  /** True when every required check passed: the connector may be saved. */
  passed: boolean;
  checks: ValidationCheck[];
  warehouse: SqlWarehouse | undefined;
  optionalTables: Record<string, 'available' | 'unavailable'>;
}

const UNUSABLE_STATES = new Set(['DELETED', 'DELETING']);

/** Runs every check against `api` (one statement at a time, so a small warehouse is not flooded). */
export async function validateWorkspace(
  api: WorkspaceApi,
  options: { warehouse?: string },
): Promise<WorkspaceValidation> {
  const checks: ValidationCheck[] = [];
  const skipRest = (reason: string) => {
    for (const name of ['SQL warehouses listed', 'SQL warehouse']) {
      if (!checks.some((check) => check.name === name))
        checks.push({ name, status: 'skipped', detail: reason });
    }
    for (const table of REQUIRED_SYSTEM_TABLES)
      checks.push({ name: `SELECT on ${table}`, status: 'skipped', detail: reason, table });
  };
  const failed = (): WorkspaceValidation => ({
    passed: false,
    checks,
    warehouse: undefined,
    optionalTables: {},
  });

  try {
    await api.token();
    checks.push({
      name: 'OAuth token',
      status: 'ok',
      detail: 'The service principal signed in (OAuth M2M).',
    });
  } catch (error) {
    checks.push({ name: 'OAuth token', status: 'failed', detail: describeTokenFailure(error) });
    skipRest('needs a token');
    return failed();
  }

  let warehouses: SqlWarehouse[];
  try {
    warehouses = await api.listWarehouses();
    checks.push({
      name: 'SQL warehouses listed',
      status: 'ok',
      detail: `${warehouses.length} warehouse${warehouses.length === 1 ? '' : 's'} visible to the service principal.`,
    });
  } catch (error) {
    checks.push({ name: 'SQL warehouses listed', status: 'failed', detail: describeListFailure(error) });
    skipRest('needs the warehouse list');
    return failed();
  }

  const choice = chooseWarehouse(warehouses, options.warehouse);
  checks.push(choice.check);
  if (!choice.warehouse) {
    skipRest('needs a SQL warehouse');
    return failed();
  }
  const warehouse = choice.warehouse;

  let passed = true;
  // When the warehouse itself does not answer, every further probe would fail the same way.
  let unreachable: string | undefined;
  const probe = async (table: SystemTable) => {
    if (unreachable !== undefined) return { ok: false, skipped: true, detail: unreachable };
    const result = await probeTable(api, warehouse.id, table);
    if (result.warehouseDown) unreachable = `Not probed: ${result.detail}`;
    return { ...result, skipped: false };
  };
  for (const table of REQUIRED_SYSTEM_TABLES) {
    const result = await probe(table);
    if (!result.ok) passed = false;
    const status = result.ok ? 'ok' : result.skipped ? 'skipped' : 'failed';
    checks.push({ name: `SELECT on ${table}`, status, detail: result.detail, table });
  }
  const optionalTables: Record<string, 'available' | 'unavailable'> = {};
  for (const table of OPTIONAL_SYSTEM_TABLES) {
    const result = await probe(table);
    optionalTables[table] = result.ok ? 'available' : 'unavailable';
    checks.push({
      name: `SELECT on ${table} (optional)`,
      status: result.ok ? 'ok' : 'unavailable',
      detail: result.ok ? result.detail : `${result.detail} The features that need it stay off.`,
      table,
    });
  }
  return { passed, checks, warehouse, optionalTables };
}

/** The warehouse named (by id or name), else a RUNNING one, else any that can be started. */
export function chooseWarehouse(
  warehouses: SqlWarehouse[],
  wanted: string | undefined,
): { warehouse?: SqlWarehouse; check: ValidationCheck } {
  const usable = warehouses.filter((warehouse) => !UNUSABLE_STATES.has(warehouse.state));
  const name = 'SQL warehouse';
  if (wanted !== undefined) {
    const lower = wanted.toLowerCase();
    const found =
      usable.find((warehouse) => warehouse.id === wanted) ??
      usable.find((warehouse) => warehouse.name.toLowerCase() === lower);
    if (!found) {
      const known = usable.map((warehouse) => `${warehouse.name} (${warehouse.id})`).join(', ') || 'none';
      return { check: { name, status: 'failed', detail: `No warehouse "${wanted}". Warehouses: ${known}.` } };
    }
    return { warehouse: found, check: { name, status: 'ok', detail: describeChoice(found) } };
  }
  const found = usable.find((warehouse) => warehouse.state === 'RUNNING') ?? usable[0];
  if (!found) {
    return {
      check: {
        name,
        status: 'failed',
        detail:
          'No SQL warehouse the service principal can use. Create one (a 2X-Small serverless warehouse is ' +
          'enough) and give the service principal CAN USE on it.',
      },
    };
  }
  return { warehouse: found, check: { name, status: 'ok', detail: describeChoice(found) } };
}

function describeChoice(warehouse: SqlWarehouse): string {
  const starting =
    warehouse.state === 'RUNNING' ? '' : ' — the probes start it, which can take a few minutes';
  return `Using ${warehouse.name} (${warehouse.id}, ${warehouse.state})${starting}.`;
}

async function probeTable(
  api: WorkspaceApi,
  warehouseId: string,
  table: SystemTable,
): Promise<{ ok: boolean; detail: string; warehouseDown?: boolean }> {
  try {
    await api.streamQuery(warehouseId, probeStatement(table), {
      batchSize: 1,
      onBatch: async () => undefined,
    });
    return { ok: true, detail: 'Readable.' };
  } catch (error) {
    const warehouseDown = !(error instanceof DatabricksSqlError);
    return { ok: false, detail: describeProbeFailure(error, table), warehouseDown };
  }
}

function describeTokenFailure(error: unknown): string {
  if (error instanceof DatabricksApiError && (error.status === 400 || error.status === 401)) {
    return 'The workspace refused the client id and secret (invalid_client). Check both, and that the OAuth secret has not expired.';
  }
  return `Could not get a token: ${messageOf(error)}`;
}

function describeListFailure(error: unknown): string {
  if (error instanceof DatabricksApiError && error.status === 403) {
    return 'The service principal may not list SQL warehouses: add it to the workspace (Workspace access entitlement).';
  }
  return `Could not list SQL warehouses: ${messageOf(error)}`;
}

function describeProbeFailure(error: unknown, table: SystemTable): string {
  if (error instanceof DatabricksSqlError && error.permissionDenied) {
    return `No SELECT permission. Grant it with USE CATALOG/USE SCHEMA and \`GRANT SELECT ON TABLE ${table} TO <service principal>\`.`;
  }
  if (error instanceof DatabricksSqlError && error.errorClass === 'TABLE_OR_VIEW_NOT_FOUND') {
    return `Not found: enable the ${table.split('.').slice(0, 2).join('.')} system schema for the metastore.`;
  }
  if (error instanceof DatabricksApiError && error.status === 403) {
    return 'The warehouse refused the service principal: give it CAN USE on the warehouse.';
  }
  return `Probe failed: ${messageOf(error)}`;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
