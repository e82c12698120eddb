// The FAQ assistant's message in the widget (docs/faq.md, "The assistant"): its suggested articles as links to the
// tenant's help center, and the two buttons. Both answers go over the hub, authorized as the visitor's other commands;
// "Talk to a person" then lets the widget check whether anyone can answer now (otherwise the message form). Its texts
// are French or English (shared/i18n.js): the language the visitor chose in the help search, or the browser's, with
// `lang` on the assistant's part only.
import { element } from '../shared/chat.js';
import { I18n } from '../shared/i18n.js';

export const texts = {
  fr: {
    intro: 'Ces articles répondent peut-être à votre question :',
    answered: 'Cela a répondu à ma question',
    person: 'Parler à une personne',
    thanks: 'Merci !',
    handedOff: 'Un membre de l’équipe va vous répondre.',
    notSent: 'Non envoyé : {reason}',
  },
  en: {
    intro: 'These articles may answer your question:',
    answered: 'This answered my question',
    person: 'Talk to a person',
    thanks: 'Thank you!',
    handedOff: 'Someone from the team will answer you.',
    notSent: 'Not sent: {reason}',
  },
};

/** The suggestions and buttons to show for assistant `message`; `onHandOff()` runs after "Talk to a person". */
export function assistantActions({ message, connection, tenantId, conversationId, base, error, onHandOff }) {
  const part = element('div', { className: 'assistant' });
  const i18n = new I18n(texts, part);
  const links = element('ul', { className: 'suggestions' },
    ...message.suggestions.map(s => element('li', {}, element('a', {
      href: new URL(`/help/${encodeURIComponent(tenantId)}/articles/${encodeURIComponent(s.articleId)}`, base).href,
      target: '_blank', rel: 'noopener', lang: s.language,
      onclick: () => connection.invoke('OpenedSuggestion', tenantId, conversationId, s.articleId).catch(failure => console.warn('not counted', failure)),
    }, s.title))));
  const answered = element('button', { type: 'button', className: 'assistant-answered' }, i18n.t('answered'));
  const person = element('button', { type: 'button', className: 'assistant-person' }, i18n.t('person'));
  const actions = element('div', { className: 'assistant-actions' }, answered, person);
  const reply = async (method, done) => {
    error.textContent = '';
    try {
      await connection.invoke(method, tenantId, conversationId);
      actions.replaceChildren(element('p', { className: 'assistant-done', role: 'status' }, i18n.t(done)));
      if (method === 'TalkToPerson') await onHandOff();
    } catch (failure) {
      error.textContent = i18n.t('notSent', { reason: failure.message });
    }
  };
  answered.addEventListener('click', () => reply('AssistantAnswered', 'thanks'));
  person.addEventListener('click', () => reply('TalkToPerson', 'handedOff'));
  part.append(element('span', {}, i18n.t('intro')), links, actions);
  return part;
}
