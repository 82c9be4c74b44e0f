const PERSON = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/**
 * The command text as the person typed it. With `should_escape: true` (manifest.yml) Slack sends
 * `&`, `<`, `>` escaped and turns mentions, channels, e-mails and links into `<…>` references;
 * this undoes that, except that a person mention stays `<@U123>` (its label dropped, since it may
 * contain spaces) for commands that take a person. Replies escape everything again on the way out.
 */
export function typedCommandText(text: string): string {
  return text
    .split(PERSON)
    .map((part, index) => (index % 2 === 1 ? `<@${part}>` : unescapeReferences(part)))
    .join('');
}

function unescapeReferences(text: string): string {
  return text
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<(https?:\/\/[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
