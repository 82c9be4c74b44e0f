import type { App, types } from '@slack/bolt';
import { myAccessMessage } from '../../../../src/access/access-messages.js';
import { approvalCards } from '../../../../src/access/access-notifications.js';
import { accessOf, requestsWaitingFor } from '../../../../src/access/list-access.js';
import type { Services } from '../../../../src/services.js';
import { renderSlackMessage } from '../../render/render-message.js';

const HOME_BLOCK_LIMIT = 100;

/** The App Home tab: my access, and for approvers the requests waiting for me. */
export function registerAppHome(app: App, services: Services): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home' || typeof event.user !== 'string' || event.user === '') return;
    const user = { platform: 'slack' as const, id: event.user };
    const mine = await accessOf(services.access, user);
    const waiting = await requestsWaitingFor(services.access, user);
    const blocks: types.KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'Databricks access' } },
      ...renderSlackMessage(myAccessMessage(mine.active, mine.open)).blocks,
      { type: 'divider' },
      {
        type: 'header',
        text: {
          type: 'plain_text',
          text: waiting.length === 0 ? 'No requests waiting for you' : 'Waiting for your decision',
        },
      },
    ];
    for (const request of waiting) {
      blocks.push(...renderSlackMessage((await approvalCards(services.access, request)).direct).blocks);
      blocks.push({ type: 'divider' });
    }
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: blocks.slice(0, HOME_BLOCK_LIMIT) },
    });
  });
}
