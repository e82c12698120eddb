// The page a confirmation link opens: a visitor's address (docs/notifications.md, "Visitors"), or an account holder's
// new sign-in address (?agent=…, docs/privacy.md, "Account holders"). Its button confirms the address with the link's
// token, without signing in. Opening the page changes nothing (mail scanners open links); only the button
// does. French or English, with a switch (shared/i18n.js).
import { Api } from '../shared/chat.js';
import { I18n } from '../shared/i18n.js';

const texts = {
  fr: {
    title: 'Confirmez votre adresse',
    explain: 'Confirmez que cette adresse e-mail est la vôtre : vous recevrez ensuite les conversations que vous demandez et les réponses que vous n’aurez pas lues.',
    confirm: 'Confirmer mon adresse',
    done: 'Votre adresse est confirmée. Vous pouvez fermer cette page.',
    invalid: 'Ce lien n’est plus valable : il a expiré, ou vous avez donné une autre adresse depuis. Donnez de nouveau votre adresse dans la discussion pour recevoir un nouveau lien.',
    failed: 'La confirmation n’a pas abouti : {reason}',
    'agent.explain': 'Confirmez que cette adresse e-mail est la vôtre : votre compte l’utilisera pour se connecter.',
    'agent.done': 'Votre nouvelle adresse est confirmée : connectez-vous désormais avec elle.',
    'agent.invalid': 'Ce lien n’est plus valable : il a expiré, ou une autre adresse a été demandée depuis. Redemandez le changement dans la console.',
  },
  en: {
    title: 'Confirm your address',
    explain: 'Confirm that this e-mail address is yours: you will then receive the conversations you ask for and the replies you have not read.',
    confirm: 'Confirm my address',
    done: 'Your address is confirmed. You may close this page.',
    invalid: 'This link is no longer valid: it expired, or you gave another address since. Give your address again in the chat to get a new link.',
    failed: 'The confirmation did not go through: {reason}',
    'agent.explain': 'Confirm that this e-mail address is yours: your account will sign in with it.',
    'agent.done': 'Your new address is confirmed: sign in with it from now on.',
    'agent.invalid': 'This link is no longer valid: it expired, or another address was asked for since. Ask for the change again in the console.',
  },
};

const $ = id => document.getElementById(id);
const i18n = new I18n(texts);
const link = new URLSearchParams(location.search);
const api = new Api(new URL('/', location.href));
// An account holder's link names the agent; the page's texts say so, and the button posts where accounts are confirmed.
const agent = link.get('agent');
const said = key => (agent ? `agent.${key}` : key);
if (agent) document.querySelector('[data-i18n="explain"]').dataset.i18n = said('explain');
i18n.apply();
i18n.switcher($('language'));

$('confirm').addEventListener('click', async () => {
  $('result').textContent = '';
  try {
    const proof = { tenantId: link.get('tenant'), expires: Number(link.get('expires')), token: link.get('token') };
    await (agent
      ? api.json('POST', '/api/account-email-confirmations', { ...proof, agentId: agent })
      : api.json('POST', '/api/mail-confirmations', { ...proof, visitorId: link.get('visitor') }));
    $('confirm').hidden = true;
    document.body.dataset.state = 'confirmed';
    $('result').textContent = i18n.t(said('done'));
  } catch (failure) {
    $('result').textContent = failure.status === 404 ? i18n.t(said('invalid')) : i18n.t('failed', { reason: failure.message });
  }
});
