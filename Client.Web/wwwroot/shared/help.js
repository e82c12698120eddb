// The tenant's public help: search and read its published articles without a token (rate-limited per address), as
// the help center and the widget's suggestions do. The help center's addresses: /help/{tenantId}/ and
// /help/{tenantId}/articles/{articleId}. A visitor's question goes in the query of an API call, never in a page address.
import { ApiError } from './chat.js';

export class HelpApi {
  constructor(base, tenantId) {
    this.base = base;
    this.tenantId = tenantId;
    this.path = `/api/tenants/${encodeURIComponent(tenantId)}/help`;
  }

  async get(path) {
    const response = await fetch(new URL(`${this.path}${path}`, this.base));
    if (!response.ok) throw await ApiError.from(response);
    return response.json();
  }

  /** The best hits for `query` ({articleId, language, title, snippet, score}), `language` preferred. */
  async search(query, language, max = 5) {
    const { hits } = await this.get(`/search?q=${encodeURIComponent(query)}&lang=${language}&max=${max}`);
    return hits;
  }

  /** The published articles of `language`, without their bodies ({articleId, language, title, category, updatedAt}). */
  async articles(language) {
    const { articles } = await this.get(`/articles?lang=${language}`);
    return articles;
  }

  /** A published article: {articleId, language, title, html (sanitized by the server), tags, category, updatedAt}. */
  article(articleId) {
    return this.get(`/articles/${encodeURIComponent(articleId)}`);
  }

  /** The help center's page of the article, or its home page. */
  address(articleId = null) {
    const home = `/help/${encodeURIComponent(this.tenantId)}/`;
    return new URL(articleId ? `${home}articles/${encodeURIComponent(articleId)}` : home, this.base).href;
  }
}
