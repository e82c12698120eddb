// Visitors' limits (docs/decisions/0043), French or English (admin/texts.js): each limit in force with the platform's
// default and maximum, a form to choose the organisation's own within the maxima, and a way back to the defaults.
// Every value through textContent.
import { element } from '../shared/chat.js';

const limits = ['conversationsPerVisitorPerHour', 'openConversationsPerVisitor', 'visitorMessagesPerMinute', 'visitorFilesPerHour',
  'visitorFileMegabytesPerHour', 'visitorConversationsPerMinute', 'visitorTokensPerMinute'];

/** `after`: what the section shows under its own form (the widget key's guards, guard.js), kept as it is on every redraw. */
export function quotasSection(api, tenantPath, i18n, section, after) {
  const t = (key, values) => i18n.t(key, values);
  let quotas;
  let outcome = '';
  const draw = () => {
    const result = element('p', { id: 'quotas-result', role: 'status' }, outcome);
    const problem = element('p', { id: 'quotas-error', className: 'error', role: 'alert' });
    const rows = limits.map(name => element('tr', {},
      element('th', { scope: 'row' }, element('label', { for: `quota-${name}` }, t(`quota_${name}`))),
      element('td', {}, element('input', {
        id: `quota-${name}`, type: 'number', min: 1, max: quotas?.maxima[name], value: String(quotas?.inForce[name] ?? ''), required: true,
      })),
      element('td', {}, String(quotas?.defaults[name] ?? '')),
      element('td', {}, String(quotas?.maxima[name] ?? ''))));
    const table = element('table', { id: 'quotas-table' },
      element('thead', {}, element('tr', {}, ...['quotaLimit', 'quotaInForce', 'quotaDefault', 'quotaMaximum'].map(key => element('th', { scope: 'col' }, t(key))))),
      element('tbody', {}, ...rows));
    const save = async body => {
      outcome = '';
      problem.textContent = '';
      try {
        quotas = await (body ? api.json('PUT', `${tenantPath}/quotas`, body) : api.json('DELETE', `${tenantPath}/quotas`));
        outcome = t('quotasSaved');
        draw();
      } catch (failure) {
        problem.textContent = `${t('notSaved')} ${Object.values(failure.problem?.errors ?? {}).flat().join(' ') || failure.message}`;
      }
    };
    const form = element('form', { id: 'quotas-form', noValidate: true }, table,
      element('button', { type: 'submit' }, t('quotasSave')),
      element('button', { type: 'button', id: 'quotas-reset', onclick: () => save(null) }, t('quotasReset')), result, problem);
    form.addEventListener('submit', event => {
      event.preventDefault();
      save(Object.fromEntries(limits.map(name => [name, Number(form.querySelector(`#quota-${name}`).value)])));
    });
    section.replaceChildren(
      element('h2', { id: 'quotas-title' }, t('quotasTitle')),
      element('p', {}, t(quotas?.custom ? 'quotasCustom' : 'quotasDefaults')),
      element('p', {}, t('quotasIntro')), form, after);
  };
  const load = async () => {
    quotas = await api.json('GET', `${tenantPath}/quotas`);
    draw();
  };
  i18n.onChange(draw);
  return load;
}
