import { closestWord } from '../text/closest-word.js';
import { COMMANDS } from './command-catalog.js';

/** The command a typo most likely meant, if any: `reovke` → `revoke`. */
export function closestCommand(typed: string): string | undefined {
  return closestWord(
    typed,
    COMMANDS.map(({ name }) => name),
  );
}
