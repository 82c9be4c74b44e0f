/**
 * The workspace REST API the bot uses for validation and discovery: SQL warehouses
 * (`GET /api/2.0/sql/warehouses[/{id}]`) and serving endpoints
 * (`GET /api/2.0/serving-endpoints[/{name}]`), in the shapes the Databricks REST reference gives.
 */

export type WarehouseState = 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'DELETING' | 'DELETED';

export interface EmulatedWarehouse {
  id: string;
  name: string;
  state: WarehouseState;
  cluster_size?: string;
  warehouse_type?: 'CLASSIC' | 'PRO' | 'TYPE_UNSPECIFIED';
  enable_serverless_compute?: boolean;
  auto_stop_mins?: number;
  min_num_clusters?: number;
  max_num_clusters?: number;
  creator_name?: string;
}

export interface ServedEntity {
  name?: string;
  entity_name?: string;
  entity_version?: string;
  external_model?: { provider: string; name: string; task?: string };
  foundation_model?: { name: string; display_name?: string };
  [field: string]: unknown;
}

export interface EmulatedServingEndpoint {
  name: string;
  id?: string;
  /** `agent/v1/chat`, `agent/v2/chat`, `agent/v1/responses`, `llm/v1/chat`, … */
  task?: string;
  state?: { ready: 'READY' | 'NOT_READY'; config_update?: string };
  creator?: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  config?: { served_entities: ServedEntity[]; [field: string]: unknown };
  ai_gateway?: {
    inference_table_config?: {
      catalog_name: string;
      schema_name: string;
      table_name_prefix: string;
      enabled: boolean;
    };
    usage_tracking_config?: { enabled: boolean };
    [field: string]: unknown;
  };
  tags?: { key: string; value?: string }[];
  [field: string]: unknown;
}

export function warehouseResource(
  warehouse: EmulatedWarehouse,
  host: string,
  port: number,
): Record<string, unknown> {
  const path = `/sql/1.0/warehouses/${warehouse.id}`;
  return {
    cluster_size: 'Small',
    warehouse_type: 'PRO',
    enable_serverless_compute: true,
    auto_stop_mins: 10,
    min_num_clusters: 1,
    max_num_clusters: 1,
    creator_name: 'admin@example.com',
    ...warehouse,
    num_clusters: warehouse.state === 'RUNNING' ? 1 : 0,
    odbc_params: { hostname: host, path, port, protocol: 'https' },
    jdbc_url: `jdbc:databricks://${host}:${port}/default;transportMode=http;ssl=1;AuthMech=3;httpPath=${path};`,
  };
}

export function servingEndpointResource(
  endpoint: EmulatedServingEndpoint,
  index: number,
): Record<string, unknown> {
  return {
    id: `${(index + 1).toString(16).padStart(32, 'a')}`,
    state: { ready: 'READY', config_update: 'NOT_UPDATING' },
    creator: 'admin@example.com',
    creation_timestamp: 1_735_689_600_000,
    last_updated_timestamp: 1_735_689_600_000,
    permission_level: 'CAN_MANAGE',
    ...endpoint,
  };
}
