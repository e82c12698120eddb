// The agent's own notification settings in the console (docs/notifications.md): the language of their mail, the
// optional mail topics on or off, and a password change; each saved through the API, a refusal's problem details
// (RFC 9457) shown next to the form. Texts in the page's language (shared/i18n.js), values as textContent.
import { I18n } from '../shared/i18n.js';
import { element } from '../shared/chat.js';

/** The optional topics the API knows (docs/api.md); every other mail is essential. */
const topics = ['serviceUpdates', 'deadlineReminders', 'assignedWhileAway', 'retentionReports'];
/** The topics off until the agent turns them on (`optedIn`); the others are on until turned off (`optedOut`). */
const offByDefault = ['assignedWhileAway', 'retentionReports'];

const texts = {
  fr: {
    open: 'Préférences de notification',
    title: 'Préférences de notification',
    close: 'Fermer',
    language: 'Langue des courriels',
    'language.fr': 'Français',
    'language.en': 'Anglais',
    topics: 'Courriels facultatifs',
    'topic.serviceUpdates': 'Évolutions du service',
    'topic.deadlineReminders': 'Rappels d’échéance des demandes (administrateurs)',
    'topic.assignedWhileAway': 'Conversations qui me sont attribuées pendant mon absence',
    'topic.retentionReports': 'Rapports des purges de conservation (administrateurs)',
    save: 'Enregistrer les préférences',
    saved: 'Préférences enregistrées.',
    notSaved: 'Non enregistré : {message}',
    password: 'Changer le mot de passe',
    currentPassword: 'Mot de passe actuel',
    newPassword: 'Nouveau mot de passe (12 caractères au moins)',
    change: 'Changer le mot de passe',
    changed: 'Mot de passe changé ; un courriel vous le confirme.',
    notChanged: 'Non changé : {message}',
  },
  en: {
    open: 'Notification settings',
    title: 'Notification settings',
    close: 'Close',
    language: 'Mail language',
    'language.fr': 'French',
    'language.en': 'English',
    topics: 'Optional mail',
    'topic.serviceUpdates': 'Service updates',
    'topic.deadlineReminders': 'Request deadline reminders (administrators)',
    'topic.assignedWhileAway': 'Conversations assigned to me while I am away',
    'topic.retentionReports': 'Retention purge reports (administrators)',
    save: 'Save preferences',
    saved: 'Preferences saved.',
    notSaved: 'Not saved: {message}',
    password: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password (at least 12 characters)',
    change: 'Change password',
    changed: 'Password changed; a mail confirms it.',
    notChanged: 'Not changed: {message}',
  },
};

/** A refusal readably: the problem's title, then each field's objection (or the message when there is no problem). */
export const explainProblem = failure => (failure.problem
  ? [failure.problem.title, failure.problem.detail, ...Object.values(failure.problem.errors ?? {}).flat()].filter(Boolean).join(' — ')
  : failure.message);

/**
 * Runs `action` for `form`: its status and alert emptied first, then `done`'s text (or the text `action` answers) or
 * the refusal, as `refused`'s text with the problem's message. Texts from `i18n`.
 */
export async function submittingWith(i18n, form, done, action, refused) {
  const [result, error] = form.querySelectorAll('[role="status"], [role="alert"]');
  result.textContent = '';
  error.textContent = '';
  try {
    const said = await action();
    if (done) result.textContent = said ?? i18n.t(done);
  } catch (failure) {
    error.textContent = i18n.t(refused, { message: explainProblem(failure) });
  }
}

/**
 * Adds to `header` a button that opens the panel, and to `host` the panel itself (hidden until opened), for the
 * signed-in agent of the tenant at `tenantPath`.
 */
export function preferencesPanel(api, tenantPath, header, host) {
  const path = `${tenantPath}/agents/me`;
  const panel = element('section', { id: 'preferences', hidden: true, 'aria-labelledby': 'preferences-title' });
  const i18n = new I18n(texts, panel);
  const t = key => i18n.t(key);
  const opener = element('button', { type: 'button', id: 'preferences-open', 'aria-expanded': 'false', 'aria-controls': 'preferences' }, t('open'));
  const field = (id, label, control) => [element('label', { for: id }, label), control];
  const status = id => element('p', { id, role: 'status' });
  const alert = id => element('p', { id, className: 'error', role: 'alert' });

  const language = element('select', { id: 'mail-language' },
    ...['fr', 'en'].map(code => element('option', { value: code }, t(`language.${code}`))));
  const boxes = topics.map(topic => element('input', { type: 'checkbox', id: `topic-${topic}`, value: topic }));
  const mailForm = element('form', { id: 'mail-preferences', 'aria-label': t('title') },
    ...field('mail-language', t('language'), language),
    element('fieldset', {}, element('legend', {}, t('topics')),
      ...boxes.flatMap(box => [element('div', {}, box, element('label', { for: box.id }, t(`topic.${box.value}`)))])),
    element('button', { type: 'submit' }, t('save')), status('preferences-result'), alert('preferences-error'));

  const current = element('input', { id: 'current-password', type: 'password', required: true, autocomplete: 'current-password' });
  const next = element('input', { id: 'new-password', type: 'password', required: true, autocomplete: 'new-password' });
  const passwordForm = element('form', { id: 'password-form', 'aria-label': t('password') },
    element('h3', {}, t('password')),
    ...field('current-password', t('currentPassword'), current), ...field('new-password', t('newPassword'), next),
    element('button', { type: 'submit' }, t('change')), status('password-result'), alert('password-error'));

  panel.append(element('h2', { id: 'preferences-title' }, t('title')), mailForm, passwordForm,
    element('button', { type: 'button', className: 'close', onclick: () => toggle(false) }, t('close')));
  header.append(opener);
  host.prepend(panel);

  const show = preferences => {
    language.value = preferences.language;
    for (const box of boxes) {
      box.checked = offByDefault.includes(box.value)
        ? (preferences.optedIn ?? []).includes(box.value)
        : !preferences.optedOut.includes(box.value);
    }
    panel.dataset.loaded = 'true';
  };
  async function toggle(open) {
    panel.hidden = !open;
    opener.setAttribute('aria-expanded', String(open));
    if (!open) return;
    delete panel.dataset.loaded;
    await submitting(mailForm, null, async () => show(await api.json('GET', `${path}/mail-preferences`)));
    language.focus();
  }
  opener.addEventListener('click', () => toggle(panel.hidden));

  const submitting = (form, done, action, refused = 'notSaved') => submittingWith(i18n, form, done, action, refused);
  mailForm.addEventListener('submit', event => {
    event.preventDefault();
    submitting(mailForm, 'saved', async () => show(await api.json('PUT', `${path}/mail-preferences`,
      {
        language: language.value,
        optedOut: boxes.filter(box => !box.checked && !offByDefault.includes(box.value)).map(box => box.value),
        optedIn: boxes.filter(box => box.checked && offByDefault.includes(box.value)).map(box => box.value),
      })));
  });
  passwordForm.addEventListener('submit', event => {
    event.preventDefault();
    submitting(passwordForm, 'changed', async () => {
      await api.json('PUT', `${path}/password`, { currentPassword: current.value, newPassword: next.value });
      passwordForm.reset();
    }, 'notChanged');
  });
}
