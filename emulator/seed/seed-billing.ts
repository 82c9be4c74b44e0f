/**
 * `system.billing.usage` and `system.billing.list_prices` for a seeded account: hourly records
 * per running resource and job run, ingested within hours (a few days late for ~3%), about 1% of
 * older records corrected by RETRACTION/RESTATEMENT pairs, and USD list prices with one price
 * change in the middle of the window.
 */
import { parseDatabricksType, type DatabricksType } from '../databricks-types.js';
import { SYSTEM_TABLES } from '../system-tables.js';
import type { SeededWorkspace } from './account-shape.js';
import { addDays, isoDate, type SystemTableRow } from './bulk-insert.js';
import { hourlySlices, type AccountActivity } from './seed-activity.js';
import type { SeededRandom } from './seeded-random.js';

export const SKUS = {
  allPurpose: 'PREMIUM_ALL_PURPOSE_COMPUTE',
  allPurposePhoton: 'PREMIUM_ALL_PURPOSE_COMPUTE_(PHOTON)',
  jobs: 'PREMIUM_JOBS_COMPUTE',
  serverlessSql: 'PREMIUM_SERVERLESS_SQL_COMPUTE_US_EAST_N_VIRGINIA',
  serving: 'PREMIUM_SERVERLESS_REAL_TIME_INFERENCE_US_EAST_N_VIRGINIA',
} as const;

const PRICES: Record<string, number> = {
  [SKUS.allPurpose]: 0.55,
  [SKUS.allPurposePhoton]: 0.55,
  [SKUS.jobs]: 0.15,
  [SKUS.serverlessSql]: 0.7,
  [SKUS.serving]: 0.07,
};

export interface BillingContext {
  random: SeededRandom;
  accountId: string;
  cloud: string;
  /** Records ingested after this date have not arrived yet and are left out. */
  today: Date;
}

export function listPriceRows(context: BillingContext, priceChangeAt: Date): SystemTableRow[] {
  const since = new Date('2023-01-01T00:00:00Z');
  return Object.entries(PRICES).flatMap(([sku, price]) => {
    const row = (start: Date, end: Date | null, value: number): SystemTableRow => ({
      price_start_time: start.toISOString(),
      price_end_time: end?.toISOString() ?? null,
      account_id: context.accountId,
      sku_name: sku,
      cloud: context.cloud,
      currency_code: 'USD',
      usage_unit: 'DBU',
      pricing: {
        default: decimal(value),
        promotional: { default: decimal(value) },
        effective_list: { default: decimal(value) },
      },
    });
    if (sku !== SKUS.allPurpose) return [row(since, null, price)];
    return [
      row(since, priceChangeAt, price),
      row(priceChangeAt, null, Math.round((price + 0.05) * 100) / 100),
    ];
  });
}

export function usageRows(context: BillingContext, activity: AccountActivity): SystemTableRow[] {
  const rows: SystemTableRow[] = [];
  const add = (row: SystemTableRow | undefined) => row && rows.push(row);
  for (const run of activity.jobRuns) {
    for (const slice of hourlySlices(run.start, run.end)) {
      add(
        usageRow(context, run.workspace, {
          sku: SKUS.jobs,
          start: slice.start,
          end: slice.end,
          dbuPerHour: run.job.dbuPerHour,
          product: 'JOBS',
          metadata: {
            job_id: run.job.jobId,
            job_run_id: run.runId,
            cluster_id: run.clusterId,
            job_name: run.job.name,
            node_type: 'm5d.xlarge',
          },
          identity: { run_as: run.job.owner },
          tags: { team: run.job.team, job: run.job.name },
          features: { jobs_tier: 'CLASSIC', is_serverless: false, is_photon: false },
        }),
      );
    }
  }
  for (const uptime of activity.uptimes) {
    for (const slice of hourlySlices(uptime.start, uptime.end))
      add(uptimeRow(context, uptime.workspace, uptime.kind, uptime.resourceId, slice));
  }
  return [...rows, ...corrections(context, rows)];
}

function uptimeRow(
  context: BillingContext,
  workspace: SeededWorkspace,
  kind: string,
  id: string,
  slice: { start: Date; end: Date },
): SystemTableRow | undefined {
  if (kind === 'cluster') {
    const cluster = workspace.clusters.find((c) => c.clusterId === id);
    if (!cluster) return undefined;
    return usageRow(context, workspace, {
      sku: cluster.photon ? SKUS.allPurposePhoton : SKUS.allPurpose,
      ...slice,
      dbuPerHour: cluster.dbuPerHour,
      product: 'ALL_PURPOSE',
      metadata: { cluster_id: cluster.clusterId, node_type: cluster.nodeType },
      identity: { owned_by: cluster.owner },
      tags: { team: cluster.team },
      features: { is_serverless: false, is_photon: cluster.photon },
    });
  }
  if (kind === 'warehouse') {
    const warehouse = workspace.warehouses.find((w) => w.warehouseId === id);
    if (!warehouse) return undefined;
    return usageRow(context, workspace, {
      sku: SKUS.serverlessSql,
      ...slice,
      dbuPerHour: warehouse.dbuPerHour,
      product: 'SQL',
      metadata: { warehouse_id: warehouse.warehouseId },
      identity: {},
      tags: { team: 'analytics' },
      features: { sql_tier: 'SQL_PRO', is_serverless: true, is_photon: true },
    });
  }
  const endpoint = workspace.servingEndpoint;
  return usageRow(context, workspace, {
    sku: SKUS.serving,
    ...slice,
    dbuPerHour: 1.5,
    product: 'MODEL_SERVING',
    metadata: { endpoint_name: endpoint?.name ?? null, endpoint_id: id },
    identity: {},
    tags: { team: 'ml' },
    features: {
      is_serverless: true,
      serving_type: 'MODEL',
      model_serving: { offering_type: 'CPU_MODEL_SERVING' },
    },
  });
}

interface UsageInput {
  sku: string;
  start: Date;
  end: Date;
  dbuPerHour: number;
  product: string;
  metadata: Record<string, string | null>;
  identity: Record<string, string>;
  tags: Record<string, string>;
  features: Record<string, unknown>;
}

function usageRow(
  context: BillingContext,
  workspace: SeededWorkspace,
  input: UsageInput,
): SystemTableRow | undefined {
  const { random } = context;
  const hours = (input.end.getTime() - input.start.getTime()) / 3_600_000;
  const late = random.chance(0.03);
  const ingestion = late
    ? addDays(input.end, random.int(2, 6))
    : new Date(input.end.getTime() + random.int(1, 11) * 3_600_000);
  if (isoDate(ingestion) > isoDate(context.today)) return undefined;
  return {
    record_id: random.uuid(),
    account_id: context.accountId,
    workspace_id: workspace.workspaceId,
    sku_name: input.sku,
    cloud: context.cloud,
    usage_start_time: input.start.toISOString(),
    usage_end_time: input.end.toISOString(),
    usage_date: isoDate(input.start),
    custom_tags: input.tags,
    usage_unit: 'DBU',
    usage_quantity: decimal(input.dbuPerHour * hours * random.between(0.6, 1)),
    usage_metadata: { ...EMPTY.usage_metadata, ...input.metadata },
    identity_metadata: { ...EMPTY.identity_metadata, ...input.identity },
    record_type: 'ORIGINAL',
    ingestion_date: isoDate(ingestion),
    billing_origin_product: input.product,
    product_features: { ...EMPTY.product_features, ...input.features },
    usage_type: 'COMPUTE_TIME',
  };
}

/** RETRACTION (−quantity) and RESTATEMENT (corrected quantity) for ~1% of older records. */
function corrections(context: BillingContext, originals: readonly SystemTableRow[]): SystemTableRow[] {
  const cutoff = isoDate(addDays(context.today, -7));
  return originals.flatMap((original) => {
    if (String(original.usage_date) >= cutoff || !context.random.chance(0.01)) return [];
    const ingestion = isoDate(addDays(new Date(String(original.ingestion_date)), context.random.int(3, 6)));
    return correctionPair(
      () => context.random.uuid(),
      original,
      Number(original.usage_quantity) * context.random.between(0.7, 1.2),
      ingestion,
    );
  });
}

export function correctionPair(
  newId: () => string,
  original: SystemTableRow,
  newQuantity: number,
  ingestionDate: string,
): SystemTableRow[] {
  return [
    {
      ...original,
      record_id: newId(),
      record_type: 'RETRACTION',
      usage_quantity: negate(String(original.usage_quantity)),
      ingestion_date: ingestionDate,
    },
    {
      ...original,
      record_id: newId(),
      record_type: 'RESTATEMENT',
      usage_quantity: decimal(newQuantity),
      ingestion_date: ingestionDate,
    },
  ];
}

/** A decimal(38,18) literal; 12 significant decimals, so 0.6 stays 0.600000000000000000. */
export function decimal(value: number): string {
  return `${value.toFixed(12)}000000`;
}

function negate(value: string): string {
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/** Every struct field present and null, as Databricks returns structs. */
const EMPTY = Object.fromEntries(
  ['usage_metadata', 'identity_metadata', 'product_features'].map((column) => {
    const type =
      SYSTEM_TABLES.find((t) => t.name === 'system.billing.usage')?.columns.find(
        ([name]) => name === column,
      )?.[1] ?? 'struct<>';
    return [column, nullStruct(parseDatabricksType(type))];
  }),
) as Record<string, Record<string, unknown>>;

function nullStruct(type: DatabricksType): Record<string, unknown> {
  return type.kind === 'struct' ? Object.fromEntries(type.fields.map((f) => [f.name, null])) : {};
}
