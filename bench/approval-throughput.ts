/**
 * Approvals to applied: `approvals` requests approved at once (as many approvers clicking within
 * seconds would), applied by the production apply jobs through the shared SCIM write budget
 * against a fake Databricks account that enforces 2 PATCH/s. Adds to one group that wait for
 * the same write slot go out as one PATCH, so the time is compared with the fewest PATCHes the
 * rate limit and the members-per-PATCH cap allow.
 */
import {
  approvedRequestRow,
  MEMBERS_PER_PATCH,
  PATCHES_PER_SECOND,
  startAccessBenchBot,
} from './access-bench-bot.js';
import { pollUntil, runWithConcurrency } from './load.js';
import { check, type BenchResult } from './report.js';
import { ms, summarize, table } from './stats.js';

export async function approvalThroughput(options: {
  approvals: number;
  groups: number;
}): Promise<BenchResult> {
  const bot = await startAccessBenchBot({
    people: options.approvals,
    groups: options.groups,
    tag: 'APPR',
    membersAlready: false,
  });
  const { runtime, database, databricks, people, groupIds } = bot;
  try {
    const services = runtime.services;
    const now = new Date();
    const rows = people.map((_, i) =>
      approvedRequestRow(bot, i, i % options.groups, now, 'approval benchmark'),
    );
    for (let start = 0; start < rows.length; start += 250) {
      await database.db
        .insertInto('access_requests')
        .values(rows.slice(start, start + 250))
        .execute();
    }
    const approvedAt = Date.now();
    await runWithConcurrency(rows, 20, (row) => services.access.jobs.applyGrant(row.id!));
    const activeCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('access_requests')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('state', '=', 'active')
            .executeTakeFirstOrThrow()
        ).n,
      );
    await pollUntil(async () => (await activeCount()) === options.approvals, approvedAt + 180_000, 250);
    const allActiveMs = Date.now() - approvedAt;
    await runtime.stop();

    const addedAt = new Map<string, number>();
    for (const patch of databricks.patches)
      for (const user of patch.added) if (!addedAt.has(user)) addedAt.set(user, patch.at);
    const toApplied = summarize([...addedAt.values()].map((at) => at - approvedAt));
    const patchRequests = databricks.requests.filter((request) => request.method === 'PATCH');
    const refused = patchRequests.filter((request) => request.status === 429).length;
    const perGroup = Math.ceil(options.approvals / options.groups);
    const fewestPatches = options.groups * Math.ceil(perGroup / MEMBERS_PER_PATCH);
    const minimumMs = (fewestPatches - 1) * (1000 / PATCHES_PER_SECOND);
    const members = groupIds.reduce((sum, id) => sum + databricks.groupMemberIds(id).length, 0);
    return {
      title: `Approvals to applied: ${options.approvals} approvals in ${options.groups} groups at ${PATCHES_PER_SECOND} PATCH/s`,
      lines: [
        `Requests stored approved at once; apply jobs queued with services.access.jobs.applyGrant (the path an`,
        `Approve click takes); each records its intent, waits for the shared SCIM budget, and coalesces with the`,
        `adds to its group that wait for the same slot.`,
        '',
        table([
          ['approved -> added in Databricks', 'n', 'p50', 'p90', 'p99', 'max'],
          [
            '',
            String(toApplied.count),
            ms(toApplied.p50),
            ms(toApplied.p90),
            ms(toApplied.p99),
            ms(toApplied.max),
          ],
        ]),
        '',
        `All ${options.approvals} active after ${ms(allActiveMs)}; ${patchRequests.length} PATCHes (${refused} x 429).`,
        `The rate limit allows at best ${fewestPatches} PATCHes (${MEMBERS_PER_PATCH} members each) one slot apart: the last add ${ms(minimumMs)} after the first;`,
        `measured last add at ${ms(toApplied.max)} (${(toApplied.max / Math.max(minimumMs, 1)).toFixed(1)}x the minimum).`,
      ],
      checks: [
        check(members === options.approvals, `every approved membership is in Databricks (${members})`),
        check(refused === 0, `the fake Databricks never answered 429 (${refused} times)`),
        check(addedAt.size === options.approvals, `one add per approval (${addedAt.size})`),
      ],
    };
  } finally {
    await bot.stop();
  }
}
