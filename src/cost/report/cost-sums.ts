import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { PriceBasis } from '../config/cost-config.js';
import type { CostDimension } from '../cost-dimensions.js';
import { reportKey } from '../workspace-scoped-key.js';
import type { TimeRange } from './report-period.js';

export interface KeyAmount {
  key: string;
  currency: string;
  amount: number;
  unpricedQuantity: number;
}

export interface SumsQuery {
  grain: 'hour' | 'day';
  dimension: CostDimension;
  range: TimeRange;
  basis: PriceBasis;
  /** Only this workspace id. */
  workspaceId?: string;
}

export function costColumn(basis: PriceBasis) {
  return basis === 'contract' ? sql.ref('contract_cost') : sql.ref('list_cost');
}

/**
 * Cost per key of a dimension over a range, from the hourly or daily rollups. Keys of
 * workspace-scoped dimensions (jobs, clusters, …) are `<workspace id>/<id>`.
 */
export async function costByKey(db: Db, query: SumsQuery): Promise<KeyAmount[]> {
  const amount = sql<string>`sum(${costColumn(query.basis)})::text`.as('amount');
  const unpriced = sql<string>`sum(unpriced_quantity)::text`.as('unpriced');
  const key = reportKey(query.dimension).as('key');
  const rows =
    query.grain === 'hour'
      ? await db
          .selectFrom('cost_hourly')
          .select([key, 'currency', amount, unpriced])
          .where('dimension', '=', query.dimension)
          .where('usage_hour', '>=', query.range.start)
          .where('usage_hour', '<', query.range.end)
          .$if(query.workspaceId !== undefined, (qb) => qb.where('workspace_id', '=', query.workspaceId!))
          .groupBy([sql`1`, 'currency'])
          .execute()
      : await db
          .selectFrom('cost_daily')
          .select([key, 'currency', amount, unpriced])
          .where('dimension', '=', query.dimension)
          .where(sql<boolean>`usage_date >= ${dayText(query.range.start)}::date`)
          .where(sql<boolean>`usage_date < ${dayText(query.range.end)}::date`)
          .$if(query.workspaceId !== undefined, (qb) => qb.where('workspace_id', '=', query.workspaceId!))
          .groupBy([sql`1`, 'currency'])
          .execute();
  return rows.map((row) => ({
    key: row.key,
    currency: row.currency,
    amount: Number(row.amount),
    unpricedQuantity: Number(row.unpriced),
  }));
}

/** The earliest usage date with any rollup: days before it are unknown, not free. */
export async function firstRolledUpDay(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('cost_daily')
    .select(sql<string | null>`min(usage_date)::text`.as('day'))
    .where('dimension', '=', 'workspace')
    .executeTakeFirst();
  return row?.day ?? undefined;
}

function dayText(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The currency most of the spend is in (list prices are per account, so usually the only one). */
export async function mainCurrency(db: Db): Promise<string> {
  const row = await db
    .selectFrom('cost_daily')
    .select('currency')
    .where('dimension', '=', 'sku')
    .where('currency', '!=', '')
    .groupBy('currency')
    .orderBy(sql`sum(abs(list_cost))`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.currency ?? 'USD';
}
