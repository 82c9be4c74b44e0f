import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/ports/notifier.js';
import { deliveryErrorFrom } from './teams-delivery-errors.js';

const connectorError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error('connector said no'), {
    statusCode,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });

describe('deliveryErrorFrom (Bot Connector errors → what the delivery job does)', () => {
  it('waits out a 429 for its Retry-After', () => {
    expect(deliveryErrorFrom(connectorError(429, '7'))).toMatchObject({
      permanent: false,
      retryAfterMs: 7_000,
    });
    expect(deliveryErrorFrom(connectorError(429))).toMatchObject({ retryAfterMs: 1_000 });
  });

  it('gives up on refusals no retry can fix', () => {
    for (const status of [400, 401, 403, 404, 413]) {
      const mapped = deliveryErrorFrom(connectorError(status));
      expect(mapped).toBeInstanceOf(DeliveryError);
      expect(mapped).toMatchObject({ permanent: true, message: `Teams: HTTP ${status} connector said no` });
    }
  });

  it('leaves server errors and network failures to be retried with backoff', () => {
    const serverError = connectorError(502);
    expect(deliveryErrorFrom(serverError)).toBe(serverError);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(deliveryErrorFrom(reset)).toBe(reset);
  });
});
