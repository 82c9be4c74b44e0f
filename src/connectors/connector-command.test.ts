import { describe, expect, it } from 'vitest';
import { formatConnectionString, parseConnectionString } from './connection-string.js';
import { parseConnectorCommand } from './connector-command.js';

describe('parseConnectorCommand', () => {
  it('reads positional words and key:value options; Slack links are unwrapped', () => {
    expect(
      parseConnectorCommand([
        'add-region',
        'us-east-1',
        '<https://dbc-1.cloud.databricks.com|dbc-1.cloud.databricks.com>',
        'connector:prod',
        'every:30m',
      ]),
    ).toEqual({
      action: 'add-region',
      input: {
        region: 'us-east-1',
        workspaceUrl: 'https://dbc-1.cloud.databricks.com',
        connector: 'prod',
        warehouse: undefined,
        every: '30m',
      },
    });
    expect(parseConnectorCommand(['connection-string', 'eastus'])).toEqual({
      action: 'connection-string',
      region: 'eastus',
      connector: undefined,
    });
    expect(parseConnectorCommand(['delete', 'prod'])).toEqual({ action: 'delete', name: 'prod' });
  });

  it('answers a wrong command with the usage', () => {
    expect(() => parseConnectorCommand(['frobnicate'])).toThrow(
      /"frobnicate" is not a connector action\. Usage:/,
    );
    expect(() => parseConnectorCommand(['delete'])).toThrow('Name the connector to delete.');
    expect(() => parseConnectorCommand(['add-region', 'us-east-1'])).toThrow(
      'Give the region and a workspace URL',
    );
  });
});

describe('connection strings', () => {
  it('round-trip, and refuse anything damaged', () => {
    const payload = {
      v: 1 as const,
      apiUrl: 'https://chatops.example.com',
      ingestPath: '/ingest/v1/batches',
      connectorId: '3f1c2a4e-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
      regionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      region: 'eastus',
      collectEverySeconds: 900,
      token: 'x'.repeat(43),
    };
    const text = formatConnectionString(payload);
    expect(text).toMatch(/^DBCHATOPS:\/\//);
    expect(parseConnectionString(` ${text}\n`)).toEqual(payload);
    expect(() => parseConnectionString('LAKESENTRY://abc')).toThrow('starts with DBCHATOPS://');
    expect(() => parseConnectionString('DBCHATOPS://bm90IGpzb24=')).toThrow('damaged');
    expect(() => parseConnectionString(`DBCHATOPS://${Buffer.from('{"v":1}').toString('base64')}`)).toThrow(
      'incomplete',
    );
  });
});
