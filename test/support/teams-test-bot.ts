import { cardOf, startFakeBotConnector, type FakeBotConnector } from '../fakes/fake-bot-connector.js';
import type { Role } from '../../src/runtime/app-runtime.js';
import type { FakeSlackUser } from '../fakes/fake-slack-users.js';
import {
  cardActionInvoke,
  cardSubmit,
  installationUpdate,
  messageActivity,
  postActivity,
  type TeamsPerson,
} from './teams-activities.js';
import { startTestBot, type TestBot, type TestBotOptions } from './test-bot.js';

/**
 * The whole bot with Teams on in anonymous mode (no app id), its Bot Connector calls landing on a
 * fake connector that knows `teamsPeople`. Each helper posts a real activity to /api/messages and
 * waits for the jobs it started, so a test sees what people would see.
 */
export async function startTeamsTestBot(options: {
  policy: string;
  teamsPeople: TeamsPerson[];
  slackUsers?: FakeSlackUser[];
  env?: Record<string, string>;
  /** `web` leaves every job (Teams deliveries included) to a worker process the test starts. */
  role?: Role;
  runtime?: TestBotOptions['runtime'];
}) {
  const connector: FakeBotConnector = await startFakeBotConnector({ members: options.teamsPeople });
  const bot: TestBot = await startTestBot({
    policy: options.policy,
    slackUsers: options.slackUsers ?? [],
    env: { TEAMS_ALLOW_ANONYMOUS: 'true', ...options.env },
    ...(options.role ? { role: options.role } : {}),
    ...(options.runtime ? { runtime: options.runtime } : {}),
  });
  const where = (channel?: string) => ({ serviceUrl: connector.serviceUrl, ...(channel ? { channel } : {}) });
  const send = async (activity: Record<string, unknown>) => {
    const answer = await postActivity(bot.url, activity);
    await bot.idle();
    return answer;
  };
  return {
    bot,
    connector,
    /** The person installs the bot in their 1:1 chat. */
    install: (person: TeamsPerson) => send(installationUpdate(person, where())),
    /** The person types `text` to the bot (1:1 chat, or @mention in `channel`). */
    say: (person: TeamsPerson, text: string, channel?: string, mentions: TeamsPerson[] = []) =>
      send(messageActivity(person, text, where(channel), mentions)),
    /** The person clicks an Action.Execute button; returns the invoke response (status + body). */
    click: (person: TeamsPerson, verb: string, data: Record<string, unknown>, channel?: string) =>
      send(cardActionInvoke(person, verb, data, where(channel))),
    /** The same click from a client without Universal Actions (Action.Submit). */
    submit: (person: TeamsPerson, data: Record<string, unknown>, channel?: string) =>
      send(cardSubmit(person, data, where(channel))),
    /** Every card the bot posted to the person's 1:1 chat, as first posted. */
    cardsTo: (conversationId: string) => connector.cardsPostedTo(conversationId).map((posted) => posted.card),
    /** A posted card as it reads now (after any updates). */
    cardNow: (conversationId: string, activityId: string) =>
      cardOf(connector.activity(conversationId, activityId)),
    async stop() {
      await bot.stop();
      await connector.close();
    },
  };
}

export type TeamsTestBot = Awaited<ReturnType<typeof startTeamsTestBot>>;

/** The card an `adaptiveCard/action` invoke answered with. */
export function invokeCard(answer: { status: number; body: unknown }): Record<string, unknown> {
  const body = answer.body as { statusCode?: number; type?: string; value?: Record<string, unknown> };
  if (answer.status !== 200 || body?.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(
      `the invoke was not answered with a card: HTTP ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  return body.value;
}

/** The Action.Execute buttons on a card, by verb. */
export function verbsOf(card: Record<string, unknown> | undefined): string[] {
  return ((card?.actions ?? []) as { type: string; verb?: string; card?: Record<string, unknown> }[]).flatMap(
    (action) =>
      action.type === 'Action.Execute'
        ? [action.verb!]
        : action.type === 'Action.ShowCard'
          ? verbsOf(action.card)
          : [],
  );
}

/** Every Action.Execute of a card, those behind a confirmation step (Action.ShowCard) included. */
export function executeActionsOf(card: { actions?: unknown } | undefined): Record<string, unknown>[] {
  return ((card?.actions ?? []) as { type: string; card?: Record<string, unknown> }[]).flatMap((action) =>
    action.type === 'Action.Execute'
      ? [action]
      : action.type === 'Action.ShowCard'
        ? executeActionsOf(action.card)
        : [],
  );
}

/** The confirmation step (an Action.ShowCard) in front of a verb, if the card has one. */
export function confirmationOf(
  card: Record<string, unknown> | undefined,
  verb: string,
): { title: string; text: string } | undefined {
  const actions = (card?.actions ?? []) as { type: string; title: string; card?: Record<string, unknown> }[];
  const step = actions.find(
    (action) => action.type === 'Action.ShowCard' && verbsOf(action.card).includes(verb),
  );
  return step ? { title: step.title, text: JSON.stringify(step.card) } : undefined;
}
