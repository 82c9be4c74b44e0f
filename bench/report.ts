/** What one benchmark hands back to bench/run.ts: report lines and the checks it made. */
export interface Check {
  ok: boolean;
  what: string;
}

export interface BenchResult {
  title: string;
  lines: string[];
  checks: Check[];
}

export const check = (ok: boolean, what: string): Check => ({ ok, what });
