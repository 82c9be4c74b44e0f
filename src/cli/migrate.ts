import { ConfigError, loadConfig } from '../config/config.js';
import { createDb } from '../db/database.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { migrateToLatest } from '../db/migrate.js';

/** `npm run migrate`: create the database if needed and apply every pending migration. */
try {
  const config = loadConfig(process.env);
  await ensureDatabase(config.databaseUrl);
  const db = createDb(config.databaseUrl);
  try {
    const result = await migrateToLatest(db);
    const applied = (result.results ?? []).map((r) => r.migrationName);
    process.stdout.write(applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
  } finally {
    await db.destroy();
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
