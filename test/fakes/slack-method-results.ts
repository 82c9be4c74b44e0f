/** What a fake Web API method answers: Slack's `{ ok, ... }` envelope. */
export type MethodResult = { ok: boolean } & Record<string, unknown>;

/** Decoded Web API arguments. */
export type MethodParams = Record<string, unknown>;

export function ok(body: MethodParams = {}): MethodResult {
  return { ok: true, ...body };
}

export function fail(error: string): MethodResult {
  return { ok: false, error };
}

/** Slack's answer to a missing required argument. */
export function missing(argument: string): MethodResult {
  return {
    ok: false,
    error: 'invalid_arguments',
    response_metadata: { messages: [`[ERROR] missing required field: ${argument}`] },
  };
}

/** A non-empty string argument (form-encoded numbers arrive as strings; JSON ones may not). */
export function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function pick(params: MethodParams, keys: string[]): MethodParams {
  return Object.fromEntries(keys.filter((k) => params[k] !== undefined).map((k) => [k, params[k]]));
}
