/**
 * What the `@databricks/sql` driver throws, in the port's terms: HTTP and network failures of the
 * warehouse endpoint become DatabricksApiError (retryable for 429/5xx/network), statement failures
 * DatabricksSqlError with the Databricks error class and `permissionDenied` for missing grants.
 */
import { DatabricksApiError } from '../../ports/databricks-account.js';
import { DatabricksSqlError } from '../../ports/databricks-workspace.js';
import { isRetryableStatus } from './retry-policy.js';

const PERMISSION_DENIED =
  /INSUFFICIENT_PERMISSIONS|PERMISSION_DENIED|does not have (?:\w+ )?(?:permission|privilege)|Insufficient privileges/i;
const ERROR_CLASS = /^\s*\[([A-Z][A-Z0-9_.]*)\]/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

interface DriverErrorShape {
  message?: unknown;
  statusCode?: unknown;
  code?: unknown;
  errorCode?: unknown;
}

/** Maps a driver error for `what` (e.g. `warehouse 5e2a…`); our own errors pass through. */
export function toWorkspaceError(error: unknown, what: string): Error {
  if (error instanceof DatabricksApiError || error instanceof DatabricksSqlError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as DriverErrorShape;
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  if (typeof shape.statusCode === 'number' && shape.statusCode > 0) {
    return new DatabricksApiError(
      `SQL ${what}: HTTP ${shape.statusCode}`,
      shape.statusCode,
      isRetryableStatus(shape.statusCode),
    );
  }
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) {
    return new DatabricksApiError(`SQL ${what}: network error (${shape.code})`, undefined, true);
  }
  if (
    shape.errorCode === 'ATTEMPTS_EXCEEDED' ||
    shape.errorCode === 'TIMEOUT_EXCEEDED' ||
    /Max retry count exceeded/i.test(message)
  ) {
    return new DatabricksApiError(`SQL ${what}: ${message.slice(0, 300)}`, undefined, true);
  }
  const errorClass = ERROR_CLASS.exec(message)?.[1];
  return new DatabricksSqlError(message.slice(0, 1000), PERMISSION_DENIED.test(message), false, errorClass);
}
