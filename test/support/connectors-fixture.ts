import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConnectorScheduleHooks } from '../../src/connectors/connector-schedules.js';
import type { IngestBatches } from '../../src/connectors/ingest-batches.js';
import type { SqlRow } from '../../src/ports/databricks-workspace.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../../emulator/databricks-emulator.js';
import type { ViewValues } from './slack-requests.js';

/** The connector's service principal; the secret is distinctive so tests can search for it anywhere. */
export const SP = {
  clientId: '7c0ffee0-aaaa-4bbb-8ccc-000000000001',
  clientSecret: 'dose0Q-sp-SECRET-4f9e1b27',
};
export const ACCOUNT_UUID = '0d26daa6-5e44-4c97-a497-ef015f91254a';
export const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
export const PUBLIC_URL = 'https://chatops.example.test';
export const RUNNING_WAREHOUSE = 'ffeeddccbbaa9988';

/** A Databricks workspace emulator with a stopped and a running warehouse, and its CA in a file. */
export async function startConnectorEmulator(): Promise<{ emulator: DatabricksEmulator; caFile: string }> {
  const emulator = await startDatabricksEmulator({
    ...SP,
    warehouses: [
      { id: 'a1b2c3d4e5f60718', name: 'Reporting', state: 'STOPPED' },
      { id: RUNNING_WAREHOUSE, name: 'Serverless Starter', state: 'RUNNING' },
    ],
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'dbchatops-ca-'));
  const caFile = path.join(dir, 'emulator-ca.pem');
  await writeFile(caFile, emulator.caCert);
  return { emulator, caFile };
}

/** The environment that points the bot at the emulator (through configuration, as an operator would). */
export function emulatorEnv(caFile: string): Record<string, string> {
  return {
    ENCRYPTION_KEY,
    PUBLIC_URL,
    DATABRICKS_TLS_CA_FILE: caFile,
    DATABRICKS_ALLOW_LOOPBACK_HOSTS: 'true',
  };
}

export class RecordingSchedules implements ConnectorScheduleHooks {
  readonly calls: { op: 'schedule' | 'unschedule'; regionId: string; everySeconds?: number }[] = [];
  async scheduleRegion(regionId: string, everySeconds: number): Promise<void> {
    this.calls.push({ op: 'schedule', regionId, everySeconds });
  }
  async unscheduleRegion(regionId: string): Promise<void> {
    this.calls.push({ op: 'unschedule', regionId });
  }
}

export class RecordingIngest implements IngestBatches {
  readonly batches: { regionId: string; table: string; rows: SqlRow[]; checkpoint: unknown }[] = [];
  async ingest(regionId: string, table: string, rows: SqlRow[], checkpoint: unknown): Promise<void> {
    this.batches.push({ regionId, table, rows, checkpoint });
  }
}

/** The connect form as Slack submits it. */
export function connectFormValues(input: {
  name: string;
  workspaceUrl: string;
  accountId?: string;
  clientId?: string;
  clientSecret?: string;
  warehouse?: string;
}): ViewValues {
  const text = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
  return {
    name: { name: text(input.name) },
    workspace_url: { workspace_url: { type: 'url_text_input', value: input.workspaceUrl } },
    account_id: { account_id: text(input.accountId ?? ACCOUNT_UUID) },
    client_id: { client_id: text(input.clientId ?? SP.clientId) },
    client_secret: { client_secret: text(input.clientSecret ?? SP.clientSecret) },
    warehouse: { warehouse: text(input.warehouse) },
  };
}

/** Decodes `DBCHATOPS://<base64 JSON>`. */
export function decodeConnectionString(text: string): Record<string, unknown> {
  const match = /DBCHATOPS:\/\/([A-Za-z0-9+/=]+)/.exec(text);
  if (!match) throw new Error(`no connection string in ${text.slice(0, 200)}`);
  return JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')) as Record<string, unknown>;
}
