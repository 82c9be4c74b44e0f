import { slackDate } from '../../bots/slack/render/slack-text.js';
import { cardDateTime } from '../../bots/teams/render/render-card.js';

const at = (utc: string) => new Date(`${utc.replace(' ', 'T')}Z`);

/** How Slack shows a UTC time like `2026-11-23 09:00` (or `…09:00:27`): a date token. */
export const slackAt = (utc: string) => slackDate(at(utc));

/** How a Teams card shows it: `{{DATE(…)}} {{TIME(…)}}`. */
export const teamsAt = (utc: string) => cardDateTime(at(utc));
