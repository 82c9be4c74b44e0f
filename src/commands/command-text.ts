import { controlCharacterIn } from '../text/typed-text.js';

/** Longest command text we read; Slack allows far less in the message box. */
export const MAX_COMMAND_TEXT = 4_000;

/**
 * What is wrong with the text typed after a command, in words that say what to change, or
 * undefined when it can be parsed.
 */
export function commandTextProblem(text: string): string | undefined {
  if (text.length > MAX_COMMAND_TEXT) {
    return `That command is ${text.length} characters long; keep it under ${MAX_COMMAND_TEXT}.`;
  }
  const control = controlCharacterIn(text);
  if (control !== undefined) {
    return `That command contains an invisible control character (${control}). Retype it without pasting and try again.`;
  }
  return undefined;
}
