// Two-step sign-in in the account panel (docs/decisions/0053): set up an authenticator app (its key shown once, as
// text and as an otpauth:// link), turned on by its first code; turned off with a current code, unless the
// organisation requires it of administrators. Values as textContent; texts from the panel's dictionary.
import { element } from '../shared/chat.js';
import { submittingWith } from './preferences.js';

export const secondFactorTexts = {
  fr: {
    secondFactor: 'Connexion en deux étapes',
    secondFactorOn: 'Activée depuis le {since} : chaque connexion demande le code de votre application d’authentification.',
    secondFactorOff: 'Désactivée : votre mot de passe suffit pour vous connecter.',
    secondFactorRequired: 'Votre organisation l’exige des administrateurs.',
    secondFactorBegin: 'Configurer une application d’authentification',
    secondFactorKey: 'Ajoutez cette clé à votre application, puis saisissez le code qu’elle affiche :',
    secondFactorLink: 'Ajouter à une application d’authentification',
    secondFactorCode: 'Code à 6 chiffres',
    secondFactorConfirm: 'Activer',
    secondFactorDisable: 'Désactiver',
    secondFactorEnabled: 'La connexion en deux étapes est activée.',
    secondFactorDisabled: 'La connexion en deux étapes est désactivée.',
    secondFactorRefused: 'Refusé : {message}',
  },
  en: {
    secondFactor: 'Two-step sign-in',
    secondFactorOn: 'On since {since}: every sign-in asks the code of your authenticator app.',
    secondFactorOff: 'Off: your password alone signs you in.',
    secondFactorRequired: 'Your organisation requires it of administrators.',
    secondFactorBegin: 'Set up an authenticator app',
    secondFactorKey: 'Add this key to your app, then enter the code it shows:',
    secondFactorLink: 'Add to an authenticator app',
    secondFactorCode: '6-digit code',
    secondFactorConfirm: 'Turn on',
    secondFactorDisable: 'Turn off',
    secondFactorEnabled: 'Two-step sign-in is on.',
    secondFactorDisabled: 'Two-step sign-in is off.',
    secondFactorRefused: 'Refused: {message}',
  },
};

/** The form of the part, and `show()` that reads and draws the account's state. */
export function secondFactorPart(api, path, i18n) {
  const t = (key, values) => i18n.t(key, values);
  const base = `${path}/second-factor`;
  const state = element('p', { id: 'my-second-factor-state' });
  const setup = element('div', { id: 'my-second-factor-setup' });
  const code = element('input', { id: 'my-second-factor-code', inputMode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{6,7}', maxLength: 7 });
  const codeField = element('div', { hidden: true }, element('label', { for: 'my-second-factor-code' }, t('secondFactorCode')), code);
  const begin = element('button', { type: 'button', id: 'my-second-factor-begin' }, t('secondFactorBegin'));
  const submit = element('button', { type: 'submit', id: 'my-second-factor-submit', hidden: true });
  const result = element('p', { id: 'my-second-factor-result', role: 'status' });
  const error = element('p', { id: 'my-second-factor-error', className: 'error', role: 'alert' });
  const form = element('form', { id: 'my-second-factor', 'aria-label': t('secondFactor') },
    element('h3', {}, t('secondFactor')), state, begin, setup, codeField, submit, result, error);
  let enabled = false;

  const attempt = (action, done) => submittingWith(i18n, form, done, async () => { await action(); }, 'secondFactorRefused');
  const draw = view => {
    enabled = view.enabled;
    state.textContent = [view.enabled ? t('secondFactorOn', { since: i18n.date(view.enabledAt) }) : t('secondFactorOff'),
      view.required ? t('secondFactorRequired') : ''].filter(Boolean).join(' ');
    setup.replaceChildren();
    code.value = '';
    codeField.hidden = !view.enabled || view.required;
    submit.hidden = codeField.hidden;
    submit.textContent = t('secondFactorDisable');
  };
  const show = () => attempt(async () => draw(await api.json('GET', base)));

  begin.addEventListener('click', () => attempt(async () => {
    const enrollment = await api.json('POST', base);
    setup.replaceChildren(element('p', {}, t('secondFactorKey')), element('p', {}, element('code', { id: 'my-second-factor-key' }, enrollment.secret)),
      element('p', {}, element('a', { href: enrollment.uri, id: 'my-second-factor-link' }, t('secondFactorLink'))));
    enabled = false;
    codeField.hidden = false;
    submit.hidden = false;
    submit.textContent = t('secondFactorConfirm');
    code.focus();
  }));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const turningOff = enabled;
    attempt(async () => {
      if (turningOff) await api.json('POST', `${base}/removal`, { code: code.value });
      else await api.json('POST', `${base}/confirmation`, { code: code.value });
      draw(await api.json('GET', base));
    }, turningOff ? 'secondFactorDisabled' : 'secondFactorEnabled');
  });
  return { form, show };
}
