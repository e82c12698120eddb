// The agent console: sign in, presence, the live inbox (claim, transfer), one conversation at a time with its history
// a page at a time, status changes, replies and canned answers over the hub, private notes, the visitor's pages, and
// banning the visitor (ban.js).
import { Api, ChatConnection, Transcript, element, signInForm } from '../shared/chat.js';
import { PagedConversationView } from './history.js';
import { preferencesPanel } from './preferences.js';
import { accountPanel } from './account.js';
import { banForm } from './ban.js';
import { showNotices } from '../shared/notices.js';

const $ = id => document.getElementById(id);
const base = new URL('/', location.href);
const api = new Api(base);
const states = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline' };
const heartbeatPeriod = 30_000;
signInForm(api, () => null, openDesk);

/** What a refusal says: the message, then each field's objection of the server's problem details. */
const explain = failure => [failure.message, ...Object.values(failure.problem?.errors ?? {}).flat()].join(' — ');
const short = conversationId => conversationId.slice(-8);
const utc = at => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Runs `action`, showing what the server refused in the alert `errorId` (cleared first). */
async function attempt(errorId, action) {
  $(errorId).textContent = '';
  try {
    return await action();
  } catch (failure) {
    $(errorId).textContent = explain(failure);
    return undefined;
  }
}

/** Wires a form whose text box `textId` is sent with `send(text)`, emptied once sent, with the failure in `errorId`. */
function sendsText(formId, textId, errorId, refused, send) {
  $(formId).addEventListener('submit', async event => {
    event.preventDefault();
    const text = $(textId).value.trim();
    if (!text) return;
    $(errorId).textContent = '';
    try {
      await send(text);
      $(textId).value = '';
    } catch (failure) {
      $(errorId).textContent = `${refused}: ${failure.message}`;
    }
  });
}

async function openDesk(tenantId, agent) {
  $('sign-in').hidden = true;
  $('desk').hidden = false;
  const tenantPath = `/api/tenants/${encodeURIComponent(tenantId)}`;
  await showNotices(api, tenantPath, $('notices'));
  preferencesPanel(api, tenantPath, document.querySelector('header'), document.querySelector('main'));
  accountPanel(api, tenantPath, document.querySelector('header'), document.querySelector('main'), () => location.reload());
  const conversationPath = () => `${tenantPath}/conversations/${encodeURIComponent(view.conversationId)}`;
  const ban = banForm(api, conversationPath);
  $('load-older').before(ban.form);
  const { widgetKey } = await api.json('GET', `${tenantPath}/widget`);
  $('demo-link').href = `/demo/index.html?key=${encodeURIComponent(widgetKey)}`;

  const connection = new ChatConnection(base, () => api.token, state => {
    document.body.dataset.state = state;
    $('status').textContent = `${agent.displayName} · ${states[state]}`;
  });
  const view = new PagedConversationView(connection, api, tenantId, new Transcript($('transcript'), message => {
    const who = message.sender.role === 'visitor' ? 'Visitor'
      : message.sender.role === 'assistant' ? 'FAQ assistant (suggested articles)'
      : message.sender.id === agent.agentId ? 'You' : agentName(message.sender.id);
    return message.isNote ? `Private note · ${who}` : who;
  }));

  // Agents' names for the inbox and the transfer list, read once each.
  const names = new Map([[agent.agentId, agent.displayName]]);
  function agentName(agentId) {
    if (!names.has(agentId)) {
      names.set(agentId, `Agent ${agentId.slice(-6)}`);
      api.json('GET', `${tenantPath}/agents/${encodeURIComponent(agentId)}`)
        .then(profile => {
          names.set(agentId, profile.displayName);
          if (inbox.version !== null) showInbox();
        })
        .catch(() => {});
    }
    return names.get(agentId);
  }

  // Presence: at once on opening and on every change, then every 30 s while the console is open.
  async function heartbeat() {
    const availability = await attempt('presence-error', () => api.json('PUT', `${tenantPath}/presence`,
      { status: $('presence-status').value, capacity: Number($('presence-capacity').value) }));
    if (availability) showLoad(availability);
  }
  function showLoad({ status, load, capacity, available }) {
    document.body.dataset.presence = status;
    $('presence-load').textContent = `Load ${load} of ${capacity}${available ? ' · taking conversations' : ''}`;
  }
  const { agents } = await api.json('GET', `${tenantPath}/inbox`);
  const mine = agents.find(entry => entry.agentId === agent.agentId);
  if (mine) {
    $('presence-status').value = mine.status;
    $('presence-capacity').value = String(mine.capacity);
  }
  $('presence-status').addEventListener('change', heartbeat);
  $('presence-capacity').addEventListener('change', () => $('presence').reportValidity() && heartbeat());
  $('presence').addEventListener('submit', event => event.preventDefault());
  setInterval(heartbeat, heartbeatPeriod);
  await heartbeat();

  // The inbox: the first page, then each change of it (docs/decisions/0045-inbox-deltas.md). A delta that does not
  // start from the version held means one was missed: the page is read again.
  const inbox = { version: null, entries: new Map(), waitingCount: 0, agents: new Map() };
  connection.on('inboxPage', page => {
    inbox.version = page.version;
    inbox.entries = new Map(page.entries.map(entry => [entry.conversationId, entry]));
    inbox.waitingCount = page.waitingCount;
    inbox.agents = new Map(page.agents.map(entry => [entry.agentId, entry]));
    showInbox();
  });
  connection.on('inboxDelta', delta => {
    if (inbox.version === null || delta.version <= inbox.version) return;
    if (delta.from !== inbox.version) {
      inbox.version = null;
      connection.invoke('WatchInbox', tenantId).catch(() => {});
      return;
    }
    inbox.version = delta.version;
    for (const conversationId of delta.removed) inbox.entries.delete(conversationId);
    for (const entry of delta.changed) inbox.entries.set(entry.conversationId, entry);
    inbox.waitingCount = delta.waitingCount;
    for (const entry of delta.agents) inbox.agents.set(entry.agentId, entry);
    showInbox();
  });
  connection.onResume(() => connection.invoke('WatchInbox', tenantId));

  function showInbox() {
    const own = inbox.agents.get(agent.agentId);
    if (own) showLoad(own);
    const held = [...inbox.entries.values()];
    const waiting = held.filter(entry => entry.agentId === null).sort((a, b) => a.queued - b.queued);
    const entries = [
      ...waiting.map(({ conversationId }) => ({ conversationId, label: 'waiting', waiting: true })),
      ...held.filter(entry => entry.agentId !== null)
        .sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1))
        .map(({ conversationId, agentId }) =>
          ({ conversationId, label: agentId === agent.agentId ? 'yours' : `with ${agentName(agentId)}` })),
    ];
    $('inbox').replaceChildren(...entries.map(({ conversationId, label, waiting }) => element('li', {},
      element('button', {
        type: 'button', dataset: { conversationId },
        'aria-current': String(conversationId === view.conversationId),
        onclick: () => openConversation(conversationId),
      }, `Conversation ${short(conversationId)} (${label})`),
      ...(waiting ? [element('button', {
        type: 'button', className: 'claim', dataset: { claim: conversationId },
        'aria-label': `Claim conversation ${short(conversationId)}`,
        onclick: () => claim(conversationId),
      }, 'Claim')] : []))));
    if (entries.length === 0) $('inbox').append(element('li', {}, 'No open conversations.'));
    const more = inbox.waitingCount - waiting.length;
    if (more > 0) $('inbox').append(element('li', { className: 'more-waiting' }, `${more} more waiting`));

    const others = [...inbox.agents.values()].filter(entry => entry.agentId !== agent.agentId && entry.status === 'online');
    const chosen = $('transfer-agent').value;
    $('transfer-agent').replaceChildren(...others.map(entry =>
      element('option', { value: entry.agentId, selected: entry.agentId === chosen },
        `${agentName(entry.agentId)} (${entry.load} of ${entry.capacity})`)));
    if (others.length === 0) $('transfer-agent').append(element('option', { value: '' }, 'No other agent online'));
  }

  async function claim(conversationId) {
    const path = `${tenantPath}/conversations/${encodeURIComponent(conversationId)}/claim`;
    if (await attempt('inbox-error', () => api.json('POST', path)) && conversationId !== view.conversationId) {
      await openConversation(conversationId);
    }
  }

  async function openConversation(conversationId) {
    $('conversation-title').textContent = `Conversation ${short(conversationId)}`;
    $('conversation').dataset.conversationId = conversationId;
    delete $('conversation').dataset.loaded;
    $('reply').hidden = false;
    $('note-form').hidden = false;
    $('conversation-tools').hidden = false;
    $('tools-result').textContent = '';
    $('tools-error').textContent = '';
    ban.reset();
    for (const button of $('inbox').querySelectorAll('button[data-conversation-id]')) {
      button.setAttribute('aria-current', String(button.dataset.conversationId === conversationId));
    }
    await view.open(conversationId);
    $('load-older').hidden = !view.hasOlder;
    const [summary] = await Promise.all([api.json('GET', conversationPath()), showVisitor()]);
    showStatus(summary);
    $('conversation').dataset.loaded = conversationId;
    $('reply-text').focus();
  }

  // Status changes, with the server's problem details on refusal.
  function showStatus(summary) {
    $('conversation-status').value = summary.status ?? 'open';
    $('snooze').hidden = $('conversation-status').value !== 'snoozed';
    $('conversation').dataset.status = summary.status ?? 'open';
    $('tools-result').textContent = summary.snoozedUntil ? `Snoozed until ${utc(summary.snoozedUntil)}` : `Status: ${summary.status ?? 'open'}`;
  }
  $('conversation-status').addEventListener('change', () => {
    $('snooze').hidden = $('conversation-status').value !== 'snoozed';
  });
  $('status-form').addEventListener('submit', async event => {
    event.preventDefault();
    const status = $('conversation-status').value;
    const until = $('snooze-until').value;
    const body = status === 'snoozed' && until ? { status, snoozeUntil: new Date(until).toISOString() } : { status };
    const summary = await attempt('tools-error', () => api.json('PUT', `${conversationPath()}/status`, body));
    if (summary) showStatus(summary);
  });
  $('transfer-form').addEventListener('submit', async event => {
    event.preventDefault();
    const agentId = $('transfer-agent').value;
    if (!agentId) return;
    if (await attempt('tools-error', () => api.json('POST', `${conversationPath()}/transfer`, { agentId }))) {
      $('tools-result').textContent = `Transferred to ${agentName(agentId)}`;
    }
  });

  $('load-older').addEventListener('click', async () => {
    await attempt('tools-error', () => view.loadOlder());
    $('load-older').hidden = !view.hasOlder;
  });

  // The visitor's pages and device, when they consented to analytics.
  async function showVisitor() {
    $('visitor-pages').hidden = true;
    $('visitor-device').textContent = '';
    $('visitor-empty').textContent = '';
    let found;
    try {
      found = await api.json('GET', `${conversationPath()}/visitor-session`);
    } catch (failure) {
      $('visitor-empty').textContent = failure.status === 404 ? 'No visitor started this conversation.' : explain(failure);
      return;
    }
    if (!found.session) {
      $('visitor-empty').textContent = 'No browsing data (no consent).';
      return;
    }
    const { device, pages } = found.session;
    $('visitor-device').textContent = device
      ? `${device.browser} on ${device.operatingSystem} (${device.deviceType})`
      : 'No device data.';
    $('visitor-pages').tBodies[0].replaceChildren(...pages.map(page => element('tr', {},
      element('td', {}, page.path),
      element('td', {}, page.title ?? ''),
      element('td', {}, `${Math.round(page.timeOnPageMs / 1000)} s`),
      element('td', {}, utc(page.at)))));
    $('visitor-pages').hidden = false;
  }

  // Canned answers: chosen from the list or typed as /shortcut, they go into the reply box to be sent.
  const answers = await api.json('GET', `${tenantPath}/canned-answers`);
  $('canned').replaceChildren(element('option', { value: '' }, answers.length ? 'Insert a canned answer…' : 'No canned answers'),
    ...answers.map(answer => element('option', { value: answer.shortcut }, `/${answer.shortcut} — ${answer.text}`)));
  const cannedText = shortcut => answers.find(answer => answer.shortcut === shortcut)?.text;
  $('canned').addEventListener('change', () => {
    const text = cannedText($('canned').value);
    if (text === undefined) return;
    const box = $('reply-text');
    box.setRangeText(text, box.selectionStart, box.selectionEnd, 'end');
    $('canned').value = '';
    box.focus();
  });

  sendsText('reply', 'reply-text', 'reply-error', 'Not sent', text => view.send(text));
  $('reply-text').addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      const typed = /^\/([a-z0-9_-]{1,32})$/.exec($('reply-text').value.trim());
      const canned = typed ? cannedText(typed[1]) : undefined;
      if (canned !== undefined) $('reply-text').value = canned;
      else $('reply').requestSubmit();
    }
  });

  sendsText('note-form', 'note-text', 'note-error', 'Not added', text => view.note(text));

  await connection.start();
}
