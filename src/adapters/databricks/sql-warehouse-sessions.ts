/**
 * Sessions on SQL warehouses through the real `@databricks/sql` driver: one DBSQLClient and one
 * session per warehouse, opened on first use (concurrent callers share the opening), authenticated
 * by a token provider that hands the driver our own cached OAuth M2M token. Telemetry is off.
 */
import { auth, DBSQLClient, LogLevel } from '@databricks/sql';
import { withSharedTlsContext } from './driver-https-agent.js';
import type { Logger } from '../../logging/logger.js';
import type { ExpiringToken } from './oauth-token-provider.js';
import { toWorkspaceError } from './sql-errors.js';

export type WarehouseSession = Awaited<ReturnType<DBSQLClient['openSession']>>;

/** Driver retry and socket settings (tests shorten them). */
export interface SqlDriverOptions {
  retryMaxAttempts?: number;
  retryDelayMin?: number;
  retryDelayMax?: number;
  retriesTimeout?: number;
  socketTimeout?: number;
}

export interface WarehouseSessionsOptions {
  /** `https://<host>[:port]` */
  workspaceUrl: string;
  token: () => Promise<ExpiringToken>;
  extraCaPem?: string;
  driver?: SqlDriverOptions;
  log?: Logger;
}

interface OpenWarehouse {
  client: DBSQLClient;
  session: WarehouseSession;
}

export class WarehouseSessions {
  readonly #open = new Map<string, Promise<OpenWarehouse>>();
  readonly #options: WarehouseSessionsOptions;

  constructor(options: WarehouseSessionsOptions) {
    this.#options = options;
  }

  /** The warehouse's session, opening it when needed. Errors come mapped to the port's errors. */
  async session(warehouseId: string): Promise<WarehouseSession> {
    let opening = this.#open.get(warehouseId);
    if (!opening) {
      opening = this.#connect(warehouseId);
      this.#open.set(warehouseId, opening);
      opening.catch(() => this.#open.delete(warehouseId));
    }
    try {
      return (await opening).session;
    } catch (error) {
      throw toWorkspaceError(error, `warehouse ${warehouseId}`);
    }
  }

  /** Drops a session that failed outside a statement (network, expired handle); the next use reopens. */
  async discard(warehouseId: string): Promise<void> {
    const opening = this.#open.get(warehouseId);
    this.#open.delete(warehouseId);
    await closeQuietly(opening);
  }

  async closeAll(): Promise<void> {
    const all = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(all.map(closeQuietly));
  }

  async #connect(warehouseId: string): Promise<OpenWarehouse> {
    const { workspaceUrl, token, extraCaPem, driver, log } = this.#options;
    const url = new URL(workspaceUrl);
    const client = withSharedTlsContext(new DBSQLClient({ logger: driverLogger(log) }));
    await client.connect({
      host: url.hostname,
      port: url.port === '' ? 443 : Number(url.port),
      path: `/sql/1.0/warehouses/${encodeURIComponent(warehouseId)}`,
      telemetryEnabled: false,
      ...(extraCaPem ? { customCaCert: extraCaPem } : {}),
      ...driver,
      authType: 'token-provider',
      tokenProvider: {
        getName: () => 'databricks-chatops-oauth-m2m',
        getToken: async () => {
          const current = await token();
          return new auth.Token(current.value, { expiresAt: new Date(current.expiresAt) });
        },
      },
    });
    try {
      return { client, session: await client.openSession() };
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }
}

async function closeQuietly(opening: Promise<OpenWarehouse> | undefined): Promise<void> {
  const open = await opening?.catch(() => undefined);
  if (!open) return;
  await open.session.close().catch(() => undefined);
  await open.client.close().catch(() => undefined);
}

/** The driver's own log lines: warnings and errors only, never its debug chatter. */
function driverLogger(log: Logger | undefined) {
  return {
    log: (level: LogLevel, message: string) => {
      if (!log) return;
      if (level === LogLevel.error || level === LogLevel.warn) {
        log.warn({ component: 'databricks-sql' }, message.slice(0, 500));
      }
    },
  };
}
