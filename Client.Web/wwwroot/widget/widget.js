// The visitor widget: one tag on a tenant's site,
//   <script type="module" src="https://<host>/widget/widget.js" data-widget-key="acme.…"></script>
// It gets a visitor token, asks for analytics consent (Accept or Reject, on the first layer), and chats over the
// hub. The visitor's token, conversation and consent choice stay in this site's localStorage.
import { Api, ChatConnection, ConversationView, Transcript, element } from '../shared/chat.js';

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
const error = element('p', { className: 'error', role: 'alert' });
const download = element('button', { type: 'button', className: 'download' }, 'Download my data');
const panel = element('section', { className: 'widget', 'aria-label': 'Chat' },
  element('h2', {}, 'Chat with us'), status, messages, composer, error, download);
root.append(element('link', { rel: 'stylesheet', href: new URL('widget.css', import.meta.url).href }), panel);
document.body.append(host);

function showState(state) {
  host.dataset.state = state;
  status.textContent = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline: messages will arrive when you are back online' }[state];
}

async function visitorToken() {
  api.token = saved.token && Date.parse(saved.expiresAt) > Date.now() + 60_000 ? saved.token : null;
  const issued = await api.json('POST', '/api/widget/visitor-tokens', { widgetKey });
  save({ token: issued.accessToken, expiresAt: issued.expiresAt, tenantId: issued.tenantId });
  api.token = issued.accessToken;
  return issued;
}

const { tenantId } = await visitorToken();
const visitorApi = `/api/tenants/${encodeURIComponent(tenantId)}/visitors/me`;
const connection = new ChatConnection(base, async () => {
  if (Date.parse(saved.expiresAt) < Date.now() + 60_000) await visitorToken();
  return api.token;
}, showState);
const view = new ConversationView(connection, api, tenantId,
  new Transcript(messages, message => (message.sender.role === 'visitor' ? 'You' : 'Agent')));

async function showConversation(conversationId) {
  host.dataset.conversationId = conversationId;
  await view.open(conversationId);
}

async function send(text) {
  if (!view.conversationId) {
    const started = await api.json('POST', `/api/tenants/${encodeURIComponent(tenantId)}/conversations`);
    save({ conversationId: started.conversationId });
    await showConversation(started.conversationId);
  }
  await view.send(text);
}

composer.addEventListener('submit', async event => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  error.textContent = '';
  try {
    await send(text);
    input.value = '';
  } catch (failure) {
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
    const data = await (await api.request('GET', `${visitorApi}/export`)).blob();
    const url = URL.createObjectURL(data);
    const link = element('a', { href: url, download: `${tenantId}-my-data.json`, hidden: true });
    root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (failure) {
    error.textContent = `Could not download your data: ${failure.message}`;
  }
});

// Consent: nothing is tracked before "Accept"; "Reject" is recorded and no page view is ever reported.
async function decide(granted) {
  await api.json('POST', `${visitorApi}/consents`, { purpose: 'analytics', granted, source: 'widget banner' });
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
  element('p', {}, 'May we measure your visit (pages seen, time on page) to improve our help? Chatting works either way.'),
  element('button', { type: 'button', className: 'accept', onclick: () => decide(true) }, 'Accept'),
  element('button', { type: 'button', className: 'reject', onclick: () => decide(false) }, 'Reject'));
if (!saved.consent) panel.prepend(banner);
await reportPageView();

if (saved.conversationId) await showConversation(saved.conversationId);
await connection.start();
