/**
 * A local Databricks workspace for integration tests, the sandbox and your own tests: an HTTPS
 * server on 127.0.0.1 (random port, self-signed certificate) that the real `@databricks/sql`
 * driver and our REST client talk to, with system-table data kept in Postgres.
 *
 * ```ts
 * const emulator = await startDatabricksEmulator({ clientId, clientSecret });
 * await emulator.seed({ seed: 7, days: 90 });             // realistic account, see seed/
 * const client = await new DBSQLClient().connect({
 *   host: emulator.host, port: emulator.port, path: emulator.warehousePath(),
 *   customCaCert: emulator.caCert, token: accessToken, telemetryEnabled: false });
 * emulator.faults.denySelect('system.billing.usage');    // see emulator-faults.ts
 * emulator.statements;                                    // what the warehouse was asked
 * await emulator.close();                                 // drops a throwaway database
 * ```
 *
 * - `POST /oidc/v1/token` (workspace OAuth M2M, client credentials) issues bearer tokens; every
 *   other endpoint needs one (or one of `staticTokens`). Wrong credentials: 401 invalid_client.
 * - `GET /api/2.0/sql/warehouses[/{id}]`, `GET /api/2.0/serving-endpoints[/{name}]`,
 *   `GET /api/2.1/unity-catalog/models` and `/functions` (see unity-catalog-rest.ts).
 * - Remediation calls (workspace-compute.ts): clusters get/delete/start, jobs get/update and
 *   runs get/cancel, warehouse stop/start, a serving endpoint's AI Gateway (PUT), with
 *   Databricks' error codes; `faults.denyWrites('clusters/delete')` answers 403.
 * - `POST /sql/1.0/warehouses/{id}`: TCLIService over HTTP (TBinaryProtocol), served by the
 *   driver's own generated Processor (warehouse-sql-service.ts); statements are translated to
 *   Postgres (sql-translator.ts lists the supported SQL) and streamed with a cursor. Results are
 *   column-based by default; `resultFormat: 'arrow'` answers with Arrow like a real warehouse
 *   (timestamps and dates then reach the caller as `Date`s — test collectors in both modes).
 * - Faults (emulator-faults.ts): `faults.failRequests('token' | 'rest' | 'sql', { status,
 *   retryAfterSeconds?, times?, thriftMethod?, path? })`, `faults.slowStatements({ polls?, ms?,
 *   matching?, times? })`, `faults.denySelect('system.billing.usage')`, `faults.clear()`;
 *   `expireTokens()`. Recordings: `statements`, `requests`, `waitForStatement`, `waitForRequest`.
 * - `beforeAnswering(hook)`: a hook run after each REST call was carried out, before its answer
 *   is sent (the fault suite kills the bot's worker there: the change happened, the caller never
 *   heard).
 * - The database: `databaseUrl` if given (tables created when missing, never dropped), else a
 *   fresh database dropped by `close()`. `system.x.y` lives in Postgres as `"system__x"."y"`.
 */
import { createServer, type Server } from 'node:https';
import type { UnityCatalogContents } from './unity-catalog-rest.js';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { RecordedList } from './recorded-list.js';
import { createEmulatorCertificate } from './emulator-certificate.js';
import {
  createEmulatorDatabaseUrl,
  createEmulatorPool,
  createSystemTables,
  dropEmulatorDatabase,
} from './emulator-database.js';
import { EmulatorFaults } from './emulator-faults.js';
import { handleEmulatorRequest } from './emulator-http.js';
import type { BeforeAnsweringHook, RecordedRequest, RecordedStatement } from './emulator-recordings.js';
import { seedAccount, type SeedOptions, type SeededAccount } from './seed/seed-account.js';
import { WarehouseSqlService } from './warehouse-sql-service.js';
import type { EmulatedServingEndpoint, EmulatedWarehouse } from './workspace-rest.js';
import type { EmulatedCluster, EmulatedJob, EmulatedRun } from './workspace-compute.js';
import { WorkspaceTokenIssuer } from './workspace-tokens.js';

export type { EmulatedServingEndpoint, EmulatedWarehouse } from './workspace-rest.js';
export type { EmulatedCluster, EmulatedJob, EmulatedRun } from './workspace-compute.js';
export type {
  BeforeAnsweringHook,
  CarriedOutCall,
  RecordedRequest,
  RecordedStatement,
} from './emulator-recordings.js';
export type { HttpFault, SlowStatementFault, FaultTarget } from './emulator-faults.js';
export type { SeedOptions, SeededAccount } from './seed/seed-account.js';

export interface DatabricksEmulatorOptions {
  clientId: string;
  clientSecret: string;
  /** Postgres database holding the system tables; default: a throwaway one. */
  databaseUrl?: string;
  /** Default: one RUNNING warehouse with id `DEFAULT_WAREHOUSE_ID`. */
  warehouses?: EmulatedWarehouse[];
  servingEndpoints?: EmulatedServingEndpoint[];
  /** All-purpose clusters (`clusters/get`, `delete`, `start`); default none. */
  clusters?: EmulatedCluster[];
  /** Jobs and runs (`jobs/get`, `update`, `runs/get`, `runs/cancel`); default none. */
  jobs?: EmulatedJob[];
  runs?: EmulatedRun[];
  /** How long a terminate, start or stop takes to settle (ms); default 0 (the next read). */
  settleMs?: number;
  /** Unity Catalog registered models and functions (agents and tools that may have no endpoint). */
  unityCatalog?: Partial<UnityCatalogContents>;
  /** Bearer tokens accepted without OAuth (like personal access tokens). */
  staticTokens?: string[];
  /** Lifetime of issued tokens; default 3600 like Databricks. */
  tokenTtlSeconds?: number;
  /** Answer ExecuteStatement with direct results (status, metadata, first page); default false. */
  directResults?: boolean;
  /** Most rows per page whatever the client asks; default 100,000 (the driver's default page). */
  maxPageRows?: number;
  /**
   * `column` (default): COLUMN_BASED_SET, timestamps and dates reach the caller as strings.
   * `arrow`: Arrow batches like a real warehouse, so the driver returns `Date`s for TIMESTAMP and
   * DATE columns, as it does in production (see arrow-result.ts).
   */
  resultFormat?: 'column' | 'arrow';
}

export interface DatabricksEmulator {
  /** `https://127.0.0.1:<port>`: the workspace URL. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** PEM of the self-signed certificate: pass as the driver's `customCaCert`. */
  readonly caCert: string;
  readonly databaseUrl: string;
  /** The emulator's Postgres pool, for inserting rows or checking what is there. */
  readonly pool: pg.Pool;
  /** Mutable: change a state or push a warehouse at runtime. */
  readonly warehouses: EmulatedWarehouse[];
  readonly servingEndpoints: EmulatedServingEndpoint[];
  /** Mutable: add clusters, jobs and runs, or change their state, at runtime. */
  readonly clusters: EmulatedCluster[];
  readonly jobs: EmulatedJob[];
  readonly runs: EmulatedRun[];
  /** How long a change of state takes to settle (ms); may be changed at runtime. */
  settleMs: number;
  /** Mutable: register or drop models and functions at runtime. */
  readonly unityCatalog: UnityCatalogContents;
  readonly faults: EmulatorFaults;
  readonly statements: readonly RecordedStatement[];
  readonly requests: readonly RecordedRequest[];
  readonly tokensIssued: number;
  warehousePath(warehouseId?: string): string;
  /** Fills the system tables with a deterministic account (see seed/seed-account.ts). */
  seed(options?: SeedOptions): Promise<SeededAccount>;
  waitForStatement(
    match: (statement: RecordedStatement) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedStatement>;
  waitForRequest(match: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Every token issued so far stops working, as if it had expired. */
  expireTokens(): void;
  /** Runs `hook` after each REST call is carried out and before it is answered (awaited). */
  beforeAnswering(hook: BeforeAnsweringHook): void;
  close(): Promise<void>;
}

export const DEFAULT_WAREHOUSE_ID = '5e2a7c1d9b3f4a60';

export async function startDatabricksEmulator(
  options: DatabricksEmulatorOptions,
): Promise<DatabricksEmulator> {
  const ownsDatabase = options.databaseUrl === undefined;
  const databaseUrl = options.databaseUrl ?? (await createEmulatorDatabaseUrl());
  const pool = createEmulatorPool(databaseUrl);
  await createSystemTables(pool);
  const certificate = await createEmulatorCertificate();
  const faults = new EmulatorFaults();
  const statements = new RecordedList<RecordedStatement>();
  const requests = new RecordedList<RecordedRequest>();
  const beforeAnswering: BeforeAnsweringHook[] = [];
  const warehouses = options.warehouses ?? [
    { id: DEFAULT_WAREHOUSE_ID, name: 'Emulated Serverless Warehouse', state: 'RUNNING' },
  ];
  const servingEndpoints = options.servingEndpoints ?? [];
  const clusters = options.clusters ?? [];
  const jobs = options.jobs ?? [];
  const runs = options.runs ?? [];
  const settle = { ms: options.settleMs ?? 0 };
  const unityCatalog: UnityCatalogContents = {
    registeredModels: options.unityCatalog?.registeredModels ?? [],
    functions: options.unityCatalog?.functions ?? [],
  };
  const tokens = new WorkspaceTokenIssuer({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ttlSeconds: options.tokenTtlSeconds ?? 3600,
    staticTokens: options.staticTokens ?? [],
  });
  const sql = new WarehouseSqlService({
    pool,
    faults,
    statements,
    directResults: options.directResults ?? false,
    maxPageRows: options.maxPageRows ?? 100_000,
    resultFormat: options.resultFormat ?? 'column',
    warehouses: { connect: (id) => startWarehouse(warehouses, id) },
  });
  let port = 0;
  const context = {
    host: () => '127.0.0.1',
    port: () => port,
    tokens,
    faults,
    sql,
    warehouses,
    servingEndpoints,
    clusters,
    jobs,
    runs,
    settleMs: () => settle.ms,
    unityCatalog,
    requests,
    beforeAnswering,
  };
  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    void handleEmulatorRequest(context, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const describe = (s: RecordedStatement) => `${s.state} ${s.sql.slice(0, 80)}`;
  return {
    url: `https://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    caCert: certificate.cert,
    databaseUrl,
    pool,
    warehouses,
    servingEndpoints,
    clusters,
    jobs,
    runs,
    get settleMs() {
      return settle.ms;
    },
    set settleMs(ms: number) {
      settle.ms = ms;
    },
    unityCatalog,
    faults,
    statements: statements.entries,
    requests: requests.entries,
    get tokensIssued() {
      return tokens.issuedCount;
    },
    warehousePath: (id = warehouses[0]?.id ?? DEFAULT_WAREHOUSE_ID) => `/sql/1.0/warehouses/${id}`,
    seed: (seedOptions) => seedAccount(pool, { warehouses, ...seedOptions }),
    waitForStatement: (match, timeoutMs = 5000) =>
      statements.waitFor(match, timeoutMs, () => `No matching statement. ${statements.summary(describe)}`),
    waitForRequest: (match, timeoutMs = 5000) =>
      requests.waitFor(
        match,
        timeoutMs,
        () =>
          `No matching request. ${requests.summary((r) => `${r.method} ${r.path} ${r.thriftMethod ?? ''} -> ${r.status}`)}`,
      ),
    expireTokens: () => tokens.expireAll(),
    beforeAnswering: (hook) => void beforeAnswering.push(hook),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      statements.close('emulator closed');
      requests.close('emulator closed');
      await sql.closeAll();
      await pool.end();
      if (ownsDatabase) await dropEmulatorDatabase(databaseUrl);
    },
  };
}

function startWarehouse(warehouses: EmulatedWarehouse[], id: string): boolean {
  const warehouse = warehouses.find((w) => w.id === id);
  if (!warehouse || warehouse.state === 'DELETED' || warehouse.state === 'DELETING') return false;
  warehouse.state = 'RUNNING';
  return true;
}
