// What the widget does when the tenant guards its chat (docs/decisions/0049, 0050): a banned visitor or network is told,
// in their language, that the chat is not available to them, and the widget stops; a new visitor asked for proof of work
// solves the server's ALTCHA challenge (altcha-lib's solver, WebCrypto on the page's thread) and asks again. Texts in
// French and English (shared/i18n.js), with `lang` on the widget's own parts only: the page around it is the tenant's.
import { solveChallenge } from '../lib/altcha-lib/index.js';
import { element } from '../shared/chat.js';
import { I18n } from '../shared/i18n.js';

export const texts = {
  fr: {
    title: 'Discuter avec nous',
    banned: 'Le chat n’est pas disponible pour vous.',
    checking: 'Vérification de votre navigateur…',
  },
  en: {
    title: 'Chat with us',
    banned: 'Chat is not available to you.',
    checking: 'Checking your browser…',
  },
};

/** Whether a refused call (REST problem or hub error) says the visitor or their network is banned. */
export const banned = failure =>
  failure?.problem?.title === 'The visitor is banned.' || String(failure?.message ?? '').includes('The visitor is banned.');

/** Whether a refused visitor-token request asks for a solved challenge first. */
const challengeRequired = failure => failure?.problem?.title === 'Challenge required.';

/** Replaces the widget's panel with the sentence that chat is not available to this visitor. */
export function showBanned(panel, host) {
  const i18n = new I18n(texts, panel);
  host.dataset.state = 'banned';
  panel.replaceChildren(element('h2', {}, i18n.t('title')),
    element('p', { className: 'banned', role: 'status' }, i18n.t('banned')));
}

/**
 * Asks for a visitor token with `body`; when the tenant asks new visitors for proof of work, fetches a challenge, solves
 * it (saying so under `status`) and asks again with the solution.
 */
export async function askToken(api, body, status) {
  try {
    return await api.json('POST', '/api/widget/visitor-tokens', body);
  } catch (failure) {
    if (!challengeRequired(failure)) throw failure;
  }
  const checking = element('p', { className: 'checking', role: 'status' });
  checking.textContent = new I18n(texts, checking).t('checking');
  status.after(checking);
  const challenge = await api.json('GET', '/api/widget/challenge');
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise
    .finally(() => checking.remove());
  if (!solution) throw new Error('the challenge could not be solved');
  const altcha = btoa(JSON.stringify({
    algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution.number,
    salt: challenge.salt, signature: challenge.signature, took: solution.took,
  }));
  return api.json('POST', '/api/widget/visitor-tokens', { ...body, altcha });
}
