// Privacy (docs/decisions/0039, 0040), French or English (admin/texts.js): the organisation's notice to its visitors — the
// version in force and a form to publish the next (an address or a text, an effective date, material or not) — and the
// records of processing with the sub-processors, downloadable as JSON or Markdown. Every value through textContent.
import { element } from '../shared/chat.js';

export function privacySection(api, tenantPath, i18n, section) {
  const t = (key, values) => i18n.t(key, values);
  let notice;
  let records;
  const download = async (path, name, type) => {
    const blob = new Blob([await (await api.request('GET', `${tenantPath}/${path}`)).text()], { type });
    const link = element('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
    section.append(link);
    link.click();
    link.remove();
  };
  const draw = () => {
    const result = element('p', { id: 'notice-result', role: 'status' });
    const problem = element('p', { id: 'notice-error', className: 'error', role: 'alert' });
    const current = notice
      ? t('noticeInForce', { policy: t(notice.notice.policy === 'tenant' ? 'noticeOwn' : 'noticePlatform'), version: notice.notice.version, date: i18n.date(notice.effectiveAt) })
      : '';
    const form = element('form', { id: 'notice-form', noValidate: true },
      element('label', { for: 'notice-url' }, t('noticeUrl')),
      element('input', { id: 'notice-url', type: 'url', maxLength: 2000 }),
      element('label', { for: 'notice-fr' }, t('noticeTextFr')),
      element('textarea', { id: 'notice-fr', maxLength: 20000 }),
      element('label', { for: 'notice-en' }, t('noticeTextEn')),
      element('textarea', { id: 'notice-en', maxLength: 20000 }),
      element('label', { for: 'notice-effective' }, t('noticeEffective')),
      element('input', { id: 'notice-effective', type: 'datetime-local' }),
      element('label', { className: 'check' }, element('input', { id: 'notice-material', type: 'checkbox' }), t('noticeMaterial')),
      element('button', { type: 'submit' }, t('noticePublish')), result, problem);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      result.textContent = '';
      problem.textContent = '';
      const value = id => form.querySelector(`#${id}`).value.trim();
      const body = { material: form.querySelector('#notice-material').checked };
      if (value('notice-url')) body.url = value('notice-url');
      if (value('notice-fr') || value('notice-en')) body.visitors = { fr: value('notice-fr'), en: value('notice-en') };
      if (value('notice-effective')) body.effectiveAt = new Date(value('notice-effective')).toISOString();
      try {
        const published = await api.json('POST', `${tenantPath}/privacy/notice/versions`, body);
        await load();
        section.querySelector('#notice-result').textContent = t('noticePublished', { version: published.version });
      } catch (failure) {
        problem.textContent = `${t('notSaved')} ${Object.values(failure.problem?.errors ?? {}).flat().join(' ') || failure.message}`;
      }
    });

    const activities = element('table', { id: 'records-table' },
      element('thead', {}, element('tr', {}, ...['recordsPurpose', 'recordsBasis', 'recordsLifetimes', 'recordsRecipients'].map(key => element('th', {}, t(key))))),
      element('tbody', {}, ...(records?.activities ?? []).map(({ activity, lifetimes }) => element('tr', {},
        element('td', {}, activity.purpose[i18n.language]),
        element('td', {}, activity.legalBasis),
        element('td', {}, [...lifetimes.map(l => t('recordsDays', { kind: l.kind, days: l.days })), activity.fixedLifetime].filter(Boolean).join('; ')),
        element('td', {}, activity.recipients.join('; '))))));
    const subProcessors = element('table', { id: 'sub-processors' },
      element('thead', {}, element('tr', {}, ...['subName', 'subService', 'subLocation'].map(key => element('th', {}, t(key))))),
      element('tbody', {}, ...(records?.subProcessors ?? []).map(sub => element('tr', {},
        element('td', {}, sub.name), element('td', {}, sub.service), element('td', {}, sub.location)))));
    const json = element('button', { type: 'button', onclick: () => download('privacy/records', 'records-of-processing.json', 'application/json') }, t('recordsJson'));
    const markdown = element('button', { type: 'button', onclick: () => download(`privacy/records.md?language=${i18n.language}`, 'records-of-processing.md', 'text/markdown') }, t('recordsMarkdown'));
    section.replaceChildren(
      element('h2', { id: 'privacy-title' }, t('privacyTitle')),
      element('h3', {}, t('noticeTitle')), element('p', { id: 'notice-current' }, current), form,
      element('h3', {}, t('recordsTitle')), element('p', {}, t('recordsIntro')), activities,
      element('h3', {}, t('subTitle')), subProcessors, json, markdown);
  };
  const load = async () => {
    [notice, records] = await Promise.all([api.json('GET', `${tenantPath}/privacy/notice`), api.json('GET', `${tenantPath}/privacy/records`)]);
    draw();
  };
  i18n.onChange(draw);
  return load;
}
