// The widget's help search, shown before the visitor starts a conversation: as the visitor types (debounced), up to
// three of the tenant's published articles, each opening in the help center (a new tab) or read here. Starting the
// chat stays one field below. Its texts are French or English (shared/i18n.js), with `lang` on this section only: the
// page around the widget is the tenant's.
import { element } from '../shared/chat.js';
import { HelpApi } from '../shared/help.js';
import { I18n } from '../shared/i18n.js';

export const texts = {
  fr: {
    title: 'Trouver une réponse',
    label: 'Rechercher dans l’aide',
    placeholder: 'Votre question…',
    suggested: 'Articles suggérés',
    none: 'Aucun article trouvé : écrivez-nous ci-dessous, une personne vous répondra.',
    failed: 'La recherche ne répond pas : écrivez-nous ci-dessous.',
    readHere: 'Lire ici',
    readHereNamed: 'Lire « {title} » ici',
    back: 'Retour aux suggestions',
    newTab: 'ouvre le centre d’aide dans un nouvel onglet',
    helpCenter: 'Tout le centre d’aide',
  },
  en: {
    title: 'Find an answer',
    label: 'Search our help',
    placeholder: 'Your question…',
    suggested: 'Suggested articles',
    none: 'No article found: write to us below, a person will answer.',
    failed: 'Search does not answer: write to us below.',
    readHere: 'Read here',
    readHereNamed: 'Read “{title}” here',
    back: 'Back to the suggestions',
    newTab: 'opens the help center in a new tab',
    helpCenter: 'The whole help center',
  },
};

const shown = 3;
const minimumLength = 3;
const pause = 300;

/** The help search section for the tenant `tenantId` of the host at `base`. */
export function helpSuggestions(base, tenantId) {
  const help = new HelpApi(base, tenantId);
  const section = element('section', { className: 'help', 'aria-labelledby': 'help-title' });
  const i18n = new I18n(texts, section);
  const title = element('h3', { id: 'help-title', dataset: { i18n: 'title' } });
  const field = element('input', { id: 'help-query', type: 'search', maxLength: 200, autocomplete: 'off', dataset: { i18nPlaceholder: 'placeholder' } });
  const list = element('ul', { className: 'suggestions', dataset: { i18nLabel: 'suggested' } });
  const note = element('p', { className: 'help-note', role: 'status' });
  const reader = element('div', { className: 'reader', hidden: true });
  const everything = element('a', { href: help.address(), target: '_blank', rel: 'noopener', className: 'help-home', dataset: { i18n: 'helpCenter' } });
  section.append(element('div', { className: 'help-head' }, title, i18n.switcher(element('button', { type: 'button', className: 'language' }))),
    element('label', { htmlFor: 'help-query', dataset: { i18n: 'label' } }), field, note, list, reader, everything);
  i18n.apply(section);

  let asked = 0;
  let timer;
  let hits = [];

  async function search() {
    const query = field.value.trim();
    const ask = ++asked;
    if (query.length < minimumLength) {
      show([]);
      note.textContent = '';
      return;
    }
    try {
      const found = await help.search(query, i18n.language, shown);
      if (ask === asked) show(found, true);
    } catch (failure) {
      console.warn('help search failed', failure);
      if (ask === asked) note.textContent = i18n.t('failed');
    }
  }

  function show(found, searched = false) {
    hits = found;
    section.dataset.suggestions = String(found.length);
    note.textContent = searched && found.length === 0 ? i18n.t('none') : '';
    list.replaceChildren(...found.map(hit => element('li', { dataset: { articleId: hit.articleId } },
      element('a', { href: help.address(hit.articleId), target: '_blank', rel: 'noopener', lang: hit.language,
        title: i18n.t('newTab') }, hit.title),
      element('p', { className: 'snippet', lang: hit.language }, hit.snippet),
      element('button', { type: 'button', className: 'read', 'aria-label': i18n.t('readHereNamed', { title: hit.title }),
        onclick: () => read(hit.articleId) }, i18n.t('readHere')))));
  }

  async function read(articleId) {
    try {
      const article = await help.article(articleId);
      // The one place HTML is inserted: the server renders the Markdown without raw HTML and drops unsafe links.
      const body = element('div', { className: 'article-body', lang: article.language });
      body.innerHTML = article.html;
      const back = element('button', { type: 'button', className: 'back', onclick: () => closeReader() }, i18n.t('back'));
      reader.replaceChildren(element('h4', { lang: article.language }, article.title), body, back);
      reader.hidden = false;
      list.hidden = true;
      back.focus();
    } catch (failure) {
      note.textContent = i18n.t('failed');
      console.warn('help article failed', failure);
    }
  }

  function closeReader() {
    reader.hidden = true;
    reader.replaceChildren();
    list.hidden = false;
    field.focus();
  }

  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, pause);
  });
  i18n.onChange(() => {
    if (reader.hidden) search();
    else show(hits, true);
  });
  return section;
}
