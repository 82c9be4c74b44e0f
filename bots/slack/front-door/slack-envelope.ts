import { z } from 'zod';

/**
 * The shapes of what Slack sends us, as far as our listeners rely on them. A signed request that
 * does not fit is answered 400 at the front door, so no listener ever sees a `null` user, a
 * missing view or an action list that is not a list.
 */
const id = z.string().min(1).max(255);
const user = z.looseObject({ id });
const optionalText = z.string().max(10_000).nullish();

const slashCommand = z.looseObject({
  command: z.string().min(1).max(100),
  user_id: id,
  channel_id: id,
  // Long text is answered by the command itself ("keep it under …"), not refused here.
  text: z.string().max(200_000).optional(),
  trigger_id: optionalText,
  response_url: optionalText,
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user,
  actions: z
    .array(z.looseObject({ action_id: id, value: optionalText }))
    .min(1)
    .max(25),
  trigger_id: optionalText,
  response_url: optionalText,
});

const view = z.looseObject({
  id: id.optional(),
  callback_id: z.string().max(255),
  private_metadata: z.string().max(3_000).nullish(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }).optional(),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user,
  view: view.extend({
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }),
  }),
});

const viewClosed = z.looseObject({ type: z.literal('view_closed'), user, view });

const blockSuggestion = z.looseObject({
  type: z.literal('block_suggestion'),
  user,
  action_id: id,
  value: z.string().max(10_000),
});

const shortcut = z.looseObject({
  type: z.enum(['shortcut', 'message_action']),
  user,
  callback_id: z.string().max(255),
});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event: z.looseObject({ type: z.string().min(1).max(100) }),
});

const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });
const sslCheck = z.looseObject({ ssl_check: z.string() });

const interaction = z.discriminatedUnion('type', [
  blockActions,
  viewSubmission,
  viewClosed,
  blockSuggestion,
  shortcut,
  eventCallback,
  urlVerification,
]);

/** Why a verified, parsed Slack body cannot be handled, or undefined when it has a usable shape. */
export function slackEnvelopeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'not an object';
  if ('command' in body) return problemOf(slashCommand.safeParse(body));
  if ('ssl_check' in body) return problemOf(sslCheck.safeParse(body));
  return problemOf(interaction.safeParse(body));
}

function problemOf(result: { success: boolean; error?: z.ZodError }): string | undefined {
  if (result.success) return undefined;
  const issue = result.error?.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'malformed';
}
