import { phrases } from './multilingual-phrases.js';

/**
 * A shell command piped from the web into a shell (`curl … | sh`) that a text tells the model by
 * name to run ("Hey copilot, … run `curl -s https://… | sh`"): an issue, a page or an e-mail
 * planting an action for the agent. Install docs with the same command, quoted by a user asking
 * whether it is safe, call no model, and a user asking the model to run one names it as "you"
 * without a vocative; the command alone is not an attack.
 */
const AI = '(?:copilot|assistant|ai|agent|bot|claude|chatgpt|gpt|gemini|llm|model)';
const PIPED_TO_SHELL = '(?:curl|wget)\\s[^\\n|`]{0,200}?\\|\\s*(?:sudo\\s+)?(?:ba|z|da)?sh\\b';

const PLANTED = [
  `\\b(?:hey|hi|hello|dear|ok|okay|attention|note to the|note to)\\s*,?\\s*${AI}\\b[^\\n]{0,160}?\\b(?:run|execute|exec|paste|type)\\b[^\\n]{0,40}?${PIPED_TO_SHELL}`,
  `\\b(?:if you are an?|as an?)\\s+(?:ai|assistant|agent|language model|llm|coding assistant)\\b[^\\n]{0,160}?\\b(?:run|execute|exec)\\b[^\\n]{0,40}?${PIPED_TO_SHELL}`,
];

export const PLANTED_COMMAND_PHRASES = phrases(
  'tool-instruction',
  'shell command planted for the AI',
  PLANTED,
);
