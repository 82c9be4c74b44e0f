/**
 * Collector throughput: `system.billing.usage` from the Databricks workspace emulator (in a process
 * of its own, like a remote warehouse) through the real `@databricks/sql` driver (Arrow results,
 * like a real warehouse) into Postgres with the production collector (normalize, COPY into a
 * staging table, set-wise merge, checkpoint per batch), next to its two halves
 * on their own (reading the statement without storing; upserting batches already in memory) and
 * a plain COPY of the same rows into an identical table (same primary key and index). Everything runs on loopback; the emulator
 * and the bot's database share this machine's Postgres.
 */
import { once } from 'node:events';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { collectRegion } from '../src/collectors/collect-region.js';
import { collectorQuery } from '../src/collectors/collector-query.js';
import { sql } from 'kysely';
import { normalizeRow, type CollectedRow } from '../src/collectors/collected-row.js';
import { BILLING_USAGE } from '../src/collectors/core-system-tables.js';
import { batchCursor, writeBatch } from '../src/collectors/write-batch.js';
import { DEFAULT_WAREHOUSE_ID } from '../emulator/databricks-emulator.js';
import { COLLECTOR_CREDENTIALS, startCollectorFixture } from '../test/support/collector-fixture.js';
import { WorkspaceClientFactory } from '../src/adapters/databricks/workspace-client-factory.js';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process.js';
import { createEmulatorPool } from '../emulator/emulator-database.js';
import { cleanUp } from './bench-fixtures.js';
import { check, type BenchResult } from './report.js';

export interface CollectorThroughputOptions {
  /** billing.usage rows in the emulator (the seed's rows, multiplied with new record ids). */
  rows: number;
  batchSize: number;
  resultFormat: 'arrow' | 'column';
}

export async function collectorThroughput(options: CollectorThroughputOptions): Promise<BenchResult> {
  const setupStarted = performance.now();
  let stopRemote = async () => {};
  const fixture = await startCollectorFixture({
    // Pages as large as the driver asks for (the emulator's default cap, like a warehouse's); the
    // test fixture's small pages exist to exercise paging, not to measure.
    emulator: { resultFormat: options.resultFormat, maxPageRows: 100_000 },
    seed: { seed: 5, days: 10, workspaces: 2 },
    settings: { batchSize: options.batchSize, tables: [BILLING_USAGE] },
  });
  try {
    const usage = '"system__billing"."usage"';
    const names = BILLING_USAGE.columns.map((c) => `"${c.name}"`);
    const copied = names.map((name) => (name === '"record_id"' ? 'gen_random_uuid()::text' : `u.${name}`));
    await fixture.emulator.pool.query(
      `insert into ${usage} (${names.join(', ')})
       select ${copied.join(', ')}
       from ${usage} u cross join generate_series(1, ceil($1::numeric / greatest(1, (select count(*) from ${usage}))) - 1)
       limit greatest(0, $1 - (select count(*) from ${usage}))`,
      [options.rows],
    );
    await fixture.emulator.pool.query(`analyze ${usage}`);
    const total = Number((await fixture.emulator.pool.query(`select count(*) as n from ${usage}`)).rows[0].n);
    // The collector reads from an emulator in its own process (see emulator-process.ts).
    const remote = await startEmulatorProcess({
      ...COLLECTOR_CREDENTIALS,
      databaseUrl: fixture.emulator.databaseUrl,
      resultFormat: options.resultFormat,
      maxPageRows: 100_000,
    });
    stopRemote = () => remote.close();
    for (const table of ['connectors', 'region_connectors'] as const) {
      await fixture.db.updateTable(table).set({ workspace_url: remote.url }).execute();
    }
    const deps = {
      ...fixture.deps,
      workspaces: new WorkspaceClientFactory({ extraCaPem: remote.caCert, allowLoopbackHosts: true }),
    };
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    // 1. Reading only: the driver streaming the collector's statement, rows normalized, nothing stored.
    const api = deps.workspaces.connect({
      workspaceUrl: remote.url,
      clientId: 'collector-sp',
      clientSecret: 'collector-sp-secret',
    });
    const query = collectorQuery(BILLING_USAGE, { checkpoint: null, now: fixture.clock.now() });
    let readRows = 0;
    const batches: CollectedRow[][] = [];
    const readCpu = await cpuMeter(remote);
    const readStarted = performance.now();
    await api.streamQuery(DEFAULT_WAREHOUSE_ID, query.statement, {
      batchSize: options.batchSize,
      complexTypesAsJsonText: true, // as the collector reads
      onBatch: async (rows) => {
        batches.push(rows.map((row) => normalizeRow(BILLING_USAGE, row)));
        readRows += rows.length;
      },
    });
    const readSeconds = (performance.now() - readStarted) / 1000;
    const readCpuSeconds = await readCpu();
    await api.close();

    // 2. Writing only: the same batches (already in memory) upserted with their checkpoints.
    const writeStarted = performance.now();
    for (const rows of batches) {
      await writeBatch(fixture.db, {
        regionId: fixture.regionId,
        table: BILLING_USAGE,
        rows,
        checkpoint: batchCursor(BILLING_USAGE, rows),
        at: fixture.clock.now(),
      });
    }
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    batches.length = 0;
    await sql`truncate collected_billing_usage, collector_checkpoints`.execute(fixture.db);

    // 3. The collector: the same read, each batch upserted with its checkpoint.
    const collectCpu = await cpuMeter(remote);
    const collectStarted = performance.now();
    const result = await collectRegion(deps, fixture.regionId);
    const collectSeconds = (performance.now() - collectStarted) / 1000;
    const collectCpuSeconds = await collectCpu();
    const stored = Number(
      (
        await fixture.db
          .selectFrom('collected_billing_usage')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    // 4. A re-run: the overlap is read again and nothing changes.
    fixture.clock.advance(15 * 60_000);
    const rerunStarted = performance.now();
    const rerun = await collectRegion(deps, fixture.regionId);
    const rerunSeconds = (performance.now() - rerunStarted) / 1000;
    const rerunRead = rerun.status === 'skipped' ? 0 : (rerun.tables[0]?.read ?? 0);

    // 5. COPY of the same rows into an identical table, text format prepared beforehand.
    const { copyRows, copySeconds } = await copyUsage(
      fixture.emulator.databaseUrl,
      fixture.database.url,
      fixture.regionId,
    );

    const rate = (rows: number, seconds: number) => Math.round(rows / seconds);
    const collectorRate = rate(stored, collectSeconds);
    const copyRate = rate(copyRows, copySeconds);
    const fmt = (n: number) => n.toLocaleString('en-US');
    return {
      title: `Collector throughput: system.billing.usage, ${fmt(total)} rows, ${options.resultFormat} results, batches of ${fmt(options.batchSize)}`,
      lines: [
        `Driver read only (stream + normalize):  ${fmt(readRows)} rows in ${readSeconds.toFixed(2)} s = ${fmt(rate(readRows, readSeconds))} rows/s`,
        `Upsert only (rows in memory):           ${fmt(readRows)} rows in ${writeSeconds.toFixed(2)} s = ${fmt(rate(readRows, writeSeconds))} rows/s`,
        `Collector (read + upsert + checkpoint): ${fmt(stored)} rows in ${collectSeconds.toFixed(2)} s = ${fmt(collectorRate)} rows/s`,
        `Plain COPY into Postgres:               ${fmt(copyRows)} rows in ${copySeconds.toFixed(2)} s = ${fmt(copyRate)} rows/s`,
        `CPU seconds, bench process / emulator process: read only ${cpuText(readCpuSeconds)}, collector ${cpuText(collectCpuSeconds)}`,
        `Collector / COPY: ${(collectorRate / copyRate).toFixed(3)} (the collector reaches ${((collectorRate / copyRate) * 100).toFixed(1)}% of COPY's rate;`,
        ` its write path alone ${((rate(readRows, writeSeconds) / copyRate) * 100).toFixed(1)}%)`,
        `Re-run (overlap re-read, nothing written): ${fmt(rerunRead)} rows read in ${rerunSeconds.toFixed(2)} s`,
        `(Setup: emulator, seed and ${fmt(total)} rows in ${setupSeconds.toFixed(1)} s. The emulator answers from a process`,
        ` of its own, standing in for a remote warehouse, but on the same Postgres and CPUs as the collector,`,
        ` so the read side is slower than a real warehouse's.)`,
      ],
      checks: [
        check(result.status === 'succeeded', `the collector run succeeded (${result.status})`),
        check(
          stored === total,
          `every emulator row was stored exactly once (${fmt(stored)} of ${fmt(total)})`,
        ),
        check(copyRows === total, `COPY stored every row (${fmt(copyRows)})`),
        check(
          collectorRate >= copyRate * 0.5,
          `the collector reaches at least half of COPY's rate (${(collectorRate / copyRate).toFixed(3)})`,
        ),
        check(
          rerun.status === 'succeeded' && rerun.tables[0]?.written === 0,
          'the re-run wrote nothing (its overlap rows were unchanged)',
        ),
      ],
    };
  } finally {
    await cleanUp([stopRemote, () => fixture.stop()]);
  }
}

/** Starts measuring CPU time; the returned function answers this process's and the emulator's since then. */
async function cpuMeter(remote: EmulatorProcess): Promise<() => Promise<{ own: number; emulator: number }>> {
  const own = process.cpuUsage();
  const emulator = await remote.cpuSeconds();
  return async () => {
    const used = process.cpuUsage(own);
    return { own: (used.user + used.system) / 1e6, emulator: (await remote.cpuSeconds()) - emulator };
  };
}

const cpuText = (cpu: { own: number; emulator: number }) =>
  `${cpu.own.toFixed(2)} / ${cpu.emulator.toFixed(2)}`;

/** COPY (emulator) TO STDOUT into memory, then a timed COPY FROM STDIN into a copy of the collected table. */
async function copyUsage(emulatorUrl: string, targetUrl: string, regionId: string) {
  const columns = BILLING_USAGE.columns.map((c) => `"${c.name}"`).join(', ');
  const source = createEmulatorPool(emulatorUrl, 1);
  const target = createEmulatorPool(targetUrl, 1);
  try {
    const chunks: Buffer[] = [];
    const out = await source.connect();
    try {
      const stream = out.query(
        copyTo(
          `copy (select '${regionId}'::uuid, now(), ${columns} from "system__billing"."usage") to stdout`,
        ),
      );
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      await once(stream, 'end');
    } finally {
      out.release();
    }
    const into = await target.connect();
    try {
      await into.query('create table bench_usage_copy (like collected_billing_usage including all)');
      const started = performance.now();
      const stream = into.query(
        copyFrom(`copy bench_usage_copy (region_id, collected_at, ${columns}) from stdin`),
      );
      for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
      stream.end();
      await once(stream, 'finish');
      const copySeconds = (performance.now() - started) / 1000;
      const { rows } = await into.query<{ n: string }>('select count(*) as n from bench_usage_copy');
      return { copyRows: Number(rows[0]!.n), copySeconds };
    } finally {
      into.release();
    }
  } finally {
    await source.end();
    await target.end();
  }
}
