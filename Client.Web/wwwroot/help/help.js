// A tenant's public help center at /help/{tenantId}/: search (title and snippet of each hit), the published articles
// by category, and an article (/help/{tenantId}/articles/{articleId}) as the server's sanitized HTML. The language
// follows the browser, with a switch; searches prefer it. The visitor's question never enters the address.
import { element } from '../shared/chat.js';
import { HelpApi } from '../shared/help.js';
import { I18n } from '../shared/i18n.js';
import { texts } from './texts.js';

const $ = id => document.getElementById(id);
const [, tenantId, , articleInPath] = location.pathname.match(/^\/help\/([^/]+)\/(articles\/([^/]+))?/) ?? [];
const i18n = new I18n(texts);
const help = new HelpApi(new URL('/', location.href), decodeURIComponent(tenantId ?? ''));
let lastQuery = null;
let shownArticle = null;

i18n.apply();
i18n.switcher($('language'));
$('tenant').textContent = help.tenantId;
$('home').href = help.address();
$('back').href = help.address();

/** Shows only the parts named (results, no-results, article, categories, not-found); clears the status and error. */
function show(...parts) {
  for (const part of ['results', 'no-results', 'article', 'categories', 'not-found']) $(part).hidden = !parts.includes(part);
  $('search').hidden = parts.includes('not-found');
  $('error').textContent = '';
}

/** Runs `load`; an unknown tenant shows the not-found page, any other failure a message. */
async function guarded(load) {
  try {
    await load();
  } catch (failure) {
    if (failure.status === 404 && failure.problem?.title !== 'Article not found.') {
      show('not-found');
      document.body.dataset.state = 'not-found';
      return;
    }
    $('status').textContent = '';
    $('error').textContent = failure.status === 404 ? i18n.t('articleNotFound') : i18n.t('failed', { reason: failure.message });
  }
}

function articleLink(article) {
  const link = element('a', { href: help.address(article.articleId) }, article.title);
  link.addEventListener('click', event => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return; // a new tab or window: the browser's own way
    event.preventDefault();
    history.pushState({}, '', link.href);
    showArticle(article.articleId);
  });
  if (article.language !== i18n.language) link.lang = article.language;
  return link;
}

// Search --------------------------------------------------------------------------------------------------------------

$('search').addEventListener('submit', event => {
  event.preventDefault();
  const query = $('q').value.trim();
  if (query) search(query);
});

function search(query) {
  lastQuery = query;
  shownArticle = null;
  if (location.pathname !== new URL(help.address()).pathname) history.pushState({}, '', help.address());
  $('status').textContent = i18n.t('searching');
  return guarded(async () => {
    const hits = await help.search(query, i18n.language, 10);
    if (query !== lastQuery) return; // a newer search answered first
    document.body.dataset.state = hits.length ? 'results' : 'no-results';
    $('status').textContent = hits.length ? i18n.t('resultCount', { count: hits.length }) : '';
    if (hits.length === 0) {
      $('no-results-title').textContent = i18n.t('noResults', { query });
      showContact();
      show('no-results', 'categories');
      return;
    }
    $('results-title').textContent = i18n.t('results', { query });
    $('results').querySelector('.hits').replaceChildren(...hits.map(hit => element('li', { dataset: { articleId: hit.articleId } },
      articleLink(hit), element('p', { className: 'snippet', lang: hit.language }, hit.snippet))));
    show('results', 'categories');
  });
}

/**
 * How to reach a person: the chat lives on the tenant's own site, so when the visitor came from another site (the
 * widget opens the help center in a new tab), a link back to that site's address (its origin only, as browsers send it).
 */
function showContact() {
  const from = document.referrer ? new URL(document.referrer) : null;
  const site = from && from.origin !== location.origin && /^https?:$/.test(from.protocol) ? from.origin : null;
  $('contact').replaceChildren(site
    ? element('a', { href: site, rel: 'noopener' }, i18n.t('contactSite', { site: from.host }))
    : i18n.t('contactChat'));
}

// Categories and articles ---------------------------------------------------------------------------------------------

async function showCategories() {
  const articles = await help.articles(i18n.language);
  const byCategory = new Map();
  for (const article of articles) {
    const category = article.category?.trim() || null;
    byCategory.set(category, [...(byCategory.get(category) ?? []), article]);
  }
  const names = [...byCategory.keys()].filter(Boolean).sort((a, b) => a.localeCompare(b, i18n.language));
  if (byCategory.has(null)) names.push(null);
  $('category-list').replaceChildren(...(names.length === 0
    ? [element('p', {}, i18n.t('noArticles'))]
    : names.map(name => element('section', { className: 'category', dataset: { category: name ?? '' } },
      element('h3', {}, name ?? i18n.t('otherCategory')),
      element('ul', {}, ...byCategory.get(name).map(article => element('li', {}, articleLink(article))))))));
}

function showArticle(articleId) {
  shownArticle = articleId;
  $('status').textContent = '';
  return guarded(async () => {
    const article = await help.article(articleId);
    if (shownArticle !== articleId) return;
    $('article').lang = article.language;
    $('article-title').textContent = article.title;
    $('article-meta').textContent = [i18n.t('updated', { date: i18n.date(article.updatedAt) }),
      article.category ? i18n.t('inCategory', { category: article.category }) : null].filter(Boolean).join(' · ');
    // The one place HTML is inserted: the server renders the Markdown without raw HTML and drops unsafe links.
    $('article-body').innerHTML = article.html;
    document.title = `${article.title} · ${i18n.t('pageTitle')}`;
    document.body.dataset.state = 'article';
    show('article');
  });
}

/** Shows what the address names: an article, or the home page (the categories, and the last search's results if any). */
async function route() {
  const match = location.pathname.match(/\/articles\/([^/]+)$/);
  if (match) {
    await showArticle(decodeURIComponent(match[1]));
  } else if (lastQuery) {
    await search(lastQuery);
  } else {
    shownArticle = null;
    document.title = i18n.t('pageTitle');
    document.body.dataset.state = 'home';
    show('categories');
  }
}

window.addEventListener('popstate', () => route());

i18n.onChange(async () => {
  await guarded(showCategories);
  await route();
});

if (tenantId) {
  await guarded(showCategories);
  if (document.body.dataset.state !== 'not-found') await route();
} else {
  show('not-found');
  document.body.dataset.state = 'not-found';
}
