import { DeliveryError } from '../../src/ports/notifier.js';

/** Bot Connector statuses no retry can fix: not allowed, conversation or activity gone, card rejected. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 413]);

interface ConnectorFailure {
  statusCode?: number;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** Bot Connector errors as the job runner understands them: retry later, retry, or give up. */
export function deliveryErrorFrom(error: unknown): unknown {
  if (error instanceof DeliveryError) return error;
  const failure = error as ConnectorFailure;
  const status = failure.statusCode;
  if (status === 429) {
    const seconds = Number(failure.response?.headers?.get?.('retry-after') ?? '1');
    return new DeliveryError('Teams rate limit', false, (Number.isFinite(seconds) ? seconds : 1) * 1000);
  }
  if (status !== undefined && PERMANENT_STATUSES.has(status)) {
    return new DeliveryError(`Teams: HTTP ${status} ${failure.message ?? ''}`.trim(), true);
  }
  return error;
}
