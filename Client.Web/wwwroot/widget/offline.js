// The widget's message form for when no agent is online: it records the visitor's contact (name and e-mail), starts a
// conversation with the message for the agents to answer later, asks for mail at that address (a confirmation link is
// mailed to it: the answer is mailed there once confirmed, docs/notifications.md), and thanks the visitor. Texts in French
// and English (shared/i18n.js), with `lang` on the form only: the page around the widget is the tenant's.
import { element, newClientMessageId } from '../shared/chat.js';
import { I18n } from '../shared/i18n.js';

export const texts = {
  fr: {
    form: 'Laisser un message',
    open: 'Personne n’est disponible pour le moment. Laissez un message : nous vous répondrons par e-mail.',
    closed: 'Nous sommes fermés. Laissez un message : nous vous répondrons par e-mail à notre retour.',
    name: 'Votre nom',
    email: 'Votre e-mail',
    message: 'Votre message',
    send: 'Envoyer le message',
    thanks: 'Merci, {name}. Nous avons bien reçu votre message et vous répondrons à {email}.',
    confirm: 'Merci, {name}. Nous avons bien reçu votre message. Confirmez votre adresse avec le lien envoyé à {email} : notre réponse vous y parviendra.',
    notSent: 'Non envoyé : {reason}',
  },
  en: {
    form: 'Leave a message',
    open: 'No one is available right now. Leave a message and we will answer by e-mail.',
    closed: 'We are closed now. Leave a message and we will answer by e-mail when we are back.',
    name: 'Your name',
    email: 'Your e-mail',
    message: 'Your message',
    send: 'Send message',
    thanks: 'Thank you, {name}. We got your message and will answer at {email}.',
    confirm: 'Thank you, {name}. We got your message. Confirm your address with the link sent to {email}, and our answer will reach you there.',
    notSent: 'Not sent: {reason}',
  },
};

/** What the server said when it refused: the problem's detail or title, and its field errors. */
export const refusal = failure => [failure.message, ...Object.values(failure.problem?.errors ?? {}).flat()].join(' ');

/**
 * The form, for the visitor of `api` (a visitor token) in `tenantId`. Its message starts a conversation, or goes to
 * `conversationId` when given. `onSent(conversationId)` runs once the message is stored; `error` is the element that
 * shows why something failed.
 */
export function offlineForm({ api, tenantId, withinBusinessHours, error, onSent, conversationId: existing = null }) {
  const tenant = `/api/tenants/${encodeURIComponent(tenantId)}`;
  const form = element('form', { className: 'offline' });
  const i18n = new I18n(texts, form);
  const field = (id, key, control) => [element('label', { htmlFor: id }, i18n.t(key)), control];
  const name = element('input', { id: 'offline-name', autocomplete: 'name', required: true, maxLength: 200 });
  const email = element('input', { id: 'offline-email', type: 'email', autocomplete: 'email', required: true, maxLength: 254 });
  const text = element('textarea', { id: 'offline-message', rows: 3, required: true, maxLength: 4000 });
  form.setAttribute('aria-label', i18n.t('form'));
  form.append(element('p', {}, i18n.t(withinBusinessHours ? 'open' : 'closed')),
    ...field('offline-name', 'name', name), ...field('offline-email', 'email', email),
    ...field('offline-message', 'message', text), element('button', { type: 'submit' }, i18n.t('send')));

  // Kept across a retry after a failure, so that one message never makes two conversations or two messages.
  let conversationId = existing;
  const clientMessageId = newClientMessageId();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    const contact = { name: name.value.trim(), email: email.value.trim() };
    let address;
    try {
      await api.json('PUT', `${tenant}/visitors/me/contact`, contact);
      conversationId ??= (await api.json('POST', `${tenant}/conversations`)).conversationId;
      await api.json('POST', `${tenant}/conversations/${encodeURIComponent(conversationId)}/messages`,
        { clientMessageId, text: text.value.trim() });
      address = await api.json('PUT', `${tenant}/visitors/me/mail`, { email: contact.email, language: i18n.language });
    } catch (failure) {
      error.textContent = i18n.t('notSent', { reason: refusal(failure) });
      return;
    }
    onSent(conversationId);
    const thanks = element('p', { className: 'thanks', role: 'status' }, i18n.t(address.confirmed ? 'thanks' : 'confirm', contact));
    thanks.lang = i18n.language;
    form.replaceWith(thanks);
  });
  return form;
}
