// Platform notices (docs/notifications.md): after sign-in the console and the admin pages show each notice the person
// has not acknowledged as a banner, in the page's language (shared/i18n.js: the browser's, or the remembered switch),
// with its category and a button that acknowledges it and removes the banner. Every text goes in as textContent.
import { I18n } from './i18n.js';
import { element } from './chat.js';

export const noticeTexts = {
  fr: {
    'notices.label': 'Avis de la plateforme',
    'notices.gotIt': "J'ai compris",
    'notices.gotItNamed': "J'ai compris : {title}",
    'notices.failed': "Les avis n'ont pas pu être lus : {message}",
    'notices.ackFailed': "L'avis n'a pas pu être marqué comme lu : {message}",
    'category.serviceUpdate': 'Évolution du service',
    'category.policyChange': 'Changement de politique',
    'category.ownershipChange': 'Changement de propriétaire',
  },
  en: {
    'notices.label': 'Platform notices',
    'notices.gotIt': 'Got it',
    'notices.gotItNamed': 'Got it: {title}',
    'notices.failed': 'The notices could not be read: {message}',
    'notices.ackFailed': 'The notice could not be acknowledged: {message}',
    'category.serviceUpdate': 'Service update',
    'category.policyChange': 'Policy change',
    'category.ownershipChange': 'Ownership change',
  },
};

/**
 * Fills `container` (an empty element of the page) with the banners of the signed-in person's unacknowledged notices,
 * read through `api` for the tenant at `tenantPath`; a failure is written in the container, never thrown.
 */
export async function showNotices(api, tenantPath, container) {
  const i18n = new I18n(noticeTexts, container);
  container.setAttribute('aria-label', i18n.t('notices.label'));
  let notices;
  try {
    notices = await api.json('GET', `${tenantPath}/notices?language=${i18n.language}`);
  } catch (failure) {
    container.replaceChildren(element('p', { className: 'error', role: 'alert' }, i18n.t('notices.failed', { message: failure.message })));
    return;
  }
  container.replaceChildren(...notices.map(notice => banner(api, tenantPath, i18n, notice)));
}

function banner(api, tenantPath, i18n, notice) {
  const error = element('p', { className: 'error', role: 'alert' });
  const button = element('button', { type: 'button', 'aria-label': i18n.t('notices.gotItNamed', { title: notice.title }) }, i18n.t('notices.gotIt'));
  const node = element('div', { className: 'notice-banner', role: 'status', dataset: { noticeId: notice.noticeId, category: notice.category } },
    element('span', { className: 'notice-category' }, i18n.t(`category.${notice.category}`)),
    element('strong', { className: 'notice-title' }, notice.title),
    element('p', { className: 'notice-body' }, notice.body),
    button, error);
  button.addEventListener('click', async () => {
    error.textContent = '';
    button.disabled = true;
    try {
      await api.json('POST', `${tenantPath}/notices/${encodeURIComponent(notice.noticeId)}/acknowledgement`);
      node.remove();
    } catch (failure) {
      error.textContent = i18n.t('notices.ackFailed', { message: failure.message });
      button.disabled = false;
    }
  });
  return node;
}
