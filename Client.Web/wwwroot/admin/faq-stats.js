// The FAQ assistant's effectiveness for administrators (GET …/faq/effectiveness, docs/faq.md): deflection rate per
// day, top articles, articles voted unhelpful and the questions without a good answer that consenting visitors asked.
// Counts and texts only, every value through textContent; its texts French or English (admin/texts.js), drawn again
// when the language changes. Builds its own content inside <section id="faq-stats">.
import { element } from '../shared/chat.js';
import { barChart } from './chart.js';

const table = (caption, headings, rows, empty) => element('table', {},
  element('caption', {}, caption),
  element('thead', {}, element('tr', {}, ...headings.map(h => element('th', { scope: 'col' }, h)))),
  element('tbody', {}, ...(rows.length === 0
    ? [element('tr', { className: 'empty' }, element('td', { colSpan: headings.length }, empty))]
    : rows.map(cells => element('tr', {}, ...cells.map(cell => element('td', {}, String(cell))))))));

const rate = (part, whole) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/** Draws `report` (or `failure`) in `section` in the language of `i18n`. */
function draw(section, i18n, report, failure) {
  const t = key => i18n.t(key);
  const heading = element('h2', { id: 'faq-stats-title' }, t('statsTitle'));
  if (failure) {
    section.replaceChildren(heading, element('p', { className: 'error', role: 'alert' }, failure.message));
    return;
  }
  const { total } = report;
  const figures = element('dl', { className: 'figures' }, ...[
    ['statsAsked', total.questionsAsked], ['statsSuggested', total.suggested], ['statsNoResult', total.noResult],
    ['statsHelpful', total.helpful], ['statsNotHelpful', total.notHelpful], ['statsDeflected', total.deflected],
    ['statsHandedOff', total.handedOff], ['statsRate', `${rate(total.deflected, total.questionsAsked)} %`],
  ].flatMap(([term, value]) => [element('dt', { dataset: { figure: term } }, t(term)), element('dd', {}, String(value))]));
  const days = report.days.map(day => ({ day: day.day, rate: rate(day.deflected, day.questionsAsked) }));
  const chart = total.questionsAsked === 0
    ? element('p', { className: 'no-data' }, t('statsNoQuestions'))
    : barChart(days, [{ key: 'rate', label: t('statsRateSeries'), className: 'conversations' }], t('statsRateChart'), 120);
  const articleRows = list => list.map(a => [a.title ?? a.articleId, a.shown, a.opened, a.helpful, a.notHelpful]);
  const articleHeadings = ['columnArticle', 'columnShown', 'columnOpened', 'columnHelpful', 'columnNotHelpful'].map(t);
  section.replaceChildren(heading, figures, element('figure', {}, element('figcaption', {}, t('statsRatePerDay')), chart),
    table(t('statsTopArticles'), articleHeadings, articleRows(report.topArticles), t('noData')),
    table(t('statsUnhelpful'), articleHeadings, articleRows(report.unhelpful), t('noData')),
    table(t('statsQuestions'), [t('columnAskedAt'), t('columnQuestion')],
      report.questions.map(q => [q.askedAt.replace('T', ' ').slice(0, 16), q.text]), t('noData')));
}

/** Reads the last 30 days' report and shows it in #faq-stats; a failure is shown there instead. */
export async function showFaqStats(api, tenantPath, i18n) {
  const section = document.getElementById('faq-stats');
  let report = null;
  let failure = null;
  try {
    report = await api.json('GET', `${tenantPath}/faq/effectiveness`);
  } catch (problem) {
    failure = problem;
  }
  draw(section, i18n, report, failure);
  i18n.onChange(() => draw(section, i18n, report, failure));
}
