import { describe, expect, it } from 'vitest';
import { DatabricksApiError } from '../../ports/databricks-account.js';
import { backoffDelay, parseRetryAfter, sendWithRetry, type RetryOptions } from './retry-policy.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');

function recordingOptions(extra: Partial<RetryOptions> = {}) {
  const delays: number[] = [];
  const options: RetryOptions = {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    sleep: async (ms) => void delays.push(ms),
    now: () => NOW,
    random: () => 0.5,
    ...extra,
  };
  return { delays, options };
}

function answers(...responses: Array<() => Response>) {
  let calls = 0;
  const send = async () => {
    const next = responses[Math.min(calls, responses.length - 1)]!;
    calls += 1;
    return next();
  };
  return { send, calls: () => calls };
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    new Response(code === 204 ? null : '{}', { status: code, headers });

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates, and ignores nonsense', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0.5 ', NOW)).toBe(500);
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW - 7000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt within half to all of the capped ceiling', () => {
    const options = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300 };
    expect(backoffDelay(1, { ...options, random: () => 0 })).toBe(50);
    expect(backoffDelay(2, { ...options, random: () => 0.999_999 })).toBe(200);
    expect(backoffDelay(5, { ...options, random: () => 0.999_999 })).toBe(300);
  });
});

describe('sendWithRetry', () => {
  it('retries 5xx and 429, honouring Retry-After capped at maxDelayMs', async () => {
    const { delays, options } = recordingOptions();
    const { send, calls } = answers(
      status(503),
      status(429, { 'Retry-After': '2' }),
      status(429, { 'Retry-After': '0' }),
      status(204),
    );
    expect((await sendWithRetry('GET /x', send, options)).status).toBe(204);
    expect(calls()).toBe(4);
    expect(delays).toEqual([75, 1000, 0]);
  });

  it('returns other 4xx at once and the last retryable answer when attempts run out', async () => {
    const { options } = recordingOptions();
    const notFound = answers(status(404));
    expect((await sendWithRetry('GET /x', notFound.send, options)).status).toBe(404);
    expect(notFound.calls()).toBe(1);

    const failing = answers(status(500));
    expect((await sendWithRetry('GET /x', failing.send, options)).status).toBe(500);
    expect(failing.calls()).toBe(4);
  });

  it('retries network errors, then reports a retryable error; passes DatabricksApiError through', async () => {
    const { options } = recordingOptions({ maxAttempts: 2 });
    let calls = 0;
    const offline = async (): Promise<Response> => {
      calls += 1;
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    };
    await expect(sendWithRetry('GET /x', offline, options)).rejects.toMatchObject({
      name: 'DatabricksApiError',
      status: undefined,
      retryable: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(calls).toBe(2);

    const denied = new DatabricksApiError('token request failed', 401, false);
    const failsAuth = async (): Promise<Response> => {
      throw denied;
    };
    await expect(sendWithRetry('GET /x', failsAuth, options)).rejects.toBe(denied);
  });

  it('repeats a write only when it surely never reached the server', async () => {
    const { options } = recordingOptions({ maxAttempts: 3, onlyUnsentRetries: true });
    let calls = 0;
    const refused = async (): Promise<Response> => {
      calls += 1;
      if (calls === 1)
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
        });
      return status(204)();
    };
    expect((await sendWithRetry('PATCH /Groups/1', refused, options)).status).toBe(204);
    expect(calls).toBe(2);

    calls = 0;
    const reset = async (): Promise<Response> => {
      calls += 1;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      });
    };
    await expect(sendWithRetry('PATCH /Groups/1', reset, options)).rejects.toMatchObject({
      name: 'DatabricksApiError',
      retryable: true,
      message: expect.stringContaining('outcome unknown'),
    });
    expect(calls).toBe(1);

    const timedOut = async (): Promise<Response> => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    await expect(sendWithRetry('PATCH /Groups/1', timedOut, options)).rejects.toMatchObject({
      message: expect.stringContaining('request timed out'),
    });
  });

  it('repeats a write after 429 and 503, not after a 500 or a gateway answer that may hide a landed write', async () => {
    const { options } = recordingOptions({ maxAttempts: 3, onlyUnsentRetries: true });
    for (const [first, calls] of [
      [429, 2],
      [503, 2],
      [500, 1],
      [502, 1],
      [504, 1],
    ] as const) {
      const { send, calls: made } = answers(status(first), status(204));
      const response = await sendWithRetry('PATCH /Groups/1', send, options);
      expect(made()).toBe(calls);
      expect(response.status).toBe(calls === 2 ? 204 : first);
    }
  });
});
