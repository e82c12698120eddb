// The operators' platform notices (docs/notifications.md): once an operator is signed in (the session cookie the
// sign-in form sets), this page offers a form that publishes a notice in French and English to every account holder
// of every tenant, and lists the notices published, newest first. Texts in the page's language (shared/i18n.js).
import { I18n } from '../shared/i18n.js';
import { element } from '../shared/chat.js';
import { noticeTexts } from '../shared/notices.js';

const $ = id => document.getElementById(id);
const section = $('platform-notices');
const texts = {
  fr: {
    ...noticeTexts.fr,
    dashboard: 'Ouvrir le tableau de bord',
    title: 'Avis de la plateforme',
    intro: 'Un avis publié part par courriel à chaque titulaire de compte de chaque client, et s’affiche dans la console et l’administration jusqu’à ce que chacun le marque comme lu.',
    category: 'Catégorie',
    frenchTitle: 'Titre en français',
    frenchBody: 'Texte en français',
    englishTitle: 'Titre en anglais',
    englishBody: 'Texte en anglais',
    publish: 'Publier l’avis',
    published: 'Avis publiés (du plus récent au plus ancien)',
    publishedAt: 'Publié le',
    done: 'Avis publié : « {title} ».',
    refused: 'Non publié : {message}',
    none: 'Aucun avis publié.',
  },
  en: {
    ...noticeTexts.en,
    dashboard: 'Open the dashboard',
    title: 'Platform notices',
    intro: 'A published notice is mailed to every account holder of every tenant, and shown in the console and the admin pages until each one acknowledges it.',
    category: 'Category',
    frenchTitle: 'French title',
    frenchBody: 'French text',
    englishTitle: 'English title',
    englishBody: 'English text',
    publish: 'Publish the notice',
    published: 'Published notices (newest first)',
    publishedAt: 'Published',
    done: 'Notice published: “{title}”.',
    refused: 'Not published: {message}',
    none: 'No notice published.',
  },
};
const i18n = new I18n(texts, section);
i18n.apply(section);
i18n.switcher($('notices-language'));
let notices = [];
i18n.onChange(() => showList());

/** Calls the operators' API with the session cookie; throws the problem details (RFC 9457) readably on refusal. */
async function call(method, body) {
  const response = await fetch('/api/operators/notices', {
    method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  if (response.ok) return response.json();
  const problem = await response.json().catch(() => null);
  const failure = new Error([problem?.title ?? `${response.status} ${response.statusText}`,
    ...Object.entries(problem?.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`)].join(' — '));
  failure.status = response.status;
  throw failure;
}

function showList() {
  $('notice-list').tBodies[0].replaceChildren(...(notices.length === 0
    ? [element('tr', {}, element('td', { colSpan: 4 }, i18n.t('none')))]
    : notices.map(notice => element('tr', { dataset: { noticeId: notice.noticeId } },
      element('td', {}, i18n.date(notice.publishedAt)),
      element('td', {}, i18n.t(`category.${notice.category}`)),
      element('td', { lang: 'fr' }, notice.french.title),
      element('td', { lang: 'en' }, notice.english.title)))));
}

$('notice-form').addEventListener('submit', async event => {
  event.preventDefault();
  $('notice-result').textContent = '';
  $('notice-error').textContent = '';
  const text = language => ({ title: $(`notice-${language}-title`).value.trim(), body: $(`notice-${language}-body`).value.trim() });
  try {
    const notice = await call('POST', { category: $('notice-category').value, french: text('french'), english: text('english') });
    notices = [notice, ...notices];
    showList();
    $('notice-form').reset();
    $('notice-result').textContent = i18n.t('done', { title: i18n.language === 'fr' ? notice.french.title : notice.english.title });
  } catch (failure) {
    $('notice-error').textContent = i18n.t('refused', { message: failure.message });
  }
});

// Signed in already (the cookie opens the list): the form replaces the sign-in; otherwise the page stays as it was.
try {
  notices = await call('GET');
  showList();
  $('sign-in').hidden = true;
  section.hidden = false;
} catch (failure) {
  if (failure.status !== 401 && failure.status !== 403) console.warn('platform notices', failure.message);
}
