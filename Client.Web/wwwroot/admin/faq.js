// The admin pages' "FAQ and help center" section: the tenant's articles (filtered by status, language, category),
// writing and editing (a new version each save), a preview rendered by the server, publishing, unpublishing, deleting,
// each article's versions, the search synonyms, and import and export as JSON. Its texts are French or English
// (admin/texts.js, through the page's `i18n`). Values reach the page as text; the one exception is the preview, the
// sanitized HTML the server renders (no raw HTML, no unsafe links).
import { element } from '../shared/chat.js';

const $ = id => document.getElementById(id);

/** A refusal as a person reads it: the problem's title and each field's messages (RFC 9457 with `errors`). */
export function problemText(failure) {
  const { problem } = failure;
  if (!problem?.errors) return failure.message;
  const details = Object.entries(problem.errors).flatMap(([field, messages]) => messages.map(message =>
    (message.toLowerCase().startsWith(field.toLowerCase()) ? message : `${field}: ${message}`)));
  return [problem.title, ...details].filter(Boolean).join(' ');
}

/**
 * Wires the section; `guarded(errorId, load)`, `fillTable(…)` and `time(value)` are the admin pages' own helpers,
 * `i18n` the page's texts. Answers `show(tenantPath, tenantId)`, which loads the section once the administrator signed in.
 */
export function faqSection(api, { guarded, fillTable, time, i18n }) {
  let faqPath;
  let editing = null; // the article being edited, or null for a new one
  let versionsOf = null; // the article whose versions are shown
  const t = (key, values) => i18n.t(key, values);
  const status = article => t(`status_${article.status}`);

  const articleUrl = id => `${faqPath}/articles/${encodeURIComponent(id)}`;
  const said = (id, text) => { $(id).textContent = text; };

  /** Like `guarded`, but a validation problem is shown with its fields' messages. */
  const attempt = (errorId, action) => guarded(errorId, async () => {
    try {
      await action();
    } catch (failure) {
      throw new Error(problemText(failure));
    }
  });

  function listArticles() {
    return attempt('faq-error', async () => {
      const filter = new URLSearchParams();
      for (const [name, id] of [['status', 'faq-filter-status'], ['language', 'faq-filter-language'], ['category', 'faq-filter-category']]) {
        if ($(id).value.trim()) filter.set(name, $(id).value.trim());
      }
      const { articles } = await api.json('GET', `${faqPath}/articles?${filter}`);
      fillTable('faq-articles', articles, article => [article.content.title, article.content.language,
        article.content.category ?? '—', status(article), String(article.version), time(article.updatedAt), actions(article)],
      t('noArticle'), article => article.status);
    });
  }

  function actions(article) {
    const { title } = article.content;
    const button = (key, onclick) => element('button', { type: 'button', 'aria-label': t(`${key}Named`, { title }), onclick }, t(key));
    const published = article.status === 'published';
    const remove = button('delete', () => {
      if (remove.dataset.confirm) return change(() => api.json('DELETE', articleUrl(article.articleId)), t('deleted', { title }), article, true);
      remove.dataset.confirm = 'true';
      remove.textContent = t('reallyDelete');
      remove.setAttribute('aria-label', t('reallyDeleteNamed', { title }));
      return remove.focus();
    });
    return [
      button('edit', () => edit(article.articleId)),
      button(published ? 'unpublish' : 'publish',
        () => change(() => api.json('POST', `${articleUrl(article.articleId)}/${published ? 'unpublish' : 'publish'}`),
          t(published ? 'unpublishedDone' : 'publishedDone', { title }), article)),
      button('versions', () => showVersions(article)),
      remove,
    ];
  }

  /** Makes a change, says so, and lists the articles again; a deleted article being edited leaves the editor. */
  function change(action, done, article, deletes = false) {
    said('faq-result', '');
    return attempt('faq-error', async () => {
      await action();
      said('faq-result', done);
      if (deletes && editing?.articleId === article.articleId) startNew();
      await listArticles();
    });
  }

  // The editor ----------------------------------------------------------------------------------------------------------

  const content = () => ({
    title: $('faq-title-input').value.trim(),
    language: $('faq-language').value,
    category: $('faq-category').value.trim() || null,
    tags: $('faq-tags').value.split(',').map(tag => tag.trim()).filter(Boolean),
    body: $('faq-body').value,
  });

  function fillEditor(article) {
    editing = article;
    const written = article?.content ?? { title: '', language: 'fr', category: '', tags: [], body: '' };
    $('faq-title-input').value = written.title;
    $('faq-language').value = written.language;
    $('faq-category').value = written.category ?? '';
    $('faq-tags').value = written.tags.join(', ');
    $('faq-body').value = written.body;
    showEditorTitle();
    $('faq-preview-box').hidden = true;
    said('faq-editor-error', '');
  }

  function showEditorTitle() {
    said('faq-editor-title', editing
      ? t('editing', { title: editing.content.title, version: editing.version, status: status(editing) })
      : t('newArticle'));
  }

  const startNew = () => fillEditor(null);

  function edit(articleId) {
    return attempt('faq-error', async () => {
      fillEditor(await api.json('GET', articleUrl(articleId)));
      $('faq-title-input').focus();
    });
  }

  $('faq-new').addEventListener('click', () => {
    startNew();
    $('faq-title-input').focus();
  });

  $('faq-editor').addEventListener('submit', event => {
    event.preventDefault();
    said('faq-result', '');
    return attempt('faq-editor-error', async () => {
      const saved = editing
        ? await api.json('PUT', articleUrl(editing.articleId), content())
        : await api.json('POST', `${faqPath}/articles`, content());
      fillEditor(saved);
      said('faq-result', t('saved', { title: saved.content.title, version: saved.version, status: status(saved) }));
      await listArticles();
    });
  });

  $('faq-preview-button').addEventListener('click', () => attempt('faq-editor-error', async () => {
    const { html } = await api.json('POST', `${faqPath}/preview`, { body: $('faq-body').value });
    // The server's sanitized rendering, exactly as the help center shows it.
    $('faq-preview').innerHTML = html;
    $('faq-preview-box').hidden = false;
  }));

  function showVersions(article) {
    return attempt('faq-error', async () => {
      const versions = await api.json('GET', `${articleUrl(article.articleId)}/versions`);
      versionsOf = article;
      $('faq-versions').hidden = false;
      said('faq-versions-caption', t('versionsCaption', { title: article.content.title }));
      fillTable('faq-versions', versions, version => [String(version.version), time(version.at),
        `${version.author.role} ${version.author.id}`, version.content.title, version.content.language], t('noVersions'));
    });
  }

  // Synonyms, import and export -------------------------------------------------------------------------------------

  function showSynonyms() {
    return attempt('faq-synonyms-error', async () => {
      const { groups } = await api.json('GET', `${faqPath}/synonyms`);
      $('faq-synonyms').value = groups.map(group => group.join(', ')).join('\n');
    });
  }

  $('faq-synonyms-form').addEventListener('submit', event => {
    event.preventDefault();
    said('faq-synonyms-result', '');
    return attempt('faq-synonyms-error', async () => {
      const groups = $('faq-synonyms').value.split('\n')
        .map(line => line.split(',').map(entry => entry.trim()).filter(Boolean)).filter(group => group.length > 0);
      const saved = await api.json('PUT', `${faqPath}/synonyms`, { groups });
      $('faq-synonyms').value = saved.groups.map(group => group.join(', ')).join('\n');
      said('faq-synonyms-result', t('synonymsSaved', { count: saved.groups.length }));
    });
  });

  $('faq-export').addEventListener('click', () => attempt('faq-transfer-error', async () => {
    const exported = await api.json('GET', `${faqPath}/export`);
    const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
    const link = element('a', { href: url, download: 'faq-articles.json', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    said('faq-transfer-result', t('exported', { count: exported.articles.length }));
  }));

  $('faq-import').addEventListener('change', () => {
    const [file] = $('faq-import').files;
    if (!file) return null;
    said('faq-transfer-result', '');
    return attempt('faq-transfer-error', async () => {
      let articles;
      try {
        articles = JSON.parse(await file.text());
      } catch {
        throw new Error(t('notJson', { file: file.name }));
      }
      const imported = await api.json('POST', `${faqPath}/import`, articles);
      said('faq-transfer-result', t('imported', { count: imported.articles.length, file: file.name }));
      await listArticles();
    }).finally(() => { $('faq-import').value = ''; });
  });

  for (const id of ['faq-filter-status', 'faq-filter-language']) $(id).addEventListener('change', () => listArticles());
  $('faq-refresh').addEventListener('click', () => listArticles());

  // A language switch redraws what this section wrote (the page's marked texts follow by themselves).
  i18n.onChange(() => {
    if (!faqPath) return;
    showEditorTitle();
    listArticles();
    if (versionsOf && !$('faq-versions').hidden) showVersions(versionsOf);
  });

  return (tenantPath, tenantId) => {
    faqPath = `${tenantPath}/faq`;
    $('faq-help-center').href = `/help/${encodeURIComponent(tenantId)}/`;
    startNew();
    return Promise.all([listArticles(), showSynonyms()]);
  };
}
