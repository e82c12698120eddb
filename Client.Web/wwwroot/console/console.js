// The agent console: sign in, the live inbox, one conversation at a time with its history, replies over the hub.
import { Api, ChatConnection, ConversationView, Transcript, element, signInForm } from '../shared/chat.js';

const $ = id => document.getElementById(id);
const base = new URL('/', location.href);
const api = new Api(base);
const states = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline' };
signInForm(api, () => null, openDesk);

async function openDesk(tenantId, agent) {
  $('sign-in').hidden = true;
  $('desk').hidden = false;
  const tenantPath = `/api/tenants/${encodeURIComponent(tenantId)}`;
  const { widgetKey } = await api.json('GET', `${tenantPath}/widget`);
  $('demo-link').href = `/demo/index.html?key=${encodeURIComponent(widgetKey)}`;

  const connection = new ChatConnection(base, () => api.token, state => {
    document.body.dataset.state = state;
    $('status').textContent = `${agent.displayName} · ${states[state]}`;
  });
  const view = new ConversationView(connection, api, tenantId, new Transcript($('transcript'), message =>
    message.sender.role === 'visitor' ? 'Visitor' : message.sender.id === agent.agentId ? 'You' : 'Agent'));
  connection.on('inboxChanged', showInbox);
  connection.onResume(() => connection.invoke('WatchInbox', tenantId));

  function showInbox(inbox) {
    const entries = [
      ...inbox.waiting.map(conversationId => ({ conversationId, label: 'waiting' })),
      ...inbox.assigned.map(({ conversationId, agentId }) =>
        ({ conversationId, label: agentId === agent.agentId ? 'yours' : `with ${agentId}` })),
    ];
    $('inbox').replaceChildren(...entries.map(({ conversationId, label }) => element('li', {},
      element('button', {
        type: 'button', dataset: { conversationId },
        'aria-current': String(conversationId === view.conversationId),
        onclick: () => openConversation(conversationId),
      }, `Conversation ${conversationId.slice(-8)} (${label})`))));
    if (entries.length === 0) $('inbox').append(element('li', {}, 'No open conversations.'));
  }

  async function openConversation(conversationId) {
    $('conversation-title').textContent = `Conversation ${conversationId.slice(-8)}`;
    $('conversation').dataset.conversationId = conversationId;
    $('reply').hidden = false;
    for (const button of $('inbox').querySelectorAll('button')) {
      button.setAttribute('aria-current', String(button.dataset.conversationId === conversationId));
    }
    await view.open(conversationId);
    $('reply-text').focus();
  }

  $('reply').addEventListener('submit', async event => {
    event.preventDefault();
    const text = $('reply-text').value.trim();
    if (!text) return;
    $('reply-error').textContent = '';
    try {
      await view.send(text);
      $('reply-text').value = '';
    } catch (failure) {
      $('reply-error').textContent = `Not sent: ${failure.message}`;
    }
  });
  $('reply-text').addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('reply').requestSubmit();
    }
  });

  await connection.start();
}
