import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ContractTerms } from '../config/cost-config.js';
import { contractFactors } from '../contract-discount.js';
import type { UsageDay } from '../usage-day.js';

/**
 * What the rollups contain, beyond the settings: raise it when a dimension is added, so every
 * deployment recomputes its rollups once (2: the pipeline dimension).
 */
export const ROLLUP_SHAPE_VERSION = 2;

export interface RollupSettings {
  contract: ContractTerms | undefined;
  rollupTags: readonly string[];
}

/** Hourly rollups are kept for recent days (hour periods reach 72 h back); daily ones for all. */
export const HOURLY_ROLLUP_DAYS = 14;

/**
 * Recomputes every rollup of these usage dates from the collected billing rows: deletes what was
 * there and inserts the new sums, so corrections (RETRACTION, RESTATEMENT) and late rows land in
 * the right day. Each record counts once, however many regions collected it. Cost is quantity ×
 * the list price in effect for its SKU, cloud and unit when the usage started
 * (effective_list.default, else default); contract cost applies the contract's SKU discount.
 * Hourly rows are written for dates from `hourlyFrom` on; daily rows and job runs for every date.
 */
export async function rollupUsageDates(
  trx: Transaction<Database>,
  dates: readonly UsageDay[],
  settings: RollupSettings,
  hourlyFrom: UsageDay,
): Promise<void> {
  if (dates.length === 0) return;
  const days = sql`cast(${sql.val(dates)} as date[])`;
  await trx
    .deleteFrom('cost_hourly')
    .where(sql<boolean>`usage_date = any(${days})`)
    .execute();
  await trx
    .deleteFrom('cost_daily')
    .where(sql<boolean>`usage_date = any(${days})`)
    .execute();
  await trx
    .deleteFrom('cost_job_run_days')
    .where(sql<boolean>`usage_date = any(${days})`)
    .execute();
  const skus = await trx
    .selectFrom('collected_billing_usage')
    .select('sku_name')
    .distinct()
    .where(sql<boolean>`region_id in (select id from region_connectors)`)
    .where(sql<boolean>`usage_date = any(${days})`)
    .execute();
  const factors = contractFactors(
    skus.flatMap((row) => (row.sku_name === null ? [] : [row.sku_name])),
    settings.contract,
  );
  const tagColumns = settings.rollupTags.map(
    (tag, i) => sql`u.custom_tags ->> cast(${tag} as text) as ${sql.ref(`tag_${i}`)}`,
  );
  const dimensions = sql.join([
    sql`('workspace', workspace_id)`,
    sql`('sku', sku_name)`,
    sql`('product', product)`,
    sql`('job', job_id)`,
    sql`('cluster', cluster_id)`,
    sql`('warehouse', warehouse_id)`,
    sql`('pipeline', pipeline_id)`,
    sql`('endpoint', endpoint)`,
    sql`('run_as', run_as)`,
    ...settings.rollupTags.map((tag, i) => sql`(cast(${`tag:${tag}`} as text), ${sql.ref(`tag_${i}`)})`),
  ]);
  await sql`
    with usage as (
      select distinct on (record_id) *
      from collected_billing_usage
      where region_id in (select id from region_connectors) and usage_date = any(${days})
      order by record_id, collected_at desc
    ),
    prices as (
      select distinct on (sku_name, cloud, usage_unit, price_start_time)
        sku_name, cloud, usage_unit, price_start_time, price_end_time, currency_code,
        coalesce(price_effective_list, price_default) as price
      from collected_list_prices
      where coalesce(price_effective_list, price_default) is not null
      order by sku_name, cloud, usage_unit, price_start_time, currency_code, collected_at desc
    ),
    factors as (
      select key as sku_name, value::numeric as factor from jsonb_each_text(cast(${JSON.stringify(factors)} as jsonb))
    ),
    priced as (
      select u.usage_date,
        date_trunc('hour', u.usage_start_time at time zone 'UTC') at time zone 'UTC' as usage_hour,
        u.usage_start_time, u.usage_end_time,
        coalesce(u.workspace_id, '') as workspace_id, u.sku_name, u.billing_origin_product as product,
        u.usage_metadata ->> 'job_id' as job_id,
        u.usage_metadata ->> 'job_run_id' as job_run_id,
        u.usage_metadata ->> 'cluster_id' as cluster_id,
        u.usage_metadata ->> 'warehouse_id' as warehouse_id,
        u.usage_metadata ->> 'dlt_pipeline_id' as pipeline_id,
        coalesce(u.usage_metadata ->> 'endpoint_name', u.usage_metadata ->> 'endpoint_id') as endpoint,
        coalesce(u.identity_metadata ->> 'run_as', u.identity_metadata ->> 'owned_by') as run_as,
        ${sql.join([sql`1 as one`, ...tagColumns])},
        coalesce(u.usage_quantity, 0) as quantity,
        coalesce(u.usage_quantity * p.price, 0) as list_cost,
        coalesce(u.usage_quantity * p.price * coalesce(f.factor, 1), 0) as contract_cost,
        case when p.price is null then coalesce(u.usage_quantity, 0) else 0 end as unpriced_quantity,
        coalesce(p.currency_code, '') as currency
      from usage u
      left join prices p on p.sku_name = u.sku_name and p.cloud = u.cloud and p.usage_unit = u.usage_unit
        and u.usage_start_time >= p.price_start_time
        and (p.price_end_time is null or u.usage_start_time < p.price_end_time)
      left join factors f on f.sku_name = u.sku_name
    ),
    hourly as materialized (
      select p.usage_hour, p.usage_date, d.dimension, coalesce(d.key, '') as key, p.workspace_id, p.currency,
        sum(p.quantity) as quantity, sum(p.list_cost) as list_cost,
        sum(p.contract_cost) as contract_cost, sum(p.unpriced_quantity) as unpriced_quantity
      from priced p cross join lateral (values ${dimensions}) as d(dimension, key)
      group by 1, 2, 3, 4, 5, 6
    ),
    inserted_hourly as (
      insert into cost_hourly (usage_hour, usage_date, dimension, key, workspace_id, currency,
        quantity, list_cost, contract_cost, unpriced_quantity)
      select * from hourly where usage_date >= ${hourlyFrom}::date
    ),
    inserted_daily as (
      insert into cost_daily (usage_date, dimension, key, workspace_id, currency,
        quantity, list_cost, contract_cost, unpriced_quantity)
      select usage_date, dimension, key, workspace_id, currency,
        sum(quantity), sum(list_cost), sum(contract_cost), sum(unpriced_quantity)
      from hourly group by 1, 2, 3, 4, 5
    )
    insert into cost_job_run_days (usage_date, workspace_id, job_id, run_id, currency,
      first_usage_at, last_usage_at, quantity, list_cost, contract_cost, unpriced_quantity)
    select usage_date, workspace_id, coalesce(job_id, ''), job_run_id,
      currency, min(usage_start_time), max(usage_end_time),
      sum(quantity), sum(list_cost), sum(contract_cost), sum(unpriced_quantity)
    from priced
    where job_run_id is not null
    group by 1, 2, 3, 4, 5
  `.execute(trx);
}
