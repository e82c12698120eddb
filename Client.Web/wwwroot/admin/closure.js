// The organisation's account data (PUT …/account) and its closure (…/closure: close with the password, the export while
// the grace period lasts, reopening), French or English (admin/texts.js), drawn again when the language changes. Every
// value through textContent. Each builds its own content inside its <section>.
import { element } from '../shared/chat.js';

const field = (id, label, value, attributes = {}) => [
  element('label', { for: id }, label),
  element(attributes.multiline ? 'textarea' : 'input', { id, name: id, value: value ?? '', ...attributes.input }),
  element('p', { id: `error-${id}`, className: 'error field-error' }),
];

/** The account data form: an administrator changes the organisation's name, contact, details and billing reference. */
export function accountSection(api, tenantPath, i18n, section) {
  const t = key => i18n.t(key);
  const names = ['organisationName', 'contactEmail', 'organisationDetails', 'billingReference'];
  let profile;
  const draw = () => {
    const form = element('form', { id: 'account-form', noValidate: true },
      ...field('organisationName', t('fieldOrganisationName'), profile?.organisationName, { input: { required: true, maxLength: 200 } }),
      ...field('contactEmail', t('fieldContactEmail'), profile?.contactEmail, { input: { type: 'email', required: true } }),
      ...field('organisationDetails', t('fieldOrganisationDetails'), profile?.organisationDetails, { multiline: true, input: { maxLength: 2000 } }),
      ...field('billingReference', t('fieldBillingReference'), profile?.billingReference, { input: { maxLength: 128 } }),
      element('p', { className: 'hint' }, t('billingHint')),
      element('button', { type: 'submit' }, t('saveAccount')),
      element('p', { id: 'account-result', role: 'status' }),
      element('p', { id: 'account-error', className: 'error', role: 'alert' }));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      for (const node of form.querySelectorAll('.field-error, #account-error, #account-result')) node.textContent = '';
      try {
        profile = await api.json('PUT', `${tenantPath}/account`, Object.fromEntries(names.map(name => [name, form.elements[name].value || null])));
        form.querySelector('#account-result').textContent = t('accountSaved');
      } catch (failure) {
        form.querySelector('#account-error').textContent = `${t('notSaved')} ${failure.problem?.title ?? failure.message}`;
        for (const [name, messages] of Object.entries(failure.problem?.errors ?? {})) {
          const slot = form.querySelector(`#error-${name}`);
          if (slot) slot.textContent = messages.join(' ');
          form.elements[name]?.setAttribute('aria-invalid', 'true');
        }
      }
    });
    section.replaceChildren(element('h2', { id: 'account-title' }, t('accountTitle')), element('p', {}, t('accountIntro')), form);
  };
  i18n.onChange(draw);
  return async () => {
    profile = await api.json('GET', tenantPath);
    draw();
  };
}

/**
 * "Close this organisation": the grace period, closing with the password; once closed, the dates, the export's download
 * and reopening. `onChange(closed)` tells the page to show only this section while the organisation is closed.
 */
export function closureSection(api, tenantPath, i18n, section, onChange) {
  const t = (key, values) => i18n.t(key, values);
  let status;
  const message = element('p', { id: 'closure-result', role: 'status' });
  const problem = element('p', { id: 'closure-error', className: 'error', role: 'alert' });
  const act = async work => {
    message.textContent = '';
    problem.textContent = '';
    try {
      await work();
    } catch (failure) {
      problem.textContent = failure.problem?.detail ?? failure.message;
    }
  };
  const draw = () => {
    const days = String(Math.round(status.gracePeriodDays));
    const parts = [element('h2', { id: 'closure-title' }, t('closureTitle'))];
    if (!status.closed) {
      const form = element('form', { id: 'closure-form' },
        element('p', {}, t('closureIntro', { days })),
        element('label', { for: 'closure-password' }, t('closurePassword')),
        element('input', { id: 'closure-password', type: 'password', required: true, autocomplete: 'current-password' }),
        element('button', { type: 'submit', className: 'danger' }, t('closeButton')));
      form.addEventListener('submit', event => {
        event.preventDefault();
        return act(async () => {
          status = await api.json('POST', `${tenantPath}/closure`, { password: form.querySelector('#closure-password').value });
          onChange(true);
          draw();
        });
      });
      parts.push(form);
    } else {
      const download = element('button', { type: 'button', id: 'closure-export' }, t('downloadExport'));
      download.addEventListener('click', () => act(async () => {
        const blob = await (await api.request('GET', `${tenantPath}/closure/export`)).blob();
        const link = element('a', { href: URL.createObjectURL(blob), download: 'export.json' });
        link.click();
        message.textContent = t('exportDownloaded');
      }));
      const reopen = element('button', { type: 'button', id: 'closure-reopen' }, t('reopen'));
      reopen.addEventListener('click', () => act(async () => {
        status = await api.json('DELETE', `${tenantPath}/closure`);
        onChange(false);
        draw();
        message.textContent = t('reopened');
      }));
      parts.push(element('p', { id: 'closure-dates' }, t('closedSince', { closedAt: i18n.date(status.closedAt), deleteAt: i18n.date(status.deleteAt) })),
        element('p', {}, t('closedNote', { days })), download, reopen);
    }
    section.replaceChildren(...parts, message, problem);
  };
  i18n.onChange(() => status && draw());
  return async () => {
    status = await api.json('GET', `${tenantPath}/closure`);
    draw();
    return status.closed;
  };
}
