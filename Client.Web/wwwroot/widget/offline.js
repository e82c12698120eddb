// The widget's message form for when no agent is online: it records the visitor's contact (name and e-mail), starts a
// conversation with the message for the agents to answer later, and thanks the visitor.
import { element, newClientMessageId } from '../shared/chat.js';

/** What the server said when it refused: the problem's detail or title, and its field errors. */
export const refusal = failure => [failure.message, ...Object.values(failure.problem?.errors ?? {}).flat()].join(' ');

/**
 * The form, for the visitor of `api` (a visitor token) in `tenantId`. Its message starts a conversation, or goes to
 * `conversationId` when given. `onSent(conversationId)` runs once the message is stored; `error` is the element that
 * shows why something failed.
 */
export function offlineForm({ api, tenantId, withinBusinessHours, error, onSent, conversationId: existing = null }) {
  const tenant = `/api/tenants/${encodeURIComponent(tenantId)}`;
  const field = (id, label, control) => [element('label', { htmlFor: id }, label), control];
  const name = element('input', { id: 'offline-name', autocomplete: 'name', required: true, maxLength: 200 });
  const email = element('input', { id: 'offline-email', type: 'email', autocomplete: 'email', required: true, maxLength: 254 });
  const text = element('textarea', { id: 'offline-message', rows: 3, required: true, maxLength: 4000 });
  const form = element('form', { className: 'offline', 'aria-label': 'Leave a message' },
    element('p', {}, withinBusinessHours
      ? 'No one is available right now. Leave a message and we will answer by e-mail.'
      : 'We are closed now. Leave a message and we will answer by e-mail when we are back.'),
    ...field('offline-name', 'Your name', name), ...field('offline-email', 'Your e-mail', email),
    ...field('offline-message', 'Your message', text), element('button', { type: 'submit' }, 'Send message'));

  // Kept across a retry after a failure, so that one message never makes two conversations or two messages.
  let conversationId = existing;
  const clientMessageId = newClientMessageId();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      await api.json('PUT', `${tenant}/visitors/me/contact`, { name: name.value.trim(), email: email.value.trim() });
      conversationId ??= (await api.json('POST', `${tenant}/conversations`)).conversationId;
      await api.json('POST', `${tenant}/conversations/${encodeURIComponent(conversationId)}/messages`,
        { clientMessageId, text: text.value.trim() });
    } catch (failure) {
      error.textContent = `Not sent: ${refusal(failure)}`;
      return;
    }
    onSent(conversationId);
    form.replaceWith(element('p', { className: 'thanks', role: 'status' },
      `Thank you, ${name.value.trim()}. We got your message and will answer at ${email.value.trim()}.`));
  });
  return form;
}
