/**
 * What costs can be broken down by. Each is a `dimension` of the rollups; custom tags chosen in
 * the cost config are `tag:<key>`.
 */
export const BUILT_IN_DIMENSIONS = [
  'workspace',
  'sku',
  'product',
  'job',
  'cluster',
  'warehouse',
  'pipeline',
  'endpoint',
  'run_as',
] as const;

export type BuiltInDimension = (typeof BUILT_IN_DIMENSIONS)[number];
/** A built-in dimension or `tag:<key>`. */
export type CostDimension = BuiltInDimension | `tag:${string}`;

/** Words people may type for a dimension. */
const ALIASES: Record<string, BuiltInDimension> = {
  workspace: 'workspace',
  workspaces: 'workspace',
  sku: 'sku',
  skus: 'sku',
  product: 'product',
  products: 'product',
  job: 'job',
  jobs: 'job',
  cluster: 'cluster',
  clusters: 'cluster',
  warehouse: 'warehouse',
  warehouses: 'warehouse',
  pipeline: 'pipeline',
  pipelines: 'pipeline',
  endpoint: 'endpoint',
  endpoints: 'endpoint',
  'run-as': 'run_as',
  run_as: 'run_as',
  user: 'run_as',
  identity: 'run_as',
};

/** How a dimension is named in messages. */
export function dimensionLabel(dimension: CostDimension): string {
  if (dimension.startsWith('tag:')) return `tag ${dimension.slice(4)}`;
  const labels: Record<BuiltInDimension, string> = {
    workspace: 'workspace',
    sku: 'SKU',
    product: 'product',
    job: 'job',
    cluster: 'cluster',
    warehouse: 'SQL warehouse',
    pipeline: 'pipeline',
    endpoint: 'serving endpoint',
    run_as: 'run-as identity',
  };
  return labels[dimension as BuiltInDimension];
}

/** What an empty key means in a dimension (usage with no job, no tag, ...). */
export function noneLabel(dimension: CostDimension): string {
  if (dimension.startsWith('tag:')) return `(no ${dimension.slice(4)} tag)`;
  return `(no ${dimensionLabel(dimension)})`;
}

/** The dimensions a person may ask for, as they type them. */
export function dimensionWords(rollupTags: readonly string[]): string[] {
  return [
    'workspace',
    'sku',
    'product',
    'job',
    'cluster',
    'warehouse',
    'pipeline',
    'endpoint',
    'run-as',
    ...rollupTags.map((tag) => `tag:${tag}`),
  ];
}

export function parseDimension(text: string, rollupTags: readonly string[]): CostDimension | undefined {
  if (text.toLowerCase().startsWith('tag:')) {
    const tag = text.slice(4);
    const known = rollupTags.find((t) => t.toLowerCase() === tag.toLowerCase());
    return known === undefined ? undefined : `tag:${known}`;
  }
  return ALIASES[text.toLowerCase()];
}
