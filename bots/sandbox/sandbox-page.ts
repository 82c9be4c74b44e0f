/**
 * The sandbox chat console: one static page, plain HTML and JavaScript (no build step). It plays
 * a chat client for one demo person at a time, talks to the JSON API under /sandbox/api and follows
 * its server-sent events.
 * Everything shown is inserted as text (never as HTML), so message content cannot inject markup.
 */
export const SANDBOX_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>databricks-chatops sandbox</title>
<link rel="icon" type="image/svg+xml" href="/sandbox/favicon.svg">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 220px 1fr; height: 100vh; }
  nav { background: #3f0e40; color: #fff; padding: 12px; overflow-y: auto; }
  nav h1 { font-size: 15px; margin: 0 0 8px; }
  nav button { display: block; width: 100%; text-align: left; background: none; color: #ddd; border: 0; padding: 4px 6px; cursor: pointer; border-radius: 4px; }
  nav button.active { background: #1164a3; color: #fff; }
  nav label, nav .clock { display: block; margin: 10px 0 4px; font-size: 12px; color: #ccc; }
  main { display: flex; flex-direction: column; height: 100vh; }
  header { padding: 10px 16px; border-bottom: 1px solid #ddd; font-weight: 600; }
  #messages { flex: 1; overflow-y: auto; padding: 12px 16px; }
  .message { border-left: 4px solid #ccc; padding: 6px 10px; margin: 8px 0; background: #fafafa; }
  .message.success { border-color: #2eb67d; } .message.warning { border-color: #ecb22e; } .message.critical { border-color: #e01e5a; }
  .message.ephemeral { background: #eef4fb; }
  .message .meta { font-size: 11px; color: #888; }
  .message .title { font-weight: 600; }
  .message .fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 4px 0; }
  .message .fields dt { color: #555; } .message .fields dd { margin: 0; }
  .message .item { border-top: 1px solid #eee; padding: 4px 0; } .message .item button { margin-left: 6px; }
  .message .context { font-size: 12px; color: #666; }
  .message button { margin: 4px 6px 0 0; } button.primary { background: #007a5a; color: #fff; } button.danger { background: #e01e5a; color: #fff; }
  .message img.chart { display: block; max-width: 100%; margin-top: 6px; }
  code { background: #eee; padding: 0 3px; }
  form#composer { display: flex; gap: 8px; padding: 10px 16px; border-top: 1px solid #ddd; }
  #command-text { flex: 1; padding: 6px; }
  #loading { background: #fff4ce; padding: 6px 16px; border-bottom: 1px solid #ecb22e; }
  #loading[hidden] { display: none; }
  dialog form label { display: block; margin-top: 8px; } dialog .error { color: #e01e5a; font-size: 12px; }
</style>
</head>
<body>
<nav>
  <h1>databricks-chatops sandbox</h1>
  <label for="user">You are</label>
  <select id="user"></select>
  <label>Channels</label>
  <div id="channels"></div>
  <div class="clock">Sandbox time: <span id="clock"></span></div>
  <button id="fast-forward" type="button">+1 hour</button>
  <label><a href="/sandbox/gallery" target="_blank" rel="noopener" style="color:#ddd">Message gallery</a></label>
</nav>
<main>
  <header id="channel-title"></header>
  <div id="loading" role="status">Loading demo data… (starting the workspace emulator, collecting 90 days of usage, scanning the demo agent)</div>
  <div id="messages"></div>
  <form id="composer">
    <input id="command-text" autocomplete="off" placeholder="/databricks help">
    <button type="submit">Send</button>
  </form>
</main>
<dialog id="modal"><form method="dialog" id="modal-form"></form></dialog>
<script>
const state = { user: '', channel: '', users: [], channels: [], dm: '', messages: [], events: undefined };
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, children = []) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
};
const EMOJI = { hourglass_flowing_sand: '\u23f3', white_check_mark: '\u2705', no_entry: '\u26d4', warning: '\u26a0\ufe0f' };
const emoji = (text) => text.replace(/:([a-z_]+):/g, (code, name) => EMOJI[name] ?? code);
/** Plain text with \`code spans\`, as DOM nodes. */
const textNodes = (text) => emoji(text).split('\`').map((part, i) => (i % 2 ? el('code', { textContent: part }) : document.createTextNode(part)));
const api = async (path, body) => {
  const res = await fetch('/sandbox/api/' + path, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return res.json();
};

function renderChannels() {
  const list = $('channels');
  list.replaceChildren();
  const all = [{ id: state.dm, label: 'Direct messages' }, ...state.channels.map((c) => ({ id: c, label: '#' + c }))];
  for (const channel of all) {
    const count = state.messages.filter((m) => m.channel === channel.id).length;
    const button = el('button', { type: 'button', textContent: channel.label + (count ? ' (' + count + ')' : '') });
    button.dataset.channel = channel.id;
    if (channel.id === state.channel) button.className = 'active';
    button.onclick = () => { state.channel = channel.id; render(); };
    list.append(button);
  }
  $('channel-title').textContent = all.find((c) => c.id === state.channel)?.label ?? '';
}

function renderMessage(post) {
  const m = post.message;
  const box = el('div', { className: 'message ' + (m.severity ?? '') + (post.ephemeralFor ? ' ephemeral' : '') });
  box.dataset.kind = m.kind;
  box.append(el('div', { className: 'meta', textContent: (post.ephemeralFor ? 'Only visible to you · ' : '') + new Date(post.at).toLocaleString() }));
  box.append(el('div', { className: 'title' }, textNodes(m.title)));
  for (const paragraph of m.body ?? []) box.append(el('p', {}, textNodes(paragraph)));
  if (m.fields?.length) {
    const dl = el('dl', { className: 'fields' });
    for (const f of m.fields) dl.append(el('dt', { textContent: f.label }), el('dd', {}, textNodes(f.value)));
    box.append(dl);
  }
  for (const item of m.items ?? []) {
    const row = el('div', { className: 'item' }, textNodes(item.text));
    for (const action of item.actions) row.append(actionButton(action));
    box.append(row);
  }
  for (const line of m.context ?? []) box.append(el('div', { className: 'context' }, textNodes(line)));
  if (post.image) box.append(el('img', { src: post.image.url, alt: post.image.alt, className: 'chart' }));
  if (m.link) box.append(el('a', { href: m.link.url, textContent: m.link.label, target: '_blank', rel: 'noopener' }));
  for (const action of m.actions ?? []) box.append(actionButton(action));
  return box;
}

function actionButton(action) {
  const button = el('button', { type: 'button', textContent: action.label, className: action.style ?? '' });
  button.dataset.action = action.id;
  button.onclick = async () => show(await api('action', { user: state.user, channel: state.channel, actionId: action.id, value: action.value }));
  return button;
}

function render() {
  renderChannels();
  const box = $('messages');
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
  box.replaceChildren(...state.messages.filter((m) => m.channel === state.channel).map(renderMessage));
  if (atBottom) box.scrollTop = box.scrollHeight;
}

function openForm(form, errors = {}, values = form.values ?? {}) {
  const f = $('modal-form');
  f.replaceChildren(el('h2', { textContent: form.title }));
  for (const field of form.fields) {
    const input = field.options
      ? el('select', { name: field.name }, field.options.map((o) => el('option', { value: o.value, textContent: o.label })))
      : el('input', { name: field.name, required: !field.optional, type: field.secret ? 'password' : 'text', autocomplete: 'off' });
    // What was typed stays after a refusal (never a secret: that is typed again).
    if (!field.secret && values[field.name] !== undefined) input.value = values[field.name];
    f.append(el('label', { textContent: field.label }, [input]));
    if (errors[field.name]) f.append(el('div', { className: 'error', textContent: errors[field.name] }));
  }
  const cancel = el('button', { type: 'button', textContent: 'Cancel' });
  cancel.onclick = () => $('modal').close();
  f.append(el('div', {}, [cancel, el('button', { type: 'submit', value: 'submit', textContent: form.submitLabel, className: form.submitStyle ?? 'primary' })]));
  f.onsubmit = async (event) => {
    event.preventDefault();
    const typed = Object.fromEntries(new FormData(f).entries());
    const result = await api('form', { user: state.user, channel: state.channel, formId: form.id, context: form.context, values: typed });
    if (result.errors) openForm(form, result.errors, typed);
    else $('modal').close();
  };
  if (!$('modal').open) $('modal').showModal();
}

function show(result) {
  if (result.form) openForm(result.form, result.errors ?? {});
}

/** The server pushes what this person sees after every change (server-sent events). */
function apply(data) {
  state.messages = data.messages;
  state.dm = data.dm;
  if (!state.channel || state.channel.startsWith('dm:')) state.channel = data.dm;
  $('clock').textContent = new Date(data.now).toLocaleString();
  $('loading').hidden = data.ready;
  render();
}

function follow() {
  state.events?.close();
  state.events = new EventSource('/sandbox/api/events?user=' + encodeURIComponent(state.user));
  state.events.onmessage = (event) => apply(JSON.parse(event.data));
}

$('composer').onsubmit = async (event) => {
  event.preventDefault();
  const text = $('command-text').value;
  $('command-text').value = '';
  show(await api('command', { user: state.user, channel: state.channel, text }));
};
$('fast-forward').onclick = async () => {
  const button = $('fast-forward');
  button.disabled = true;
  button.textContent = 'Moving time…';
  try { await api('fast-forward', { minutes: 60 }); } finally { button.disabled = false; button.textContent = '+1 hour'; }
};
$('user').onchange = () => { state.user = $('user').value; state.channel = ''; follow(); };

(async () => {
  const data = await api('users');
  state.users = data.users;
  state.channels = data.channels;
  state.user = new URLSearchParams(location.search).get('user') ?? data.users[0].id;
  $('user').replaceChildren(...data.users.map((u) => el('option', { value: u.id, textContent: u.name + ' (' + u.role + ')', selected: u.id === state.user })));
  follow();
})();
</script>
</body>
</html>
`;
