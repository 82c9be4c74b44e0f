/**
 * Costs computed independently from the raw system-table rows of an emulator account, the way the
 * issue defines them: quantity × the list price in effect (effective_list.default, else default)
 * for the row's SKU, cloud and unit at its start, summed over ORIGINAL, RETRACTION and RESTATEMENT.
 */
import type pg from 'pg';

export interface RawUsage {
  record_id: string;
  workspace_id: string;
  sku_name: string;
  cloud: string;
  usage_unit: string;
  usage_start_time: string;
  usage_date: string;
  usage_quantity: string;
  billing_origin_product: string;
  custom_tags: Record<string, string> | null;
  usage_metadata: Record<string, string | null>;
  identity_metadata: Record<string, string | null>;
}

export interface RawPrice {
  sku_name: string;
  cloud: string;
  usage_unit: string;
  price_start_time: string;
  price_end_time: string | null;
  pricing: { default: string; effective_list?: { default: string | null } };
}

export async function rawRows(pool: pg.Pool): Promise<{ usage: RawUsage[]; prices: RawPrice[] }> {
  const usage = await pool.query<RawUsage>(
    `select record_id, workspace_id, sku_name, cloud, usage_unit, usage_start_time::text, usage_date::text,
       usage_quantity::text, billing_origin_product, custom_tags, usage_metadata, identity_metadata
     from "system__billing"."usage"`,
  );
  const prices = await pool.query<RawPrice>(
    `select sku_name, cloud, usage_unit, price_start_time::text, price_end_time::text, pricing
     from "system__billing"."list_prices"`,
  );
  return { usage: usage.rows, prices: prices.rows };
}

export function priceOf(
  row: Pick<RawUsage, 'sku_name' | 'cloud' | 'usage_unit' | 'usage_start_time'>,
  prices: RawPrice[],
): number {
  const at = new Date(row.usage_start_time).getTime();
  const price = prices.find(
    (p) =>
      p.sku_name === row.sku_name &&
      p.cloud === row.cloud &&
      p.usage_unit === row.usage_unit &&
      new Date(p.price_start_time).getTime() <= at &&
      (p.price_end_time === null || at < new Date(p.price_end_time).getTime()),
  );
  if (!price) throw new Error(`no price for ${row.sku_name}`);
  return Number(price.pricing.effective_list?.default ?? price.pricing.default);
}

export function costOf(row: RawUsage, prices: RawPrice[]): number {
  return Number(row.usage_quantity) * priceOf(row, prices);
}

/** Spend per usage date (optionally of one workspace). */
export function rawDailySpend(
  raw: { usage: RawUsage[]; prices: RawPrice[] },
  workspaceId?: string,
): Map<string, number> {
  const spend = new Map<string, number>();
  for (const row of raw.usage) {
    if (workspaceId !== undefined && row.workspace_id !== workspaceId) continue;
    spend.set(row.usage_date, (spend.get(row.usage_date) ?? 0) + costOf(row, raw.prices));
  }
  return spend;
}
