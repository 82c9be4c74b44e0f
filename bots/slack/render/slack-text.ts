import { personName, replaceMentions, replaceMoments, utcTime } from '../../../src/messages/chat-message.js';

/** Slack's documented limits that our renderer applies, in one place. */
export const SLACK_LIMITS = {
  sectionText: 3_000,
  headerText: 150,
  fieldText: 2_000,
  fieldsPerSection: 10,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2_000,
  blocksPerMessage: 50,
  messageText: 40_000,
  formError: 500,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** Escapes the three characters Slack treats as markup, so user text cannot mention or link. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to a limit, marking the cut with an ellipsis. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit - 1)}…`;
}

/**
 * A Slack date token: the reader's own time zone and format, to the second, with the UTC time
 * as the fallback where tokens are not rendered (notifications, old clients).
 */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time_secs}|${utcTime(date)}>`;
}

/**
 * Escaped and cut to fit, with our own mentions made real (a Slack user is mentioned, anyone
 * else is shown by name) and times as date tokens: the way every piece of text enters a Block
 * Kit payload.
 */
export function slackText(text: string, limit: number): string {
  const escaped = replaceMentions(escapeSlack(text), (person) =>
    person.ids.slack ? `<@${person.ids.slack}>` : personName(person),
  );
  return truncate(replaceMoments(escaped, slackDate), limit);
}
