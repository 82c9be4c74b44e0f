/**
 * Opens WorkspaceClients for the connector and collector domains: checks the workspace URL
 * (https; loopback hosts only when allowed, i.e. in development against the emulator) and shares
 * the TLS, retry and driver settings taken from configuration.
 */
import type { Logger } from '../../logging/logger.js';
import type {
  WorkspaceApi,
  WorkspaceApiFactory,
  WorkspaceConnectionSettings,
} from '../../ports/databricks-workspace.js';
import { isLoopbackHost } from '../../connectors/workspace-url.js';
import type { RetryOptions } from './retry-policy.js';
import type { SqlDriverOptions } from './sql-warehouse-sessions.js';
import { WorkspaceClient } from './workspace-client.js';
import { workspaceFetch } from './workspace-https.js';

export interface WorkspaceClientFactoryOptions {
  /** PEM trusted on top of the usual roots (DATABRICKS_TLS_CA_FILE). */
  extraCaPem?: string;
  /** Accept `https://127.0.0.1:…` and `localhost` (DATABRICKS_ALLOW_LOOPBACK_HOSTS; never in production). */
  allowLoopbackHosts?: boolean;
  retry?: Partial<RetryOptions>;
  requestTimeoutMs?: number;
  driver?: SqlDriverOptions;
  log?: Logger;
}

export class WorkspaceClientFactory implements WorkspaceApiFactory {
  constructor(private readonly options: WorkspaceClientFactoryOptions = {}) {}

  connect(settings: WorkspaceConnectionSettings): WorkspaceApi {
    const url = new URL(settings.workspaceUrl);
    if (url.protocol !== 'https:') throw new Error('Databricks workspace URLs must use https');
    if (isLoopbackHost(url.hostname) && !this.options.allowLoopbackHosts) {
      throw new Error('loopback workspace hosts are refused (DATABRICKS_ALLOW_LOOPBACK_HOSTS is off)');
    }
    return new WorkspaceClient({
      workspaceUrl: url.origin,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      fetch: workspaceFetch(this.options.extraCaPem),
      extraCaPem: this.options.extraCaPem,
      retry: this.options.retry,
      requestTimeoutMs: this.options.requestTimeoutMs,
      driver: this.options.driver,
      log: this.options.log,
    });
  }
}
