import { Agent, type AgentOptions } from 'node:https';
import { createSecureContext } from 'node:tls';
import { sharedSecureContext } from './trusted-roots.js';
import type { DBSQLClient } from '@databricks/sql';

/** The parts of the driver's HttpConnection this module relies on (driver 2.x internals). */
interface DriverHttpConnection {
  options: {
    ca?: (string | Buffer)[];
    cert?: string | Buffer;
    key?: string | Buffer;
    rejectUnauthorized?: boolean;
  };
  getAgentDefaultOptions(): AgentOptions;
  createHttpsAgent(): Agent;
}
interface DriverClientInternals {
  createConnectionProvider(options: unknown): DriverHttpConnection;
}

/**
 * Makes the driver's HTTPS agent carry its trusted roots as one prebuilt TLS context rather than
 * as a `ca` list. With `customCaCert` the driver puts Node's ~140 bundled roots plus the extra CA
 * into the agent's `ca` option, and Node's agent concatenates that list (~200 kB) into its pool
 * key on every request and again when each socket is freed: seconds of CPU per 100,000 result
 * fetches, the largest cost of reading system tables through a private CA (and of every sandbox
 * start). Certificate checks are unchanged (same roots, same host name check, same
 * `rejectUnauthorized`). Applies before `connect()`; verified by sql-warehouse-sessions tests.
 */
export function withSharedTlsContext(client: DBSQLClient): DBSQLClient {
  const internals = client as unknown as DriverClientInternals;
  const create = internals.createConnectionProvider.bind(client);
  internals.createConnectionProvider = (options: unknown) => {
    const connection = create(options);
    const { ca, cert, key, rejectUnauthorized } = connection.options;
    if (ca === undefined) return connection;
    const secureContext =
      cert === undefined && key === undefined
        ? sharedSecureContext(ca)
        : createSecureContext({ ca, cert, key, minVersion: 'TLSv1.2' });
    connection.createHttpsAgent = () =>
      new Agent({
        ...connection.getAgentDefaultOptions(),
        minVersion: 'TLSv1.2',
        rejectUnauthorized: rejectUnauthorized ?? true,
        secureContext,
      });
    return connection;
  };
  return client;
}
