import { parseDuration } from '../../../../src/access/duration.js';
import { policiesMessage } from '../../../../src/access/access-messages.js';
import { requestAccess } from '../../../../src/access/request-access.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { requestAccessForm } from '../../cards/request-access-form.js';
import { personOf } from '../../identity/teams-person.js';
import { requestResultMessage } from '../../replies/request-result-message.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

const USAGE =
  'Usage: `request-access <group> <duration> <reason…>`, e.g. `analysts 2h fix the nightly job`, or `request-access` alone for a form.';

/**
 * `request-access` alone answers with the request form; with arguments it files the request
 * directly: `<group> [<duration> [<reason…>]]`.
 */
export const requestAccessCommand: TeamsCommand = async ({ context, services }, parsed) => {
  const groups = services.access.policy.groups;
  if (parsed.args.length === 0) {
    await reply(context, groups.length === 0 ? policiesMessage(groups) : requestAccessForm(groups));
    return;
  }
  const [group, durationText, ...reasonWords] = parsed.args;
  const durationSeconds = durationText === undefined ? undefined : parseDuration(durationText);
  if (durationText !== undefined && durationSeconds === undefined) {
    throw new InvalidInput(`"${durationText}" is not a duration (try 30m, 2h or 1d). ${USAGE}`);
  }
  const request = await requestAccess(services.access, {
    requester: await personOf(context, services.db),
    group: group!,
    durationSeconds,
    reason: reasonWords.join(' '),
    ...(context.activity.id ? { submissionKey: `teams:${context.activity.id}` } : {}),
  });
  await reply(context, requestResultMessage(request));
};
