import { formatDuration, parseDuration } from '../../access/duration.js';
import { InvalidInput } from '../../errors/domain-errors.js';
import { mention, userText, type ChatMessage } from '../../messages/chat-message.js';
import type { ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { findCampaign } from './review-queries.js';
import { reportCsv, reviewReport } from './review-report.js';
import { shortId } from './review-messages.js';
import { assertReviewAdmin } from './review-permissions.js';
import { reviewProgress, reviewStatusMessage } from './review-status.js';
import { startReview, type ReviewScope } from './start-review.js';

export const REVIEW_USAGE =
  'Usage: `review start <group,…|all-requestable> [due:14d]`, `review status [campaign]`, `review report <campaign>`';

const DEFAULT_DUE_SECONDS = 14 * 24 * 3600;
/** Rows of the CSV shown in chat; the CLI exports every row. */
const REPORT_ROWS_SHOWN = 20;

/** `review start|status|report …` on any platform: the answer to show the person. */
export async function runReviewCommand(
  deps: GovernanceDeps,
  args: string[],
  actor: ChatUser,
): Promise<ChatMessage> {
  const [verb, ...rest] = args;
  switch (verb?.toLowerCase()) {
    case 'start':
      return startFromCommand(deps, rest, actor);
    case 'status':
      if (rest.length > 1) throw new InvalidInput(REVIEW_USAGE);
      return reviewStatusMessage(await reviewProgress(deps, rest[0], actor));
    case 'report':
      if (rest.length !== 1) throw new InvalidInput(REVIEW_USAGE);
      return reportMessage(deps, rest[0]!, actor);
    default:
      throw new InvalidInput(REVIEW_USAGE);
  }
}

/** `start <groups|all-requestable> [due:14d]`: groups separated by spaces or commas. */
export function parseStart(words: string[]): { scope: ReviewScope; dueSeconds: number } {
  let dueSeconds = DEFAULT_DUE_SECONDS;
  const groups: string[] = [];
  for (const word of words) {
    if (word.toLowerCase().startsWith('due:')) {
      const seconds = parseDuration(word.slice(4));
      if (seconds === undefined) {
        throw new InvalidInput(`"${word.slice(0, 40)}" is not a due date; write it like due:14d or due:36h.`);
      }
      dueSeconds = seconds;
      continue;
    }
    groups.push(...word.split(',').filter((name) => name !== ''));
  }
  if (groups.length === 0) throw new InvalidInput(REVIEW_USAGE);
  if (groups.some((name) => name.toLowerCase() === 'all-requestable')) {
    if (groups.length > 1)
      throw new InvalidInput('Use either `all-requestable` or a list of groups, not both.');
    return { scope: 'all-requestable', dueSeconds };
  }
  return { scope: groups, dueSeconds };
}

async function startFromCommand(
  deps: GovernanceDeps,
  words: string[],
  actor: ChatUser,
): Promise<ChatMessage> {
  assertReviewAdmin(deps, actor);
  const { scope, dueSeconds } = parseStart(words);
  const started = await startReview(deps, { actor, scope, dueSeconds });
  const { campaign, groups, skipped } = started!;
  const members = groups.reduce((sum, group) => sum + group.members, 0);
  return {
    kind: 'review.started',
    title: `Access review ${shortId(campaign.id)} started`,
    severity: 'success',
    body: [
      `${members} standing member(s) of ${groups.length} group(s) to review within ${formatDuration(dueSeconds)}. Each owner got one card per group.`,
      ...groups.map(
        (group) =>
          `${userText(group.name)}: ${group.members} member(s), owners ${group.owners.map((owner) => mention(owner)).join(', ')}`,
      ),
    ],
    context: [
      ...(skipped.length > 0
        ? [`Left out: ${skipped.map((group) => `${userText(group.name)} (${group.why})`).join(', ')}`]
        : []),
      `\`review status ${shortId(campaign.id)}\` shows the progress.`,
    ],
  };
}

async function reportMessage(deps: GovernanceDeps, reference: string, actor: ChatUser): Promise<ChatMessage> {
  assertReviewAdmin(deps, actor);
  const campaign = await findCampaign(deps, reference);
  const report = await reviewReport(deps.db, campaign);
  const counts = new Map<string, number>();
  for (const row of report.rows) counts.set(row.decision, (counts.get(row.decision) ?? 0) + 1);
  const csv = reportCsv({ ...report, rows: report.rows.slice(0, REPORT_ROWS_SHOWN) }).trimEnd();
  return {
    kind: 'review.report',
    title: `Access review ${shortId(campaign.id)}: ${report.rows.length} decision row(s)`,
    fields: [...counts].map(([decision, count]) => ({ label: decision, value: String(count) })),
    body: csv.split('\r\n').map((line) => `\`${line}\``),
    context: [
      ...(report.rows.length > REPORT_ROWS_SHOWN ? [`First ${REPORT_ROWS_SHOWN} rows shown.`] : []),
      `Full CSV and JSON: \`npm run cli -- review report ${campaign.id}\` (every row, with the audit event of each decision).`,
    ],
  };
}
