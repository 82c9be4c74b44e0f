/**
 * The message gallery page (GET /sandbox/gallery): plain HTML and JavaScript, like the console.
 * Each message kind is shown three ways: as the console shows it, and previews of Slack's mrkdwn
 * and Teams' Adaptive Card markdown, each interpreted the way that client does (so raw markup
 * that would reach a reader stays visible here). Everything is inserted as text, never as HTML.
 */
export const GALLERY_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>databricks-chatops message gallery</title>
<link rel="icon" type="image/svg+xml" href="/sandbox/favicon.svg">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; background: #f4f4f4; }
  h1 { font-size: 18px; } h2 { font-size: 15px; margin: 24px 0 6px; }
  .kind { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; background: #fff; padding: 10px; border-radius: 6px; }
  .platform { border: 1px solid #ddd; border-radius: 6px; padding: 8px; min-width: 0; overflow-wrap: anywhere; }
  .platform > .name { font-size: 11px; text-transform: uppercase; color: #888; margin-bottom: 4px; }
  .slack { font-family: Lato, system-ui, sans-serif; white-space: pre-wrap; } .teams { font-family: 'Segoe UI', system-ui, sans-serif; background: #fafafe; }
  .title { font-weight: 700; } .subtle { color: #666; font-size: 12px; } .attention { color: #c4314b; } .good { color: #237b4b; } .warning { color: #835c00; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 4px 0; } dt { color: #555; } dd { margin: 0; }
  code { background: #eee; padding: 0 3px; } .mention { background: #e8f0fe; color: #1264a3; border-radius: 3px; padding: 0 2px; }
  .slack-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 12px; margin: 4px 0; }
  button { margin: 4px 6px 0 0; } .input { display: block; margin: 4px 0; color: #555; font-size: 12px; }
</style>
</head>
<body>
<h1>Message gallery: every message kind, as the console, Slack and Teams show it</h1>
<div id="gallery"></div>
<script>
const el = (tag, props = {}, children = []) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
};

/** Splits text by a pattern; matches become nodes from make(match), the rest goes to next(text). */
function inline(text, rules) {
  if (rules.length === 0) return [text];
  const [[pattern, make], ...rest] = rules;
  const out = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out.push(...inline(text.slice(last, match.index), rest));
    out.push(make(match));
    last = match.index + match[0].length;
  }
  out.push(...inline(text.slice(last), rest));
  return out;
}

/** The console: neutral text, \`code spans\` as code. */
const consoleNodes = (text) => inline(text, [[/\`([^\`]+)\`/g, (m) => el('code', { textContent: m[1] })]]);

const EMOJI = { hourglass_flowing_sand: '\u23f3', white_check_mark: '\u2705', no_entry: '\u26d4', warning: '\u26a0\ufe0f', rotating_light: '\ud83d\udea8', information_source: '\u2139\ufe0f', x: '\u274c' };
/** Slack mrkdwn as Slack shows it: entities decoded, mentions, links, dates, *bold*, _italic_, ~strike~, \`code\`. */
function slackNodes(mrkdwn) {
  // Dates first, as the reader's local time: they may sit inside *bold* text.
  const text = mrkdwn
    .replace(/:([a-z_]+):/g, (code, name) => EMOJI[name] ?? code)
    .replace(/<!date\\^(\\d+)\\^[^|>]*\\|([^>]*)>/g, (m, unix) => new Date(Number(unix) * 1000).toLocaleString());
  const decode = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const styled = (t) => inline(t, [
    [/(^|\\W)\\*([^*\\n]+)\\*(?=\\W|$)/g, (m) => el('span', {}, [m[1], el('b', {}, styled(m[2]))])],
    [/(^|\\W)_([^_\\n]+)_(?=\\W|$)/g, (m) => el('span', {}, [m[1], el('i', {}, styled(m[2]))])],
    [/(^|\\W)~([^~\\n]+)~(?=\\W|$)/g, (m) => el('span', {}, [m[1], el('s', {}, styled(m[2]))])],
    [/\`([^\`]+)\`/g, (m) => el('code', { textContent: decode(m[1]) })],
  ]).map((n) => (typeof n === 'string' ? decode(n) : n));
  return inline(text, [
    [/<@([UW][A-Z0-9]+)>/g, (m) => el('span', { className: 'mention', textContent: '@' + m[1] })],
    [/<(https?:[^|>]+)\\|([^>]+)>/g, (m) => el('a', { href: m[1], textContent: decode(m[2]) })],
    [/<(https?:[^|>]+)>/g, (m) => el('a', { href: m[1], textContent: m[1] })],
  ]).flatMap((n) => (typeof n === 'string' ? styled(n) : [n]));
}

function slackBlock(block) {
  const text = (t) => (t?.type === 'mrkdwn' ? slackNodes(t.text) : [t?.text ?? '']);
  switch (block.type) {
    case 'header': return el('div', { className: 'title' }, text(block.text));
    case 'section': {
      const box = el('div', {}, block.text ? text(block.text) : []);
      if (block.fields) box.append(el('div', { className: 'slack-fields' }, block.fields.map((f) => el('div', {}, text(f)))));
      if (block.accessory?.type === 'button') box.append(el('button', { type: 'button', textContent: block.accessory.text.text }));
      return box;
    }
    case 'context': return el('div', { className: 'subtle' }, block.elements.flatMap((e) => [...text(e), ' ']));
    case 'actions': return el('div', {}, block.elements.map((e) => el('button', { type: 'button', textContent: e.text?.text ?? e.placeholder?.text ?? '…' })));
    case 'divider': return el('hr');
    default: return el('div', { className: 'subtle', textContent: '[' + block.type + ']' });
  }
}

/** Teams' Adaptive Card markdown: **bold**, _italic_, [links](url), <at>mentions</at>, DATE()/TIME(). No code spans, no escapes. */
function teamsNodes(text) {
  return inline(text, [
    [/<at>([^<]*)<\\/at>/g, (m) => el('span', { className: 'mention', textContent: '@' + m[1] })],
    [/\\{\\{(DATE|TIME)\\(([^,)]+)(?:, *\\w+)?\\)\\}\\}/g, (m) => el('time', { textContent: m[1] === 'DATE' ? new Date(m[2]).toLocaleDateString() : new Date(m[2]).toLocaleTimeString() })],
    [/\\[([^\\]]+)\\]\\((https?:[^)]+)\\)/g, (m) => el('a', { href: m[2], textContent: m[1] })],
    [/\\*\\*([^*]+)\\*\\*/g, (m) => el('b', { textContent: m[1] })],
    [/(^|\\W)_([^_\\n]+)_(?=\\W|$)/g, (m) => el('span', {}, [m[1], el('i', { textContent: m[2] })])],
  ]);
}

const COLORS = { Attention: 'attention', Good: 'good', Warning: 'warning' };
function teamsElement(element) {
  switch (element.type) {
    case 'TextBlock': {
      const classes = [element.weight === 'Bolder' ? 'title' : '', element.isSubtle ? 'subtle' : '', COLORS[element.color] ?? ''];
      return el('div', { className: classes.join(' ') }, teamsNodes(element.text));
    }
    case 'FactSet': return el('dl', {}, element.facts.flatMap((f) => [el('dt', {}, teamsNodes(f.title)), el('dd', {}, teamsNodes(f.value))]));
    case 'Container': return el('div', {}, element.items.map(teamsElement));
    case 'ActionSet': return el('div', {}, element.actions.map(teamsAction));
    default:
      if (element.type.startsWith('Input.')) return el('label', { className: 'input', textContent: (element.label ?? element.id) + ' [' + element.type.slice(6) + ']' });
      return el('div', { className: 'subtle', textContent: '[' + element.type + ']' });
  }
}
const teamsAction = (action) => el('button', { type: 'button', textContent: action.title + (action.type === 'Action.ShowCard' ? ' ▾' : '') });

function column(name, className, nodes) {
  return el('div', { className: 'platform ' + className }, [el('div', { className: 'name', textContent: name }), ...nodes]);
}

function consoleColumn(m) {
  const nodes = [el('div', { className: 'title' }, consoleNodes(m.title))];
  for (const p of m.body ?? []) nodes.push(el('p', {}, consoleNodes(p)));
  if (m.fields?.length) nodes.push(el('dl', {}, m.fields.flatMap((f) => [el('dt', { textContent: f.label }), el('dd', {}, consoleNodes(f.value))])));
  for (const line of m.context ?? []) nodes.push(el('div', { className: 'subtle' }, consoleNodes(line)));
  for (const a of m.actions ?? []) nodes.push(el('button', { type: 'button', textContent: a.label }));
  return column('Console', 'console', nodes);
}

(async () => {
  const { kinds } = await (await fetch('/sandbox/api/gallery')).json();
  const gallery = document.getElementById('gallery');
  for (const kind of kinds) {
    const section = el('section', {}, [el('h2', { textContent: kind.name + ' (' + kind.kind + ')' })]);
    section.dataset.kind = kind.name;
    section.append(el('div', { className: 'kind' }, [
      consoleColumn(kind.console),
      column('Slack', 'slack', kind.slack.map(slackBlock)),
      column('Teams', 'teams', [...kind.teams.body.map(teamsElement), el('div', {}, (kind.teams.actions ?? []).map(teamsAction))]),
    ]));
    gallery.append(section);
  }
  document.body.dataset.ready = 'true';
})();
</script>
</body>
</html>
`;
