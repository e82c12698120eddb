// The visitor widget: one tag on a tenant's site,
//   <script type="module" src="https://<host>/widget/widget.js" data-widget-key="acme.…"></script>
// It gets a visitor token, asks for analytics consent (Accept or Reject, on the first layer), and chats over the
// hub when an agent is online (otherwise it offers a message form, offline.js), and mails the conversation on request
// (mail.js). The visitor's token, conversation and consent choice stay in this site's localStorage; a mail's link back to
// a conversation signs the visitor in on any device.
import { Api, ApiError, ChatConnection, ConversationView, Transcript, element, newClientMessageId, sameConversation } from '../shared/chat.js';
import { offlineForm, refusal } from './offline.js';
import { helpSuggestions } from './suggestions.js';
import { assistantActions } from './assistant.js';
import { mailSection, takeResume } from './mail.js';
import { askToken, banned, showBanned } from './guard.js';

const base = new URL('/', import.meta.url);
const tag = [...document.querySelectorAll('script[data-widget-key]')]
  .find(script => new URL(script.src, document.baseURI).href === import.meta.url);
if (!tag) throw new Error('widget.js needs data-widget-key on its script tag');
const widgetKey = tag.dataset.widgetKey;
const storageKey = `orbitalyntra:${widgetKey.split('.')[0]}`;
const saved = JSON.parse(localStorage.getItem(storageKey) ?? '{}');
const save = changes => localStorage.setItem(storageKey, JSON.stringify(Object.assign(saved, changes)));

const api = new Api(base);
const host = element('div', { id: 'orbitalyntra-widget' });
const root = host.attachShadow({ mode: 'open' });
const status = element('p', { className: 'status', role: 'status' }, 'Connecting…');
const messages = element('ol', { className: 'transcript', 'aria-label': 'Messages', 'aria-live': 'polite' });
const input = element('textarea', { id: 'message', rows: 2, maxLength: 4000, placeholder: 'Write a message…' });
const composer = element('form', { className: 'composer' },
  element('label', { htmlFor: 'message' }, 'Your message'), input,
  element('button', { type: 'submit' }, 'Send'));
const typing = element('p', { className: 'typing', role: 'status', hidden: true }, 'Agent is typing…');
const attach = element('input', { type: 'file', id: 'attachment', className: 'attachment' });
const attachments = element('div', { className: 'attach' }, element('label', { htmlFor: 'attachment' }, 'Send a file'), attach);
const error = element('p', { className: 'error', role: 'alert' });
const download = element('button', { type: 'button', className: 'download' }, 'Download my data');
const forget = element('button', { type: 'button', className: 'forget' }, 'Forget me');
const erase = element('button', { type: 'button', className: 'erase' }, 'Yes, erase my data');
const keep = element('button', { type: 'button', className: 'keep' }, 'Cancel');
const confirmErasure = element('section', { className: 'confirm', 'aria-label': 'Forget me', hidden: true },
  element('p', {}, 'Erase everything we hold about you, your messages and files included? This cannot be undone.'), erase, keep);
const privacy = element('div', { className: 'privacy' }, download, forget, confirmErasure);
const panel = element('section', { className: 'widget', 'aria-label': 'Chat' },
  element('h2', {}, 'Chat with us'), status, messages, typing, composer, attachments, error, privacy);

root.append(element('link', { rel: 'stylesheet', href: new URL('widget.css', import.meta.url).href }), panel);
document.body.append(host);

function showState(state) {
  host.dataset.state = state;
  status.textContent = {
    connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…',
    offline: 'Offline: messages will arrive when you are back online',
    ended: 'This chat has ended. Write a message to start a new one.',
  }[state];
}

// Opened from a mail's link back to a conversation: its fragment is traded for that visitor's token, once; refused (it
// expired, say), the widget starts as it would have.
let resumed = takeResume();

async function visitorToken() {
  api.token = saved.token && Date.parse(saved.expiresAt) > Date.now() + 60_000 ? saved.token : null;
  const resume = resumed?.used ? null : resumed?.resume;
  if (resumed) resumed.used = true;
  let issued;
  try {
    issued = await askToken(api, resume ? { widgetKey, resume } : { widgetKey }, status);
  } catch (failure) {
    if (!resume) throw failure;
    console.warn('the link back to the conversation was refused', failure);
    resumed = null;
    issued = await askToken(api, { widgetKey }, status);
  }
  if (resume && resumed) save({ conversationId: resumed.conversationId });
  save({ token: issued.accessToken, expiresAt: issued.expiresAt, tenantId: issued.tenantId });
  api.token = issued.accessToken;
  return issued;
}

// A banned visitor or network (docs/decisions/0049) is told so, and nothing else of the widget runs: the module waits for good.
const { tenantId } = await visitorToken().catch(failure => {
  if (!banned(failure)) throw failure;
  showBanned(panel, host);
  return new Promise(() => {});
});
const suggestions = helpSuggestions(base, tenantId);
panel.querySelector('h2').after(suggestions);
const mail = mailSection({ api, tenantId, conversationId: () => view.conversationId });
privacy.before(mail);
const visitorApi = `/api/tenants/${encodeURIComponent(tenantId)}/visitors/me`;
const connection = new ChatConnection(base, async () => {
  if (Date.parse(saved.expiresAt) < Date.now() + 60_000) await visitorToken();
  return api.token;
}, state => {
  if (state === 'ended') forgetCredential();
  showState(state);
}, credentialEnded);

// A token the host refused for good (the visitor's data was erased, by them elsewhere or by the tenant): the widget
// forgets it and its conversation, stops reconnecting, and asks for a new token only when the visitor writes again.
// The hub says so in its refusal; its negotiation (a plain 401 to the SignalR client) only by the status.
function credentialEnded(failure) {
  const message = String(failure?.message ?? '');
  return failure?.problem?.title === 'The credential has ended.' || message.includes('The credential has ended.')
    || message.includes("Status code '401'");
}
function forgetCredential() {
  for (const key of ['token', 'expiresAt', 'conversationId']) delete saved[key];
  save({});
  api.token = null;
  delete host.dataset.conversationId;
  if (view.conversationId) {
    view.conversationId = null;
    view.transcript.clear();
  }
}
async function afterEnd(action) {
  try {
    return await action();
  } catch (failure) {
    if (credentialEnded(failure)) await connection.end();
    throw failure;
  }
}

/** The transcript, where a message that carries a file shows its name as a link that downloads it with the visitor's token. */
class WidgetTranscript extends Transcript {
  add(message) {
    const isNew = !this.shown.has(message.sequence);
    super.add(message);
    if (isNew && message.sender.role === 'assistant' && message.suggestions?.length) {
      // The readable text says it in words; the links and buttons replace it.
      this.shown.get(message.sequence).querySelector('.text').replaceChildren(
        assistantActions({ message, connection, tenantId, conversationId: view.conversationId, base, error, onHandOff: offerMessageFormIfNobodyAnswers }));
    }
    if (!isNew || !message.file || message.erased) return;
    const text = this.shown.get(message.sequence).querySelector('.text');
    const link = element('a', { href: '#', className: 'file' }, message.text);
    link.addEventListener('click', event => {
      event.preventDefault();
      downloadFile(message).catch(failure => { error.textContent = `Could not download the file: ${failure.message}`; });
    });
    text.replaceChildren(link);
  }
}

const view = new ConversationView(connection, api, tenantId,
  new WidgetTranscript(messages, message => ({ visitor: 'You', assistant: 'Assistant' }[message.sender.role] ?? 'Agent')));
const conversationPath = () =>
  `/api/tenants/${encodeURIComponent(tenantId)}/conversations/${encodeURIComponent(view.conversationId)}`;

/** Saves `blob` as `name` through a Blob URL (the browser's download; nothing is shown inline). */
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = element('a', { href: url, download: name, hidden: true });
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function downloadFile(message) {
  const response = await api.request('GET', `${conversationPath()}/messages/${message.sequence}/file`);
  // The server's name (it ends in the extension of the verified type: "invoice.bat" sent as text is "invoice.bat.txt").
  const named = /filename\*=UTF-8''([^;]+)/i.exec(response.headers.get('content-disposition') ?? '');
  saveBlob(await response.blob(), named ? decodeURIComponent(named[1]) : message.text);
}

async function showConversation(conversationId) {
  suggestions.remove(); // the help search is for before a conversation
  host.dataset.conversationId = conversationId;
  mail.show();
  await view.open(conversationId);
  await acknowledge();
}

// Typing signals and receipts: live only, never stored (docs/api.md). The widget says it is typing at most every 3 s,
// shows the agent's typing for 4 s after the last signal, marks what it shows delivered (and read while the page is
// visible), and shows "Read" under the visitor's newest message once an agent has read up to it.
const typingEvery = 3000;
const typingShownFor = 4000;
const acknowledged = { delivered: 0, read: 0 };
let lastTyped = 0;
let typingTimer;
let agentReadUpTo = 0;
const isThisConversation = conversationId => view.conversationId && sameConversation(conversationId, view.conversationId);
const connected = () => connection.hub.state === 'Connected';

input.addEventListener('input', () => {
  if (!view.conversationId || !connected() || Date.now() - lastTyped < typingEvery) return;
  lastTyped = Date.now();
  connection.invoke('Typing', tenantId, view.conversationId).catch(failure => console.warn('typing signal failed', failure));
});

connection.on('typing', (conversationId, sender) => {
  if (!isThisConversation(conversationId) || sender.role === 'visitor') return;
  typing.hidden = false;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { typing.hidden = true; }, typingShownFor);
});

connection.on('receipt', (conversationId, reader, kind, upToSequence) => {
  if (!isThisConversation(conversationId) || reader.role === 'visitor' || kind !== 'read') return;
  agentReadUpTo = Math.max(agentReadUpTo, upToSequence);
  showRead();
});

function showRead() {
  root.querySelector('.receipt')?.remove();
  const own = [...view.transcript.shown.entries()].filter(([, item]) => item.classList.contains('from-visitor'));
  const newest = own.length ? own.reduce((a, b) => (a[0] > b[0] ? a : b)) : null;
  if (newest && newest[0] <= agentReadUpTo) newest[1].append(element('span', { className: 'receipt' }, 'Read'));
}

async function acknowledge() {
  const last = view.transcript.last;
  if (!view.conversationId || !connected() || last < 1) return;
  const conversationId = view.conversationId;
  try {
    if (last > acknowledged.delivered) {
      acknowledged.delivered = last;
      await connection.invoke('MarkDelivered', tenantId, conversationId, last);
    }
    if (document.visibilityState === 'visible' && last > acknowledged.read) {
      acknowledged.read = last;
      await connection.invoke('MarkRead', tenantId, conversationId, last);
    }
  } catch (failure) {
    console.warn('receipt failed', failure);
  }
}

connection.on('messageReceived', conversationId => {
  if (!isThisConversation(conversationId)) return;
  typing.hidden = true;
  showRead();
  acknowledge();
});
connection.onResume(acknowledge);
document.addEventListener('visibilitychange', acknowledge);

async function ensureConversation() {
  if (view.conversationId) return;
  const started = await api.json('POST', `/api/tenants/${encodeURIComponent(tenantId)}/conversations`);
  save({ conversationId: started.conversationId });
  await showConversation(started.conversationId);
}

async function send(text) {
  if (host.dataset.state === 'ended') {
    await visitorToken();
    await connection.restart();
  }
  await afterEnd(async () => {
    await ensureConversation();
    await view.send(text);
  });
}

/** Posts the file as the request body, its type in Content-Type and its name in Content-Disposition (docs/api.md). */
async function upload(file) {
  await ensureConversation();
  const response = await fetch(new URL(`${conversationPath()}/files?clientMessageId=${newClientMessageId()}`, base), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${api.token}`,
      'content-type': file.type || 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    },
    body: file,
  });
  if (!response.ok) throw await ApiError.from(response);
  view.transcript.add(await response.json());
  showRead();
}

attach.addEventListener('change', async () => {
  const [file] = attach.files;
  if (!file) return;
  error.textContent = '';
  try {
    await upload(file);
  } catch (failure) {
    error.textContent = `Not sent: ${refusal(failure)}`;
  } finally {
    attach.value = '';
  }
});

composer.addEventListener('submit', async event => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  error.textContent = '';
  try {
    await send(text);
    input.value = '';
    showRead();
  } catch (failure) {
    if (banned(failure)) {
      await connection.close();
      showBanned(panel, host);
      return;
    }
    error.textContent = `Not sent: ${failure.message}`;
  }
});
input.addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

download.addEventListener('click', async () => {
  error.textContent = '';
  try {
    saveBlob(await (await api.request('GET', `${visitorApi}/export`)).blob(), `${tenantId}-my-data.json`);
  } catch (failure) {
    error.textContent = `Could not download your data: ${failure.message}`;
  }
});

// "Forget me": asked again inside the widget (no dialog), then the visitor is erased and the widget forgets its token,
// its conversation and its choices, closes its connection for good and says so.
forget.addEventListener('click', () => {
  confirmErasure.hidden = false;
  erase.focus();
});
keep.addEventListener('click', () => {
  confirmErasure.hidden = true;
  forget.focus();
});
erase.addEventListener('click', async () => {
  error.textContent = '';
  try {
    await api.json('POST', `${visitorApi}/erasure`);
  } catch (failure) {
    error.textContent = `Could not erase your data: ${failure.message}`;
    return;
  }
  localStorage.removeItem(storageKey);
  for (const key of Object.keys(saved)) delete saved[key];
  api.token = null;
  await connection.close();
  host.dataset.state = 'erased';
  delete host.dataset.conversationId;
  panel.replaceChildren(element('h2', {}, 'Chat with us'),
    element('p', { className: 'erased', role: 'status' }, 'Your data was erased: we no longer hold your messages, files or choices.'));
});

// Consent: nothing is tracked before "Accept"; "Reject" is recorded and no page view is ever reported. The choice is
// made under the tenant's privacy notice in force (its version is sent with it); a material change of the notice makes
// an earlier "Accept" count no more, and the server says so: the banner is shown again (docs/decisions/0039).
const notice = await api.json('GET', `${visitorApi}/notice`)
  .catch(failure => { console.warn('privacy notice unknown', failure); return null; });
const noticeChanged = saved.consent === 'accepted' && notice?.askAgain.includes('analytics');
if (noticeChanged) {
  delete saved.consent;
  save({});
}
const noticeAddress = policy => policy.url ?? new URL(`privacy/?tenant=${encodeURIComponent(tenantId)}`, base).href;
const noticeLink = () => element('a', { className: 'notice', href: notice ? noticeAddress(notice.policy) : new URL('privacy/', base).href, target: '_blank', rel: 'noopener' }, 'Privacy notice');
privacy.prepend(noticeLink());
if (notice) host.dataset.notice = `${notice.policy.notice.policy}:${notice.policy.notice.version}`;

async function decide(granted) {
  error.textContent = '';
  try {
    await api.json('POST', `${visitorApi}/consents`, { purpose: 'analytics', granted, source: 'widget banner', notice: notice?.policy.notice });
  } catch (failure) {
    // The notice changed while the banner was shown: the new one is read on the next page.
    error.textContent = `Your choice was not recorded: ${failure.message}`;
    return;
  }
  save({ consent: granted ? 'accepted' : 'rejected' });
  banner.remove();
  await reportPageView();
}

async function reportPageView() {
  host.dataset.consent = saved.consent ?? 'undecided';
  if (saved.consent !== 'accepted') return;
  const page = { url: location.href, title: document.title };
  if (document.referrer) page.referrer = document.referrer;
  await api.json('POST', `${visitorApi}/page-views`, page);
}

const banner = element('section', { className: 'consent', 'aria-label': 'Privacy choices' },
  ...(noticeChanged ? [element('p', { className: 'changed' }, 'Our privacy notice has changed: please read it and choose again.')] : []),
  element('p', {}, 'May we measure your visit (pages seen, time on page) to improve our help? Chatting works either way.'),
  noticeLink(),
  element('button', { type: 'button', className: 'accept', onclick: () => decide(true) }, 'Accept'),
  element('button', { type: 'button', className: 'reject', onclick: () => decide(false) }, 'Reject'));
if (!saved.consent) panel.prepend(banner);
await reportPageView();

// Chat when an agent can answer now; otherwise a message form that the agents answer later.
const availability = await api.json('GET', `${visitorApi}/availability`)
  .catch(failure => ({ agentsOnline: true, failure })); // unknown: offer the chat, which works either way
if (availability.failure) console.warn('availability unknown', availability.failure);
host.dataset.mode = availability.agentsOnline ? 'chat' : 'message-form';
if (availability.agentsOnline || resumed) {
  if (saved.conversationId) await showConversation(saved.conversationId);
  await connection.start();
} else {
  showMessageForm(availability);
}

/** The message form instead of the chat; `conversationId`: the conversation its message goes to (otherwise a new one). */
function showMessageForm({ withinBusinessHours }, conversationId = null) {
  host.dataset.mode = 'message-form';
  for (const part of [status, messages, typing, composer, attachments]) part.remove();
  error.before(offlineForm({ api, tenantId, withinBusinessHours, error, conversationId,
    onSent: conversationId => {
      suggestions.remove();
      save({ conversationId });
    } }));
}

/**
 * After "Talk to a person": when nobody is online or it is outside business hours, the message form instead of waiting;
 * its message joins the conversation just handed to the inbox, which holds the question.
 */
async function offerMessageFormIfNobodyAnswers() {
  const now = await api.json('GET', `${visitorApi}/availability`).catch(() => ({ agentsOnline: true, withinBusinessHours: true }));
  if (!now.agentsOnline || !now.withinBusinessHours) showMessageForm(now, view.conversationId);
}
