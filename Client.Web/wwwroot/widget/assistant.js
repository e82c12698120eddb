// The FAQ assistant's message in the widget (docs/faq.md, "The assistant"): its suggested articles as links to the
// tenant's help center, and the two buttons. Both answers go over the hub, authorized as the visitor's other commands;
// "Talk to a person" then lets the widget check whether anyone can answer now (otherwise the message form).
import { element } from '../shared/chat.js';

/** The suggestions and buttons to show under assistant `message`; `onHandOff()` runs after "Talk to a person". */
export function assistantActions({ message, connection, tenantId, conversationId, base, error, onHandOff }) {
  const links = element('ul', { className: 'suggestions' },
    ...message.suggestions.map(s => element('li', {}, element('a', {
      href: new URL(`/help/${encodeURIComponent(tenantId)}/articles/${encodeURIComponent(s.articleId)}`, base).href,
      target: '_blank', rel: 'noopener', lang: s.language,
      onclick: () => connection.invoke('OpenedSuggestion', tenantId, conversationId, s.articleId).catch(failure => console.warn('not counted', failure)),
    }, s.title))));
  const answered = element('button', { type: 'button', className: 'assistant-answered' }, 'Cela a répondu à ma question / This answered my question');
  const person = element('button', { type: 'button', className: 'assistant-person' }, 'Parler à une personne / Talk to a person');
  const actions = element('div', { className: 'assistant-actions' }, answered, person);
  const reply = async (method, done) => {
    error.textContent = '';
    try {
      await connection.invoke(method, tenantId, conversationId);
      actions.replaceChildren(element('p', { className: 'assistant-done', role: 'status' }, done));
      if (method === 'TalkToPerson') await onHandOff();
    } catch (failure) {
      error.textContent = `Non envoyé / Not sent: ${failure.message}`;
    }
  };
  answered.addEventListener('click', () => reply('AssistantAnswered', 'Merci ! / Thank you!'));
  person.addEventListener('click', () => reply('TalkToPerson', 'Un membre de l\'équipe va vous répondre. / Someone from the team will answer you.'));
  return element('div', { className: 'assistant' }, links, actions);
}
