/**
 * Billing rows added after seeding, as Databricks delivers them later: a late ORIGINAL record
 * (ingestion_date well after usage_date) and a correction of an existing record (a RETRACTION
 * cancelling it and a RESTATEMENT with the new quantity, both with a new ingestion_date).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { insertRows, type SystemTableRow } from './bulk-insert.js';
import { correctionPair, decimal } from './seed-billing.js';

export interface LateUsage {
  /** Copy every other field from this record (default: the most recent ORIGINAL record). */
  likeRecordId?: string;
  usageDate: string;
  ingestionDate: string;
  quantity: number;
  skuName?: string;
  workspaceId?: string;
}

/** Inserts one late-arriving ORIGINAL record; returns it as stored. */
export async function appendLateUsage(pool: pg.Pool, late: LateUsage): Promise<SystemTableRow> {
  const template = await usageRecord(pool, late.likeRecordId);
  const start = new Date(`${late.usageDate}T10:00:00Z`);
  const row: SystemTableRow = {
    ...template,
    record_id: randomUUID(),
    record_type: 'ORIGINAL',
    usage_date: late.usageDate,
    usage_start_time: start.toISOString(),
    usage_end_time: new Date(start.getTime() + 3_600_000).toISOString(),
    ingestion_date: late.ingestionDate,
    usage_quantity: decimal(late.quantity),
    ...(late.skuName ? { sku_name: late.skuName } : {}),
    ...(late.workspaceId ? { workspace_id: late.workspaceId } : {}),
  };
  await insertRows(pool, 'system.billing.usage', [row]);
  return row;
}

/** Corrects `recordId` to `newQuantity`: inserts a RETRACTION and a RESTATEMENT; returns both. */
export async function restate(
  pool: pg.Pool,
  recordId: string,
  newQuantity: number,
  ingestionDate = new Date().toISOString().slice(0, 10),
): Promise<{ retraction: SystemTableRow; restatement: SystemTableRow }> {
  const original = await usageRecord(pool, recordId);
  const [retraction, restatement] = correctionPair(randomUUID, original, newQuantity, ingestionDate) as [
    SystemTableRow,
    SystemTableRow,
  ];
  await insertRows(pool, 'system.billing.usage', [retraction, restatement]);
  return { retraction, restatement };
}

async function usageRecord(pool: pg.Pool, recordId: string | undefined): Promise<SystemTableRow> {
  const where = recordId
    ? 'where record_id = $1'
    : "where record_type = 'ORIGINAL' order by usage_start_time desc limit 1";
  const { rows } = await pool.query<{ row: SystemTableRow }>(
    `select to_jsonb(u) || jsonb_build_object('usage_quantity', u.usage_quantity::text) as row from "system__billing"."usage" u ${where}`,
    recordId ? [recordId] : [],
  );
  const row = rows[0]?.row;
  if (!row) throw new Error(recordId ? `No billing.usage record ${recordId}` : 'billing.usage is empty');
  return row;
}
