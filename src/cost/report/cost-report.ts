import type { PriceBasis } from '../config/cost-config.js';
import { provisionalSince, type CostDeps } from '../cost-deps.js';
import type { CostDimension } from '../cost-dimensions.js';
import type { CostBreakdownQuery } from './cost-query.js';
import { costByKey, type KeyAmount } from './cost-sums.js';
import { labelsFor } from './dimension-labels.js';
import type { ReportPeriod } from './report-period.js';
import { resolveWorkspace, type WorkspaceRef } from './resolve-workspace.js';

export interface CostReportLine {
  key: string;
  label: string;
  amount: number;
  previous: number;
}

/** The answer to `cost [period] [by dimension] [filter]`. */
export interface CostReport {
  period: ReportPeriod;
  dimension: CostDimension;
  workspace: WorkspaceRef | undefined;
  basis: PriceBasis;
  currency: string;
  total: number;
  previousTotal: number;
  /** The ten largest, with what each cost in the previous period. */
  top: CostReportLine[];
  rest: { count: number; amount: number; previous: number };
  /** Set when the period reaches into the last 24 hours, whose figures are still arriving. */
  provisionalSince: Date | undefined;
  /** Other currencies seen (figures above are in `currency` only). */
  otherCurrencies: string[];
  /** Usage no list price was found for (not in any figure). */
  unpricedQuantity: number;
}

export const TOP_LINES = 10;

function mainCurrency(rows: KeyAmount[]): string {
  const byCurrency = new Map<string, number>();
  for (const row of rows) {
    if (row.currency !== '')
      byCurrency.set(row.currency, (byCurrency.get(row.currency) ?? 0) + Math.abs(row.amount));
  }
  return [...byCurrency].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD';
}

function byKey(rows: KeyAmount[], currency: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows)
    if (row.currency === currency) sums.set(row.key, (sums.get(row.key) ?? 0) + row.amount);
  return sums;
}

/** Totals, the top ten with their change against the previous period, and the rest. */
export async function costReport(deps: CostDeps, query: CostBreakdownQuery): Promise<CostReport> {
  const workspace =
    query.workspace === undefined ? undefined : await resolveWorkspace(deps.db, query.workspace);
  const base = {
    grain: query.period.grain,
    dimension: query.dimension,
    basis: deps.config.basis,
    ...(workspace ? { workspaceId: workspace.id } : {}),
  };
  const current = await costByKey(deps.db, { ...base, range: query.period.current });
  const previous = await costByKey(deps.db, { ...base, range: query.period.previous });
  const currency = mainCurrency([...current, ...previous]);
  const now = byKey(current, currency);
  const before = byKey(previous, currency);
  const ranked = [...now].sort((a, b) => b[1] - a[1]);
  const topKeys = ranked.slice(0, TOP_LINES).map(([key]) => key);
  const labels = await labelsFor(deps.db, query.dimension, topKeys);
  const top = topKeys.map((key) => ({
    key,
    label: labels.get(key) ?? key,
    amount: now.get(key) ?? 0,
    previous: before.get(key) ?? 0,
  }));
  const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
  const restKeys = ranked.slice(TOP_LINES).map(([key]) => key);
  const since = provisionalSince(deps.clock.now());
  return {
    period: query.period,
    dimension: query.dimension,
    workspace,
    basis: deps.config.basis,
    currency,
    total: sum(now.values()),
    previousTotal: sum(before.values()),
    top,
    rest: {
      count: restKeys.length,
      amount: sum(restKeys.map((key) => now.get(key) ?? 0)),
      previous: sum(before.values()) - sum(top.map((line) => line.previous)),
    },
    provisionalSince: query.period.current.end > since ? since : undefined,
    otherCurrencies: [...new Set(current.map((row) => row.currency))].filter(
      (c) => c !== '' && c !== currency,
    ),
    unpricedQuantity: sum(current.map((row) => row.unpricedQuantity)),
  };
}
