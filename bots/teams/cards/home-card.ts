import { approvalRequestMessage, myAccessMessage } from '../../../src/access/access-messages.js';
import { approvalsOf } from '../../../src/access/access-request-queries.js';
import { accessOf, requestsWaitingFor } from '../../../src/access/list-access.js';
import type { ChatUser } from '../../../src/ports/chat-user.js';
import type { Services } from '../../../src/services.js';
import {
  adaptiveCard,
  executeAction,
  renderAdaptiveCard,
  textBlock,
  TEAMS_LIMITS,
  type AdaptiveCard,
  type CardElement,
  type RenderOptions,
} from '../render/render-card.js';

/** The home card's own buttons (and its refresh). */
export const HOME_VERBS = {
  refresh: 'home.refresh',
  approve: 'home.approve',
  deny: 'home.deny',
} as const;

/** The deny reason typed under one request on the home card (one input per request). */
export const homeDenyReasonInput = (requestId: string) => `denyReason-${requestId}`;

/** Requests shown in full; the card stays well under Teams' 28 KB. */
const MAX_WAITING = 8;

type Notice = NonNullable<RenderOptions['notice']>;

/**
 * The Teams counterpart of Slack's App Home, as a card in the person's 1:1 chat: my access (active
 * grants with their ends, open requests) and the requests waiting for my decision, each with
 * Approve and Deny. It refreshes itself for its owner whenever they look at it.
 */
export async function homeCard(
  services: Services,
  viewer: ChatUser,
  teamsUserId: string,
  notice?: Notice,
): Promise<AdaptiveCard> {
  const mine = await accessOf(services.access, viewer);
  const waiting = await requestsWaitingFor(services.access, viewer);
  const body: CardElement[] = [];
  if (notice) {
    body.push(...renderAdaptiveCard({ kind: 'notice', title: notice.text, severity: notice.severity }).body);
  }
  body.push(textBlock('Databricks access', { weight: 'Bolder', size: 'Large' }));
  body.push(...renderAdaptiveCard(myAccessMessage(mine.active, mine.open)).body);
  body.push(
    textBlock(waiting.length === 0 ? 'No requests waiting for you' : 'Waiting for your decision', {
      weight: 'Bolder',
      size: 'Medium',
      separator: true,
      spacing: 'Large',
    }),
  );
  for (const request of waiting.slice(0, MAX_WAITING)) {
    const message = approvalRequestMessage(request, await approvalsOf(services.db, request.id));
    body.push({
      type: 'Container',
      style: 'emphasis',
      spacing: 'Medium',
      items: [
        ...renderAdaptiveCard({ ...message, actions: [] }).body,
        { type: 'ActionSet', actions: decisionButtons(request.id) },
      ],
    });
  }
  if (waiting.length > MAX_WAITING) {
    body.push(textBlock(`${waiting.length - MAX_WAITING} more after these.`, { isSubtle: true }));
  }
  const refresh = { action: { action: HOME_VERBS.refresh } };
  return adaptiveCard(body, [executeAction('Refresh', HOME_VERBS.refresh, refresh.action)], {
    action: { type: 'Action.Execute', title: 'Refresh', verb: HOME_VERBS.refresh, data: refresh.action },
    userIds: [teamsUserId],
  });
}

/** Approve at once; Deny opens a step with an optional reason. */
function decisionButtons(requestId: string): CardElement[] {
  const data = (action: string) => ({ action, value: requestId });
  return [
    executeAction('Approve', HOME_VERBS.approve, data(HOME_VERBS.approve), 'primary'),
    {
      type: 'Action.ShowCard',
      title: 'Deny…',
      card: adaptiveCard(
        [
          {
            type: 'Input.Text',
            id: homeDenyReasonInput(requestId),
            label: 'Reason (optional)',
            placeholder: 'Tell the requester why',
            isMultiline: true,
            maxLength: TEAMS_LIMITS.reason,
          },
        ],
        [executeAction('Deny', HOME_VERBS.deny, data(HOME_VERBS.deny), 'danger')],
      ),
    },
  ];
}
