import { TurnContext, type Activity } from 'botbuilder';

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&amp;': '&',
};

/**
 * The command a person typed: without the bot's @mention (needed in channels), with any other
 * @mention as the word `@mention` (resolved from the activity's entities), and without the HTML
 * Teams may wrap text in.
 */
export function commandText(activity: Activity): string {
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return text
    .replace(/<at>.*?<\/at>/g, '@mention')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|lt|gt|quot|amp);/g, (entity) => ENTITIES[entity]!)
    .trim();
}
