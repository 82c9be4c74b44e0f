import { describe, expect, it } from 'vitest';
import { parseWorkspaceUrl } from './workspace-url.js';

const strict = { allowLoopback: false };

describe('parseWorkspaceUrl', () => {
  it('reads the cloud from the host and keeps only the origin', () => {
    expect(parseWorkspaceUrl('https://adb-1234567890123456.7.azuredatabricks.net/?o=123#', strict)).toEqual({
      url: 'https://adb-1234567890123456.7.azuredatabricks.net',
      host: 'adb-1234567890123456.7.azuredatabricks.net',
      cloud: 'azure',
    });
    expect(parseWorkspaceUrl('1234567890123456.7.gcp.databricks.com', strict).cloud).toBe('gcp');
    expect(parseWorkspaceUrl('https://dbc-a1b2c3d4-e5f6.cloud.databricks.com/', strict)).toMatchObject({
      url: 'https://dbc-a1b2c3d4-e5f6.cloud.databricks.com',
      cloud: 'aws',
    });
  });

  it('refuses other hosts, plain http and credentials in the URL, naming the field', () => {
    expect(() => parseWorkspaceUrl('https://databricks.example.com', strict)).toThrow(
      'databricks.example.com is not a Databricks workspace host',
    );
    expect(() => parseWorkspaceUrl('https://cloud.databricks.com', strict)).toThrow(
      'is not a Databricks workspace host',
    );
    expect(() => parseWorkspaceUrl('https://evil.com/.cloud.databricks.com', strict)).toThrow('evil.com');
    expect(() => parseWorkspaceUrl('http://dbc-1.cloud.databricks.com', strict)).toThrow(
      'must start with https://',
    );
    expect(() => parseWorkspaceUrl('https://u:p@dbc-1.cloud.databricks.com', strict)).toThrow(
      'user name or password',
    );
    try {
      parseWorkspaceUrl('not a url at all', strict);
    } catch (error) {
      expect(error).toMatchObject({ field: 'workspace_url' });
    }
  });

  it('accepts loopback hosts only when allowed (development against the emulator)', () => {
    expect(() => parseWorkspaceUrl('https://127.0.0.1:8443', strict)).toThrow(
      'DATABRICKS_ALLOW_LOOPBACK_HOSTS',
    );
    expect(
      parseWorkspaceUrl('https://127.0.0.1:8443/', { allowLoopback: true, loopbackCloud: 'gcp' }),
    ).toEqual({
      url: 'https://127.0.0.1:8443',
      host: '127.0.0.1:8443',
      cloud: 'gcp',
    });
  });
});
