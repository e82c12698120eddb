// The page a visitor's confirmation link opens (docs/notifications.md, "Visitors"): its button confirms the address with
// the link's token, without signing in. Opening the page changes nothing (mail scanners open links); only the button
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
  },
  en: {
    title: 'Confirm your address',
    explain: 'Confirm that this e-mail address is yours: you will then receive the conversations you ask for and the replies you have not read.',
    confirm: 'Confirm my address',
    done: 'Your address is confirmed. You may close this page.',
    invalid: 'This link is no longer valid: it expired, or you gave another address since. Give your address again in the chat to get a new link.',
    failed: 'The confirmation did not go through: {reason}',
  },
};

const $ = id => document.getElementById(id);
const i18n = new I18n(texts);
const link = new URLSearchParams(location.search);
const api = new Api(new URL('/', location.href));
i18n.apply();
i18n.switcher($('language'));

$('confirm').addEventListener('click', async () => {
  $('result').textContent = '';
  try {
    await api.json('POST', '/api/mail-confirmations', {
      tenantId: link.get('tenant'), visitorId: link.get('visitor'), expires: Number(link.get('expires')), token: link.get('token'),
    });
    $('confirm').hidden = true;
    document.body.dataset.state = 'confirmed';
    $('result').textContent = i18n.t('done');
  } catch (failure) {
    $('result').textContent = failure.status === 404 ? i18n.t('invalid') : i18n.t('failed', { reason: failure.message });
  }
});
