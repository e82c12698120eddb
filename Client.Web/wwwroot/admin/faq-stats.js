// The FAQ assistant's effectiveness for administrators (GET …/faq/effectiveness, docs/faq.md): deflection rate per
// day, top articles, articles voted unhelpful and the questions without a good answer that consenting visitors asked.
// Counts and texts only, every value through textContent. Builds its own content inside <section id="faq-stats">.
import { element } from '../shared/chat.js';
import { barChart } from './chart.js';

const table = (caption, headings, rows, empty) => element('table', {},
  element('caption', {}, caption),
  element('thead', {}, element('tr', {}, ...headings.map(h => element('th', { scope: 'col' }, h)))),
  element('tbody', {}, ...(rows.length === 0
    ? [element('tr', { className: 'empty' }, element('td', { colSpan: headings.length }, empty))]
    : rows.map(cells => element('tr', {}, ...cells.map(cell => element('td', {}, String(cell))))))));

const rate = (part, whole) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/** Reads the last 30 days' report and shows it in #faq-stats; a failure is shown there instead. */
export async function showFaqStats(api, tenantPath) {
  const section = document.getElementById('faq-stats');
  const heading = element('h2', { id: 'faq-stats-title' }, 'Assistant FAQ : efficacité / FAQ assistant: effectiveness');
  try {
    const report = await api.json('GET', `${tenantPath}/faq/effectiveness`);
    const { total } = report;
    const figures = element('dl', { className: 'figures' }, ...[
      ['Questions / Questions asked', total.questionsAsked], ['Avec suggestions / Answered with suggestions', total.suggested],
      ['Sans résultat / No result', total.noResult], ['Utile / Helpful', total.helpful], ['Pas utile / Not helpful', total.notHelpful],
      ['Résolues par l\'assistant / Deflected', total.deflected], ['Transmises / Handed off', total.handedOff],
      ['Taux de résolution / Deflection rate', `${rate(total.deflected, total.questionsAsked)} %`],
    ].flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, String(value))]));
    const days = report.days.map(day => ({ day: day.day, rate: rate(day.deflected, day.questionsAsked) }));
    const chart = total.questionsAsked === 0
      ? element('p', { className: 'no-data' }, 'Aucune question sur la période. / No questions in this period.')
      : barChart(days, [{ key: 'rate', label: 'Deflection %', className: 'conversations' }], 'Deflection rate per day (%)', 120);
    const articleRows = list => list.map(a => [a.title ?? a.articleId, a.shown, a.opened, a.helpful, a.notHelpful]);
    const articleHeadings = ['Article', 'Shown', 'Opened', 'Helpful', 'Not helpful'];
    section.replaceChildren(heading, figures, element('figure', {}, element('figcaption', {}, 'Taux de résolution par jour / Deflection rate per day'), chart),
      table('Articles les plus proposés / Top articles', articleHeadings, articleRows(report.topArticles), 'No data'),
      table('Articles jugés peu utiles / Articles voted unhelpful', articleHeadings, articleRows(report.unhelpful), 'No data'),
      table('Questions sans bonne réponse (avec consentement) / Questions with no good answer (consented)', ['Asked at (UTC)', 'Question'],
        report.questions.map(q => [q.askedAt.replace('T', ' ').slice(0, 16), q.text]), 'No data'));
  } catch (failure) {
    section.replaceChildren(heading, element('p', { className: 'error', role: 'alert' }, failure.message));
  }
}
