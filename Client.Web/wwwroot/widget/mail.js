// Mail in the widget (docs/notifications.md, "Visitors"): "E-mail me this conversation", with the address asked for when
// the visitor gave none (it is confirmed by the link mailed to it, and the transcript follows the confirmation), and the
// link of a mail back to a conversation, whose fragment the widget trades for the visitor's token. Texts in French and
// English (shared/i18n.js), with `lang` on this section only: the page around the widget is the tenant's.
import { ApiError, element } from '../shared/chat.js';
import { I18n } from '../shared/i18n.js';

export const texts = {
  fr: {
    section: 'Par e-mail',
    transcript: 'M’envoyer cette conversation par e-mail',
    ask: 'À quelle adresse l’envoyer ?',
    address: 'Votre adresse e-mail',
    send: 'Envoyer',
    use: 'Nous vous enverrons aussi les réponses que vous n’aurez pas lues ; chaque courriel permet de se désabonner.',
    sent: 'Conversation envoyée à {email}.',
    confirm: 'Confirmez votre adresse avec le lien envoyé à {email} : la conversation suivra.',
    failed: 'Non envoyé : {reason}',
  },
  en: {
    section: 'By e-mail',
    transcript: 'E-mail me this conversation',
    ask: 'Which address should we send it to?',
    address: 'Your e-mail address',
    send: 'Send',
    use: 'We will also e-mail you replies you have not read; every such mail lets you unsubscribe.',
    sent: 'Conversation sent to {email}.',
    confirm: 'Confirm your address with the link sent to {email}: the conversation will follow.',
    failed: 'Not sent: {reason}',
  },
};

const resumeKey = 'orbitalyntra-resume';

/**
 * The link back to a conversation that a mail carries (`#orbitalyntra-resume=<visitor>.<conversation>.<expires>.<token>`),
 * taken out of the page's address so that a reload or a shared address does not carry it: `{ resume, conversationId }`,
 * or null when the page was not opened from such a link.
 */
export function takeResume() {
  const resume = new URLSearchParams(location.hash.slice(1)).get(resumeKey);
  if (!resume) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return { resume, conversationId: resume.split('.')[1] };
}

/** The visitor's address as the server holds it, or null when they gave none. */
async function addressOf(api, mailPath) {
  try {
    return await api.json('GET', mailPath);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) return null;
    throw failure;
  }
}

/**
 * The "E-mail me this conversation" section for the visitor of `api` in `tenantId`; `conversationId()` says which
 * conversation is open (the section shows once there is one: `section.show()`).
 */
export function mailSection({ api, tenantId, conversationId }) {
  const tenant = `/api/tenants/${encodeURIComponent(tenantId)}`;
  const mailPath = `${tenant}/visitors/me/mail`;
  const section = element('section', { className: 'mail', hidden: true });
  const i18n = new I18n(texts, section);
  section.setAttribute('aria-label', i18n.t('section'));
  const request = element('button', { type: 'button', className: 'transcript-request', dataset: { i18n: 'transcript' } });
  const email = element('input', { id: 'mail-address', type: 'email', autocomplete: 'email', required: true, maxLength: 254 });
  const form = element('form', { className: 'mail-address', hidden: true },
    element('p', { dataset: { i18n: 'ask' } }),
    element('label', { htmlFor: 'mail-address', dataset: { i18n: 'address' } }), email,
    element('p', { className: 'mail-use', dataset: { i18n: 'use' } }),
    element('button', { type: 'submit', dataset: { i18n: 'send' } }));
  const status = element('p', { className: 'mail-status', role: 'status' });
  section.append(request, form, status);
  i18n.apply(section);

  const say = (key, values) => { status.textContent = i18n.t(key, values); };

  /** Asks for the transcript and says where it goes; the address form stays open while the address is not confirmed. */
  async function sendTranscript(address) {
    const { status: outcome } = await api.json('POST', `${tenant}/conversations/${encodeURIComponent(conversationId())}/transcript`);
    say(outcome === 'queued' ? 'sent' : 'confirm', { email: address.email });
    form.hidden = outcome === 'queued';
    email.value = address.email;
  }

  const guarded = action => async event => {
    event?.preventDefault();
    status.textContent = '';
    try {
      await action();
    } catch (failure) {
      say('failed', { reason: [failure.message, ...Object.values(failure.problem?.errors ?? {}).flat()].join(' ') });
    }
  };

  request.addEventListener('click', guarded(async () => {
    const address = await addressOf(api, mailPath);
    if (address) {
      await sendTranscript(address);
    } else {
      form.hidden = false;
      email.focus();
    }
  }));
  form.addEventListener('submit', guarded(async () => {
    const address = await api.json('PUT', mailPath, { email: email.value.trim(), language: i18n.language });
    await sendTranscript(address);
  }));
  section.show = () => { section.hidden = false; };
  return section;
}
