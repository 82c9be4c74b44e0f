import { z } from 'zod';

/**
 * What our Teams handlers rely on in an incoming activity. One that does not fit is answered 400
 * before the adapter, so no handler meets a `null` conversation or an invoke without a verb.
 */
const id = z.string().min(1).max(1_000);
const activity = z.looseObject({
  type: z.string().min(1).max(100),
  serviceUrl: z.string().min(1).max(2_000),
  conversation: z.looseObject({ id }),
  from: z.looseObject({ id }),
  text: z.string().max(100_000).nullish(),
});
const cardInvoke = z.looseObject({
  value: z.looseObject({
    action: z.looseObject({ verb: z.string().min(1).max(200), data: z.looseObject({}).nullish() }),
  }),
});

/** Why an activity cannot be handled, or undefined when it has a usable shape. */
export function teamsActivityProblem(body: unknown): string | undefined {
  const parsed = activity.safeParse(body);
  if (!parsed.success) return describe(parsed.error);
  const { type, name } = parsed.data as { type: string; name?: unknown };
  if (type === 'invoke' && name === 'adaptiveCard/action') {
    const invoke = cardInvoke.safeParse(body);
    if (!invoke.success) return describe(invoke.error);
  }
  return undefined;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'malformed';
}
