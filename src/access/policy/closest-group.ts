import { closestWord } from '../../text/closest-word.js';
import type { AccessPolicy } from './access-policy.js';

/** Why a typed group name was not found, with the group it most likely meant. */
export function noSuchGroupText(policy: AccessPolicy, typed: string): string {
  const shown = typed.trim().slice(0, 100);
  const meant = closestWord(typed, [
    ...policy.groups.map((group) => group.key),
    ...policy.groups.map((group) => group.databricksGroup),
  ]);
  const key = meant && policy.groups.find((g) => g.key === meant || g.databricksGroup === meant)?.key;
  return key
    ? `There is no requestable group called "${shown}". Did you mean ${key}?`
    : `There is no requestable group called "${shown}". The policies command lists the groups you can request.`;
}
