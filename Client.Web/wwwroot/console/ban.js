// "Ban this visitor" on the conversation being viewed (docs/decisions/0049): for an hour, a day, seven or thirty days,
// the visitor only or with the network they started the conversation from; the reason is optional and for the tenant's
// staff. Administrators list and lift bans in the admin pages. Texts in the page's language (shared/i18n.js), values as
// textContent; a refusal's problem details (RFC 9457) show under the form.
import { I18n } from '../shared/i18n.js';
import { element } from '../shared/chat.js';
import { explainProblem } from './preferences.js';

const texts = {
  fr: {
    title: 'Bannir ce visiteur',
    duration: 'Durée',
    oneHour: '1 heure', oneDay: '1 jour', sevenDays: '7 jours', thirtyDays: '30 jours',
    scope: 'Portée',
    visitor: 'Ce visiteur seulement',
    network: 'Ce visiteur et son réseau',
    reason: 'Motif (facultatif, visible par l’équipe)',
    ban: 'Bannir',
    banned: 'Visiteur banni jusqu’au {until}{network}.',
    withNetwork: ', avec son réseau',
    notBanned: 'Non banni : {message}',
  },
  en: {
    title: 'Ban this visitor',
    duration: 'Duration',
    oneHour: '1 hour', oneDay: '1 day', sevenDays: '7 days', thirtyDays: '30 days',
    scope: 'Scope',
    visitor: 'This visitor only',
    network: 'This visitor and their network',
    reason: 'Reason (optional, seen by staff)',
    ban: 'Ban',
    banned: 'Visitor banned until {until}{network}.',
    withNetwork: ', with their network',
    notBanned: 'Not banned: {message}',
  },
};

/** The form, for the conversation at `conversationPath()`; `reset()` clears its outcome when another conversation opens. */
export function banForm(api, conversationPath) {
  const form = element('form', { id: 'ban-form' });
  const i18n = new I18n(texts, form);
  const t = (key, values) => i18n.t(key, values);
  const duration = element('select', { id: 'ban-duration', name: 'duration' },
    ...['oneHour', 'oneDay', 'sevenDays', 'thirtyDays'].map(value => element('option', { value }, t(value))));
  const scope = element('select', { id: 'ban-scope', name: 'scope' },
    element('option', { value: 'visitor' }, t('visitor')), element('option', { value: 'network' }, t('network')));
  const reason = element('input', { id: 'ban-reason', name: 'reason', maxLength: 200 });
  const result = element('p', { id: 'ban-result', role: 'status' });
  const error = element('p', { id: 'ban-error', className: 'error', role: 'alert' });
  form.setAttribute('aria-label', t('title'));
  form.append(element('h3', {}, t('title')),
    element('label', { htmlFor: 'ban-duration' }, t('duration')), duration,
    element('label', { htmlFor: 'ban-scope' }, t('scope')), scope,
    element('label', { htmlFor: 'ban-reason' }, t('reason')), reason,
    element('button', { type: 'submit', className: 'danger' }, t('ban')), result, error);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    result.textContent = '';
    error.textContent = '';
    try {
      const ban = await api.json('POST', `${conversationPath()}/bans`,
        { duration: duration.value, network: scope.value === 'network', reason: reason.value.trim() || null });
      const until = new Intl.DateTimeFormat(i18n.language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(ban.until));
      result.textContent = t('banned', { until, network: ban.coversNetwork ? t('withNetwork') : '' });
      reason.value = '';
    } catch (failure) {
      error.textContent = t('notBanned', { message: explainProblem(failure) });
    }
  });

  return {
    form,
    reset() {
      result.textContent = '';
      error.textContent = '';
    },
  };
}
