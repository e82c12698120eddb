// The signed-in agent's or administrator's own data in the console (docs/privacy.md, "Account holders"): their name and
// e-mail (a new address changes once the link mailed to it is followed), the download of everything held about them,
// their requests and where each stands (a held erasure says why), and the erasure of their account. Each call is a
// tracked request on the server; a refusal's problem details (RFC 9457) show next to the form. Texts in the page's
// language (shared/i18n.js), values as textContent.
import { I18n } from '../shared/i18n.js';
import { element } from '../shared/chat.js';
import { submittingWith } from './preferences.js';
import { secondFactorPart, secondFactorTexts } from './second-factor.js';

const texts = {
  fr: {
    open: 'Mon compte et mes données',
    title: 'Mon compte et mes données',
    close: 'Fermer',
    profile: 'Mon profil',
    displayName: 'Nom affiché',
    email: 'Adresse e-mail de connexion',
    save: 'Enregistrer le profil',
    saved: 'Profil enregistré.',
    pending: 'Un lien de confirmation a été envoyé à {email} : votre adresse changera quand vous l’aurez suivi.',
    notSaved: 'Non enregistré : {message}',
    download: 'Télécharger mes données',
    downloaded: 'Vos données ont été téléchargées ({file}).',
    notDownloaded: 'Téléchargement impossible : {message}',
    requests: 'Mes demandes',
    noRequests: 'Aucune demande.',
    'kind.access': 'Accès', 'kind.portability': 'Portabilité', 'kind.rectification': 'Rectification', 'kind.erasure': 'Effacement',
    'kind.restriction': 'Limitation', 'kind.objection': 'Opposition', 'kind.consentWithdrawal': 'Retrait du consentement',
    'status.open': 'en cours', 'status.completed': 'traitée', 'status.rejected': 'refusée',
    request: '{kind} — {status}, reçue le {received}, échéance le {due}',
    erase: 'Effacer mon compte',
    eraseExplain: 'Votre compte est supprimé et vous ne pourrez plus vous connecter ; le texte de vos messages dans les conversations est effacé, leur place reste.',
    eraseConfirm: 'Je veux effacer mon compte',
    erased: 'Votre demande d’effacement est enregistrée. Vous allez être déconnecté.',
    notErased: 'Non effacé : {message}',
    ...secondFactorTexts.fr,
  },
  en: {
    open: 'My account and data',
    title: 'My account and data',
    close: 'Close',
    profile: 'My profile',
    displayName: 'Display name',
    email: 'Sign-in e-mail',
    save: 'Save profile',
    saved: 'Profile saved.',
    pending: 'A confirmation link was sent to {email}: your address changes once you follow it.',
    notSaved: 'Not saved: {message}',
    download: 'Download my data',
    downloaded: 'Your data was downloaded ({file}).',
    notDownloaded: 'Download failed: {message}',
    requests: 'My requests',
    noRequests: 'No request.',
    'kind.access': 'Access', 'kind.portability': 'Portability', 'kind.rectification': 'Rectification', 'kind.erasure': 'Erasure',
    'kind.restriction': 'Restriction', 'kind.objection': 'Objection', 'kind.consentWithdrawal': 'Consent withdrawal',
    'status.open': 'open', 'status.completed': 'completed', 'status.rejected': 'rejected',
    request: '{kind} — {status}, received on {received}, due on {due}',
    erase: 'Erase my account',
    eraseExplain: 'Your account is deleted and you can no longer sign in; the text of your messages in conversations is erased, their places stay.',
    eraseConfirm: 'I want my account erased',
    erased: 'Your erasure request is recorded. You are being signed out.',
    notErased: 'Not erased: {message}',
    ...secondFactorTexts.en,
  },
};

/** Adds to `header` a button that opens the panel, and to `host` the panel (hidden until opened); `signOut` ends the session. */
export function accountPanel(api, tenantPath, header, host, signOut) {
  const path = `${tenantPath}/agents/me`;
  const panel = element('section', { id: 'my-account', hidden: true, 'aria-labelledby': 'my-account-title' });
  const i18n = new I18n(texts, panel);
  const t = (key, values) => i18n.t(key, values);
  const opener = element('button', { type: 'button', id: 'my-account-open', 'aria-expanded': 'false', 'aria-controls': 'my-account' }, t('open'));
  const field = (id, label, control) => [element('label', { for: id }, label), control];
  const outcome = prefix => [element('p', { id: `${prefix}-result`, role: 'status' }), element('p', { id: `${prefix}-error`, className: 'error', role: 'alert' })];

  const name = element('input', { id: 'my-display-name', required: true, maxLength: 100, autocomplete: 'name' });
  const email = element('input', { id: 'my-email', type: 'email', required: true, autocomplete: 'email' });
  const pending = element('p', { id: 'my-pending-email' });
  const profileForm = element('form', { id: 'my-profile', 'aria-label': t('profile') }, element('h3', {}, t('profile')),
    ...field('my-display-name', t('displayName'), name), ...field('my-email', t('email'), email), pending,
    element('button', { type: 'submit' }, t('save')), ...outcome('my-profile'));
  const downloadForm = element('form', { id: 'my-download', 'aria-label': t('download') },
    element('button', { type: 'submit' }, t('download')), ...outcome('my-download'));
  const requestList = element('ul', { id: 'my-requests' });
  const confirm = element('input', { type: 'checkbox', id: 'my-erase-confirm', required: true });
  const eraseForm = element('form', { id: 'my-erasure', 'aria-label': t('erase') }, element('h3', {}, t('erase')),
    element('p', {}, t('eraseExplain')), element('div', {}, confirm, element('label', { for: 'my-erase-confirm' }, t('eraseConfirm'))),
    element('button', { type: 'submit', className: 'danger' }, t('erase')), ...outcome('my-erasure'));

  const secondFactor = secondFactorPart(api, path, i18n);
  panel.append(element('h2', { id: 'my-account-title' }, t('title')), profileForm, secondFactor.form, downloadForm,
    element('h3', {}, t('requests')), requestList, eraseForm,
    element('button', { type: 'button', className: 'close', onclick: () => toggle(false) }, t('close')));
  header.append(opener);
  host.prepend(panel);

  const day = iso => i18n.date(iso);
  const showProfile = profile => {
    name.value = profile.displayName;
    email.value = profile.pendingEmail ?? profile.email;
    pending.textContent = profile.pendingEmail ? t('pending', { email: profile.pendingEmail }) : '';
  };
  async function showRequests() {
    const requests = await api.json('GET', `${path}/requests`);
    requestList.replaceChildren(...(requests.length ? requests : [null]).map(request => request === null
      ? element('li', {}, t('noRequests'))
      : element('li', { dataset: { kind: request.kind, status: request.status } },
        t('request', { kind: t(`kind.${request.kind}`), status: t(`status.${request.status}`), received: day(request.receivedAt), due: day(request.dueAt) }),
        ...(request.heldBecause ? [element('p', { className: 'held' }, request.heldBecause)] : []))));
  }
  async function toggle(open) {
    panel.hidden = !open;
    opener.setAttribute('aria-expanded', String(open));
    if (!open) return;
    delete panel.dataset.loaded;
    await submitting(profileForm, null, async () => {
      showProfile(await api.json('GET', `${path}/profile`));
      await showRequests();
    });
    await secondFactor.show();
    panel.dataset.loaded = 'true';
    name.focus();
  }
  opener.addEventListener('click', () => toggle(panel.hidden));

  const submitting = (form, done, action, refused = 'notSaved') => submittingWith(i18n, form, done, action, refused);
  profileForm.addEventListener('submit', event => {
    event.preventDefault();
    submitting(profileForm, 'saved', async () => {
      const change = await api.json('PUT', `${path}/profile`, { displayName: name.value, email: email.value });
      showProfile(change.profile);
      await showRequests();
    });
  });
  downloadForm.addEventListener('submit', event => {
    event.preventDefault();
    submitting(downloadForm, 'downloaded', async () => {
      const data = await api.json('GET', `${path}/export`);
      const file = `personal-data-${data.subjectId}.json`;
      const link = element('a', { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })), download: file });
      link.click();
      URL.revokeObjectURL(link.href);
      await showRequests();
      return t('downloaded', { file });
    }, 'notDownloaded');
  });
  eraseForm.addEventListener('submit', event => {
    event.preventDefault();
    submitting(eraseForm, 'erased', async () => {
      await api.json('POST', `${path}/erasure`);
      panel.dataset.erased = 'true';
      setTimeout(signOut, 1500);
    }, 'notErased');
  });
}
