import type { Kysely } from 'kysely';

/**
 * Agents registered in Unity Catalog without a serving endpoint: `served` false, and what kind of
 * Unity Catalog object they are (`registered model` or `function`, a tool). And who made the
 * request a finding was last seen in (`last_requester`), for the finding card.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('agents')
    .addColumn('served', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('uc_kind', 'text')
    .execute();
  await db.schema.alterTable('security_findings').addColumn('last_requester', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('security_findings').dropColumn('last_requester').execute();
  await db.schema.alterTable('agents').dropColumn('uc_kind').dropColumn('served').execute();
}
