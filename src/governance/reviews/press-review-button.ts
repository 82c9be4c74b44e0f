import { InvalidInput } from '../../errors/domain-errors.js';
import type { ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { decideReviewItem, keepAllUndecided } from './decide-review-item.js';
import { REVIEW_ACTIONS } from './review-messages.js';
import { turnReviewPage } from './turn-review-page.js';

/** One of a review card's buttons, on any platform: runs the use case and says what it did. */
export async function pressReviewButton(
  deps: GovernanceDeps,
  actionId: string,
  value: string,
  actor: ChatUser,
): Promise<{ text: string | undefined }> {
  switch (actionId) {
    case REVIEW_ACTIONS.keep:
      return decideReviewItem(deps, value, 'keep', actor);
    case REVIEW_ACTIONS.remove:
      return decideReviewItem(deps, value, 'remove', actor);
    case REVIEW_ACTIONS.convert:
      return decideReviewItem(deps, value, 'convert', actor);
    case REVIEW_ACTIONS.keepAll:
      return keepAllUndecided(deps, value, actor);
    case REVIEW_ACTIONS.page:
      await turnReviewPage(deps, value, actor);
      return { text: undefined };
    default:
      throw new InvalidInput('That button is not one I know any more.');
  }
}
