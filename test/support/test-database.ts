import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/database.js';
import { ensureDatabase, quoteIdentifier } from '../../src/db/ensure-database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  db: Db;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file, so runs never collide. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `dbchatops_${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const db = createDb(url.toString(), { maxConnections: 5 });
  await migrateToLatest(db);
  return {
    url: url.toString(),
    name,
    db,
    drop: async () => {
      await db.destroy();
      await dropDatabase(name);
    },
  };
}

/** A database URL that does not exist yet (for tests of start-up creating it). */
export function unusedDatabaseUrl(label = 'fresh'): { url: string; name: string } {
  const name = `dbchatops_${label}_${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
