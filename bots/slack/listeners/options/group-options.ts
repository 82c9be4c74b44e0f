import type { App } from '@slack/bolt';
import { formatDuration } from '../../../../src/access/duration.js';
import type { Services } from '../../../../src/services.js';
import { GROUP_SELECT } from '../../views/request-access-modal.js';

/** Answers the group picker's search as the person types (block_suggestion). */
export function registerGroupOptions(app: App, services: Services): void {
  app.options(GROUP_SELECT, async ({ ack, options }) => {
    const typed: unknown = options.value;
    const query = typeof typed === 'string' ? typed.trim().toLowerCase().slice(0, 100) : '';
    const matches = services.access.policy.groups
      .filter(
        (group) =>
          query === '' || group.key.includes(query) || group.databricksGroup.toLowerCase().includes(query),
      )
      .slice(0, 100);
    await ack({
      options: matches.map((group) => ({
        text: {
          type: 'plain_text',
          text: `${group.key} (max ${formatDuration(group.maxDurationSeconds)})`.slice(0, 75),
        },
        value: group.key,
      })),
    });
  });
}
