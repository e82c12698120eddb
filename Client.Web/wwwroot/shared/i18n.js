// The pages' two languages (the help center, the widget's help search and assistant, the admin pages' FAQ parts): French
// for a browser whose language is fr-*, English otherwise; a switch whose choice is remembered in localStorage; `lang`
// set on the elements the texts belong to (the page's <html>, the widget's own parts on a tenant's site, the translated
// parts of a page not yet translated as a whole); dates written the language's way.
// Texts are looked up by key in one dictionary per language; `{name}` in a text is filled from `values`, as text.

export const languages = ['fr', 'en'];
const storageKey = 'orbitalyntra:language';
const languageNames = { fr: 'Français', en: 'English' };
const locales = { fr: 'fr-FR', en: 'en-GB' };

/** The language the browser asks for: French for fr, fr-FR, fr-CA…, English for anything else. */
export function browserLanguage(preferred = navigator.language) {
  return String(preferred ?? '').toLowerCase().split('-')[0] === 'fr' ? 'fr' : 'en';
}

function remembered() {
  try {
    const saved = localStorage.getItem(storageKey);
    return languages.includes(saved) ? saved : null;
  } catch {
    return null; // storage refused (a privacy mode): the browser's language, not remembered
  }
}

/** Keys present in one language's dictionary and missing from another's: [language, key] pairs (empty when complete). */
export function missingTexts(dictionaries) {
  const keys = new Set(languages.flatMap(language => Object.keys(dictionaries[language])));
  return languages.flatMap(language => [...keys].filter(key => !(key in dictionaries[language])).map(key => [language, key]));
}

/** The elements under `scope` that match `selector`, `scope` itself included. */
const marked = (scope, selector) => [...(scope.matches?.(selector) ? [scope] : []), ...scope.querySelectorAll(selector)];

export class I18n {
  /**
   * `dictionaries`: { fr: { key: text }, en: { key: text } }; `roots`: the element, or the elements, whose `lang` follows
   * the language and whose marked texts `apply()` fills.
   */
  constructor(dictionaries, roots = document.documentElement) {
    this.dictionaries = dictionaries;
    this.roots = [roots].flat();
    this.listeners = [];
    this.language = remembered() ?? browserLanguage();
    for (const root of this.roots) root.lang = this.language;
  }

  /** The text of `key` in the current language, `{name}` replaced by `values[name]`. */
  t(key, values = {}) {
    const text = this.dictionaries[this.language][key];
    if (text === undefined) throw new Error(`no ${this.language} text for '${key}'`);
    return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
  }

  /** A day written the language's way ("3 décembre 2026", "3 December 2026"). */
  date(value) {
    return new Intl.DateTimeFormat(locales[this.language], { dateStyle: 'long' }).format(new Date(value));
  }

  /** Switches to `language`, remembers it, and tells the listeners (which redraw what they wrote). */
  set(language) {
    if (!languages.includes(language) || language === this.language) return;
    this.language = language;
    for (const root of this.roots) root.lang = language;
    try {
      localStorage.setItem(storageKey, language);
    } catch {
      // not remembered; the page still switches
    }
    this.apply();
    for (const listener of this.listeners) listener(language);
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  /**
   * Fills every element of `scope` (by default, of each root) marked data-i18n (its text), data-i18n-placeholder or
   * data-i18n-label (aria-label).
   */
  apply(scope = null) {
    for (const root of scope ? [scope] : this.roots) {
      for (const node of marked(root, '[data-i18n]')) node.textContent = this.t(node.dataset.i18n);
      for (const node of marked(root, '[data-i18n-placeholder]')) node.placeholder = this.t(node.dataset.i18nPlaceholder);
      for (const node of marked(root, '[data-i18n-label]')) node.setAttribute('aria-label', this.t(node.dataset.i18nLabel));
    }
  }

  /**
   * Makes `button` the language switch: it names the other language in that language ("English" on a French page) and
   * switches to it when pressed.
   */
  switcher(button) {
    const show = () => {
      const other = this.other();
      button.textContent = languageNames[other];
      button.lang = other;
      button.dataset.language = other;
    };
    button.addEventListener('click', () => this.set(this.other()));
    this.onChange(show);
    show();
    return button;
  }

  other() {
    return this.language === 'fr' ? 'en' : 'fr';
  }
}
