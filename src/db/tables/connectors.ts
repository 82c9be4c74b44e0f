import type { ColumnType, Selectable } from 'kysely';

export type ConnectorHealth = 'pending' | 'ok' | 'degraded' | 'failed';

export interface ConnectorsTable {
  id: string;
  name: string;
  cloud: 'aws' | 'azure' | 'gcp';
  workspace_url: string;
  account_id: string;
  client_id: string;
  /** Sealed with SecretBox; never the secret itself. */
  client_secret: Buffer;
  warehouse_id: string | null;
  /** Optional system tables and whether the connector can read them: `{ "system.serving.endpoint_usage": "unavailable" }`. */
  optional_tables: ColumnType<Record<string, 'available' | 'unavailable'>, string | undefined, string>;
  created_by: string;
  created_at: Date;
  validated_at: Date | null;
  /** Remediation actions may change this account's workspaces (opt-in, off by default). */
  write_access: ColumnType<boolean, boolean | undefined, boolean>;
  /** The last write-permission check, per action kind: `{ "terminate-cluster": { ok, detail } }`. */
  write_checks: ColumnType<unknown, string | undefined, string>;
}

export interface RegionConnectorsTable {
  id: string;
  connector_id: string;
  region: string;
  workspace_url: string;
  warehouse_id: string | null;
  collect_every_seconds: ColumnType<number, number | undefined, number>;
  mode: ColumnType<'direct' | 'remote', 'direct' | 'remote' | undefined, 'direct' | 'remote'>;
  /** SHA-256 of the remote collector's token; the token itself is shown once and never stored. */
  remote_token_hash: string | null;
  health: ColumnType<ConnectorHealth, ConnectorHealth | undefined, ConnectorHealth>;
  health_detail: ColumnType<unknown, string | undefined, string>;
  health_changed_at: Date | null;
  last_ingested_at: Date | null;
  created_at: Date;
}

export type ConnectorRow = Selectable<ConnectorsTable>;
export type RegionConnectorRow = Selectable<RegionConnectorsTable>;
