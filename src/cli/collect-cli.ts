import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { WorkspaceClientFactory } from '../adapters/databricks/workspace-client-factory.js';
import { HttpIngestApi } from '../adapters/ingest/http-ingest-api.js';
import { collectRegion } from '../collectors/collect-region.js';
import { collectRemotely } from '../collectors/collect-remotely.js';
import type { TableOutcome } from '../collectors/collection-outcome.js';
import { loadConfig } from '../config/config.js';
import { parseConnectionString } from '../connectors/connection-string.js';
import { regionNamed } from '../connectors/connector-queries.js';
import { createLogger } from '../logging/logger.js';
import { CliUsageError, EXIT, type CliCommand, type CliContext, type CliIo } from './cli-context.js';
import { readClientSecret, refuseSecretArgument } from './read-secret.js';

const USAGE = [
  'collect --now <region> [--connector <name>]',
  '        one collection run of the region now, in this process (a run already going elsewhere: skipped)',
  'collect --connection-string <DBCHATOPS://…> | --connection-string-env <VARIABLE>',
  '        --workspace-url <url> --warehouse <id> --client-id <id>',
  '        (--client-secret-file <path|-> | --client-secret-env <VARIABLE>) [--batch-size <rows>]',
  "        a remote collector: reads the workspace's system tables here and sends them to the bot",
];

const text = { type: 'string' } as const;
const OPTIONS = {
  now: text,
  connector: text,
  'connection-string': text,
  'connection-string-env': text,
  'workspace-url': text,
  warehouse: text,
  'client-id': text,
  'client-secret-file': text,
  'client-secret-env': text,
  'batch-size': text,
};

/** `npm run cli -- collect …`: run a region's collection now, or be a remote collector. */
export const collectCli: CliCommand = {
  summary: 'Collect a region’s Databricks system tables now, or run as a remote collector.',
  usage: USAGE,
  async run(args, context) {
    refuseSecretArgument(args);
    let values: Partial<Record<keyof typeof OPTIONS, string>>;
    try {
      values = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    const remote = values['connection-string'] !== undefined || values['connection-string-env'] !== undefined;
    if ((values.now !== undefined) === remote) {
      throw new CliUsageError('Give either --now <region> or a connection string.');
    }
    return withInterrupt(context.io, (signal) =>
      remote ? collectAsRemote(values, context, signal) : collectNow(values, context, signal),
    );
  },
};

async function collectNow(
  values: Partial<Record<keyof typeof OPTIONS, string>>,
  context: CliContext,
  signal: AbortSignal,
): Promise<number> {
  const services = await context.services();
  const { region } = await regionNamed(services.db, values.now!, values.connector);
  const result = await collectRegion(services.collectors, region.id, { trigger: 'manual', signal });
  if (result.status === 'skipped') {
    context.io.stdout(`Not collected: ${result.reason}.\n`);
    return EXIT.ok;
  }
  context.io.stdout(report(`Region ${region.region}`, result.status, result.tables, result.error));
  context.io.stdout(`Health: ${result.health} — ${result.summary}\n`);
  return result.status === 'succeeded' ? EXIT.ok : EXIT.refused;
}

async function collectAsRemote(
  values: Partial<Record<keyof typeof OPTIONS, string>>,
  context: CliContext,
  signal: AbortSignal,
): Promise<number> {
  const { io } = context;
  for (const flag of ['workspace-url', 'warehouse', 'client-id'] as const) {
    if (!values[flag]) throw new CliUsageError(`--${flag} is required for a remote collector.`);
  }
  const connection = parseConnectionString(connectionStringFrom(io, values));
  const batchSize = Number(values['batch-size'] ?? 2_000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) {
    throw new CliUsageError('--batch-size must be a whole number from 1 to 20000.');
  }
  const clientSecret = await readClientSecret(io, {
    file: values['client-secret-file'],
    env: values['client-secret-env'],
  });
  const config = loadConfig(io.env);
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      io.stderr(chunk.toString());
      callback();
    },
  });
  const log = createLogger(
    { level: io.env.LOG_LEVEL ? config.logLevel : 'warn', name: 'remote-collector' },
    stderr,
  );
  const api = new WorkspaceClientFactory({
    ...(config.workspaces.extraCaPem ? { extraCaPem: config.workspaces.extraCaPem } : {}),
    allowLoopbackHosts: config.workspaces.allowLoopbackHosts,
    log,
  }).connect({ workspaceUrl: values['workspace-url']!, clientId: values['client-id']!, clientSecret });
  try {
    const { outcome, reported } = await collectRemotely({
      api,
      warehouseId: values.warehouse!,
      ingest: new HttpIngestApi({
        apiUrl: connection.apiUrl,
        batchesPath: connection.ingestPath,
        regionId: connection.regionId,
        token: connection.token,
      }),
      batchSize,
      log,
      signal,
    });
    const status = outcome.aborted ? 'aborted' : outcome.failure ? 'failed' : 'finished';
    io.stdout(report(`Region ${connection.region} (remote)`, status, outcome.tables, outcome.error));
    const health = (reported as { result?: { health?: string; detail?: { summary?: string } } } | undefined)
      ?.result;
    if (health?.health) io.stdout(`Health: ${health.health} — ${health.detail?.summary ?? ''}\n`);
    const failed = outcome.failure || outcome.aborted || outcome.tables.some((t) => t.status === 'failed');
    return failed ? EXIT.refused : EXIT.ok;
  } finally {
    await api.close();
  }
}

function connectionStringFrom(io: CliIo, values: Partial<Record<keyof typeof OPTIONS, string>>): string {
  const variable = values['connection-string-env'];
  if (variable === undefined) return values['connection-string']!;
  const value = io.env[variable];
  if (!value) throw new CliUsageError(`The environment variable ${variable} is not set.`);
  return value;
}

function report(title: string, status: string, tables: TableOutcome[], error: string | undefined): string {
  const width = Math.max(0, ...tables.map((t) => t.table.length));
  const lines = [`${title}: ${status}`];
  if (error) lines.push(`  ${error}`);
  for (const t of tables) {
    const counts = `read ${t.read}, written ${t.written}`;
    lines.push(
      `  ${t.table.padEnd(width)}  ${t.status.padEnd(11)}  ${counts}${t.error ? `  (${t.error})` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Ctrl-C stops the run between batches: what was stored stays, with its checkpoints. */
async function withInterrupt(io: CliIo, work: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const stop = () => {
    io.stderr('Stopping after the current batch…\n');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', stop);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', stop);
  }
}
