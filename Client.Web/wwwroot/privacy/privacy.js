// The public privacy page, /privacy/: the platform's policy in force (its texts for visitors and for account holders), its
// version and effective date, the controller's contact and the right to complain to the CNIL. With ?tenant={id}, the
// tenant's notice to its visitors instead (the widget links here when the notice is a text). French or English from
// the browser, with a switch.
import { Api } from '../shared/chat.js';
import { I18n } from '../shared/i18n.js';
import { texts } from './texts.js';

const $ = id => document.getElementById(id);
const i18n = new I18n(texts);
const tenantId = new URLSearchParams(location.search).get('tenant');
const api = new Api(new URL('/', location.href));
let policy = null;

function draw() {
  i18n.apply();
  if (!policy) return;
  const language = i18n.language;
  $('version').textContent = i18n.t('version', { version: policy.notice.version, date: i18n.date(policy.effectiveAt) });
  if (tenantId) {
    $('notice').hidden = false;
    $('notice-title').textContent = i18n.t('noticeTitle', { tenant: tenantId });
    $('notice-link').hidden = !policy.url;
    if (policy.url) $('notice-url').href = policy.url;
    $('notice-text').textContent = policy.visitors?.[language] ?? '';
  } else {
    $('visitors').hidden = false;
    $('visitors-text').textContent = policy.visitors[language];
    $('account-holders').hidden = false;
    $('account-holders-text').textContent = policy.accountHolders[language];
  }
  $('contact-address').textContent = policy.controllerContact;
  $('contact-address').href = `mailto:${policy.controllerContact}`;
  $('complaint').textContent = policy.complaint.url;
  $('complaint').href = policy.complaint.url;
  document.title = i18n.t('pageTitle');
}

i18n.switcher($('language'));
i18n.onChange(draw);
draw();
try {
  policy = await api.json('GET', tenantId ? `/api/tenants/${encodeURIComponent(tenantId)}/privacy/notice` : '/api/privacy/policy');
  document.body.dataset.policy = `${policy.notice.policy}:${policy.notice.version}`;
  draw();
} catch (failure) {
  $('error').textContent = i18n.t('failed', { reason: failure.message });
}
