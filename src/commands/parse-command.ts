/** A chat command split into its name and the rest of the text. */
export interface ParsedCommand {
  name: string;
  args: string[];
  /** Everything after the command name, as typed. */
  rest: string;
}

export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { name: 'help', args: [], rest: '' };
  const [first = '', ...args] = trimmed.split(/\s+/);
  return { name: first.toLowerCase(), args, rest: trimmed.slice(first.length).trim() };
}
