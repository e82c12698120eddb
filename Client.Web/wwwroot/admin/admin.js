// The administration pages: sign in as a tenant's administrator, then analytics, settings, retention, data-subject
// requests, the audit trail, agents, API keys (with their scopes) and webhooks. Every value reaches the page through textContent. The FAQ parts are
// French or English with the header's switch (admin/texts.js); the rest is still English (docs/decisions/0026).
import { Api, element, signInForm } from '../shared/chat.js';
import { I18n } from '../shared/i18n.js';
import { barChart } from './chart.js';
import { accountSection, closureSection } from './closure.js';
import { faqSection } from './faq.js';
import { privacySection } from './privacy.js';
import { quotasSection } from './quotas.js';
import { webhooksSection } from './webhooks.js';
import { guardSection } from './guard.js';
import { showNotices } from '../shared/notices.js';
import { showFaqStats } from './faq-stats.js';
import { texts } from './texts.js';

const $ = id => document.getElementById(id);
const api = new Api(new URL('/', location.href));
const i18n = new I18n(texts, [...document.querySelectorAll('nav [data-i18n]'), $('assistant-setting'), $('second-factor-setting'), $('faq'), $('faq-stats'),
  $('account'), $('closure'), $('privacy'), $('quotas'), $('webhooks')]);
i18n.apply();
i18n.switcher($('language'));
const lifetimes = [
  ['conversationDays', 'Conversations'], ['visitorSessionDays', 'Visitor sessions'], ['pageViewDays', 'Page views'],
  ['deviceDataDays', 'Device data'], ['analyticsDays', 'Analytics'], ['faqQuestionDays', 'Unanswered FAQ questions'], ['auditDays', 'Audit trail'],
];
let tenantPath;
let settings;
const guard = element('div', { id: 'visitor-guard' });

signInForm(api, ({ agent }, tenantId) => (agent.role === 'admin' ? null
  : `${agent.displayName} is an agent, not an administrator of ${tenantId}: these pages are for administrators only. `
    + 'Agents answer visitors in the agent console (/console/).'), async (tenantId, agent) => {
  tenantPath = `/api/tenants/${encodeURIComponent(tenantId)}`;
  $('status').textContent = `${agent.displayName} · ${tenantId}`;
  // A closed organisation shows its closure alone: the rest of the API refuses it until it is reopened.
  const showAll = async () => {
    await showNotices(api, tenantPath, $('notices'));
    await Promise.all([showAnalytics(), showSettings(), showRetention(), showRequests(), showAudit(), showAgents(), showKeys(),
      showFaq(tenantPath, tenantId), showFaqStats(api, tenantPath, i18n), accountSection(api, tenantPath, i18n, $('account'))(),
      privacySection(api, tenantPath, i18n, $('privacy'))(), quotasSection(api, tenantPath, i18n, $('quotas'), guard)(),
      guardSection(api, tenantPath, i18n, guard)(), webhooksSection(api, tenantPath, i18n, $('webhooks'))()]);
  };
  const closed = await closureSection(api, tenantPath, i18n, $('closure'), async shut => {
    $('admin').classList.toggle('closed', shut);
    if (!shut) await showAll();
  })();
  $('admin').classList.toggle('closed', closed);
  $('sign-in').hidden = true;
  $('admin').hidden = false;
  if (!closed) await showAll();
});

/** Runs `load`, showing its failure in the element `errorId` instead of letting it escape. */
async function guarded(errorId, load) {
  $(errorId).textContent = '';
  try {
    await load();
  } catch (failure) {
    $(errorId).textContent = failure.message;
  }
}

/** Fills a table's body with one row per item (`cells(item)` gives the cells' texts), or one "no data" row. */
function fillTable(tableId, items, cells, empty, rowClass = () => '') {
  const table = $(tableId);
  const columns = table.tHead.rows[0].cells.length;
  table.tBodies[0].replaceChildren(...(items.length === 0
    ? [element('tr', { className: 'empty' }, element('td', { colSpan: columns }, empty))]
    : items.map(item => element('tr', { className: rowClass(item) },
      ...cells(item).map(cell => element('td', {}, ...[cell].flat()))))));
}

const utcDay = date => date.toISOString().slice(0, 10);
const time = value => (value ? `${value.replace('T', ' ').slice(0, 16)} UTC` : '—');

function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'no data';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

// The FAQ section (faq.js), with this page's helpers.
const showFaq = faqSection(api, { guarded, fillTable, time, i18n });

// Analytics ---------------------------------------------------------------------------------------------------------

$('period').addEventListener('change', () => showAnalytics());
$('analytics-refresh').addEventListener('click', () => showAnalytics());

function showAnalytics() {
  return guarded('analytics-error', async () => {
    const days = Number($('period').value);
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    const report = await api.json('GET', `${tenantPath}/analytics?from=${utcDay(from)}&to=${utcDay(to)}`);
    const { totals } = report;
    $('analytics-range').textContent = `${report.from} to ${report.to} (UTC days)`;
    $('analytics-totals').replaceChildren(...[
      ['Page views', String(totals.pageViews)],
      ['Visitor-days', String(totals.visitorDays)],
      ['Conversations started', String(totals.conversationsStarted)],
      ['First response (median)', duration(totals.firstResponse.medianSeconds)],
      ['Resolution (median)', duration(totals.resolution.medianSeconds)],
    ].flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, value)]));

    showChart('traffic-chart', totals.pageViews === 0, 'No page views in this period.', () => barChart(report.days, [
      { key: 'pageViews', label: 'Page views', className: 'page-views' },
      { key: 'uniqueVisitors', label: 'Unique visitors', className: 'visitors' },
    ], 'Page views and unique visitors per day'));
    showChart('conversations-chart', totals.conversationsStarted === 0, 'No conversations started in this period.',
      () => barChart(report.days, [{ key: 'conversationsStarted', label: 'Conversations', className: 'conversations' }],
        'Conversations started per day', 120));
    fillTable('top-pages', totals.topPages, page => [page.path, String(page.views)], 'No data');
    fillTable('top-transitions', totals.topTransitions, move => [move.from, move.to, String(move.count)], 'No data');
  });
}

function showChart(id, empty, emptyText, draw) {
  $(id).replaceChildren(empty ? element('p', { className: 'no-data' }, emptyText) : draw());
}

// Settings ----------------------------------------------------------------------------------------------------------

$('retention-fields').append(...lifetimes.flatMap(([name, label]) => [
  element('label', { for: name }, label),
  element('input', { id: name, name, type: 'number', min: 1, max: 3650, step: 1, required: true }),
  element('p', { id: `error-${name}`, className: 'error field-error' }),
]));

function showSettings() {
  return guarded('settings-error', async () => {
    settings = await api.json('GET', `${tenantPath}/settings`);
    $('greeting').value = settings.greeting;
    $('accentColor').value = settings.accentColor;
    $('trackingConsent').value = settings.trackingConsent;
    $('assistant').value = settings.assistant;
    $('unseenReplyMailDelaySeconds').value = String(settings.unseenReplyMailDelaySeconds);
    $('adminsNeedSecondFactor').checked = settings.adminsNeedSecondFactor;
    for (const [name] of lifetimes) $(name).value = String(settings.retention[name]);
  });
}

$('settings-form').addEventListener('submit', async event => {
  event.preventDefault();
  for (const node of document.querySelectorAll('#settings-form .field-error')) node.textContent = '';
  for (const node of document.querySelectorAll('#settings-form [aria-invalid]')) node.removeAttribute('aria-invalid');
  $('settings-result').textContent = '';
  $('settings-error').textContent = '';
  const changed = {
    ...settings,
    greeting: $('greeting').value,
    accentColor: $('accentColor').value,
    trackingConsent: $('trackingConsent').value,
    assistant: $('assistant').value,
    unseenReplyMailDelaySeconds: Number($('unseenReplyMailDelaySeconds').value),
    adminsNeedSecondFactor: $('adminsNeedSecondFactor').checked,
    retention: Object.fromEntries(lifetimes.map(([name]) => [name, Number($(name).value)])),
  };
  try {
    settings = await api.json('PUT', `${tenantPath}/settings`, changed);
    $('settings-result').textContent = 'Settings saved.';
  } catch (failure) {
    if (!failure.problem?.errors) {
      $('settings-error').textContent = `Not saved: ${failure.message}`;
      return;
    }
    $('settings-error').textContent = `Not saved: ${failure.problem.title ?? failure.message}`;
    for (const [field, messages] of Object.entries(failure.problem.errors)) {
      for (const message of messages) showFieldError(field, message);
    }
  }
});

/** Puts a server's message next to its field; retention's messages name their lifetime first ("auditDays must …"). */
function showFieldError(field, message) {
  const named = field === 'retention' ? message.match(/^(\w+) /)?.[1] : field;
  const target = $(`error-${named}`) && $(named) ? named : field;
  const slot = $(`error-${target}`) ?? $('settings-error');
  slot.textContent = [slot.textContent, message].filter(Boolean).join(' ');
  $(target)?.setAttribute('aria-invalid', 'true');
  $(target)?.setAttribute('aria-describedby', `error-${target}`);
}

// Retention ---------------------------------------------------------------------------------------------------------

const kinds = {
  conversation: 'Conversations', visitorSession: 'Visitor sessions', pageViews: 'Page views', deviceData: 'Device data',
  analytics: 'Days of analytics and FAQ assistant counts', faqQuestions: 'Days of unanswered FAQ questions',
};

function showRetention() {
  return guarded('retention-error', async () => {
    const [preview, reports] = await Promise.all([
      api.json('GET', `${tenantPath}/retention/preview?days=30`),
      api.json('GET', `${tenantPath}/retention/reports`),
    ]);
    $('next-purge').textContent = `Next purge: ${time(preview.nextPurgeAt)}`;
    fillTable('retention-preview', preview.upcoming, due => [due.due.slice(0, 10), kinds[due.kind] ?? due.kind, String(due.items)],
      'Nothing falls due in the next 30 days.');
    fillTable('retention-reports', reports, report => [time(report.completedAt), ...['conversations', 'messages', 'files',
      'visitorSessions', 'pageViews', 'deviceData', 'analyticsDays', 'faqEffectivenessDays', 'faqQuestions', 'auditEntries', 'closedRequests', 'failed', 'held']
      .map(name => String(report[name]))], 'No purge has removed anything yet.');
  });
}

// Data-subject requests and the audit trail -------------------------------------------------------------------------

function showRequests() {
  return guarded('requests-error', async () => {
    const requests = await api.json('GET', `${tenantPath}/requests`);
    fillTable('request-queue', requests, request => [time(request.receivedAt), request.kind, request.subjectId, request.status,
      request.overdue ? [time(request.deadline), ' (overdue)'] : time(request.deadline)],
    'No open requests.', request => (request.overdue ? 'overdue' : ''));
  });
}

function showAudit() {
  return guarded('audit-error', async () => {
    const entries = await api.json('GET', `${tenantPath}/audit?limit=50`);
    fillTable('audit-trail', entries, entry => [time(entry.at), `${entry.by.role} ${entry.by.id}`, entry.action,
      entry.subjectId ?? '—', entry.detail ?? ''], 'Nothing recorded yet.');
  });
}

// Agents and API keys -----------------------------------------------------------------------------------------------

function showAgents() {
  return guarded('agent-error', async () => {
    const [agents, inbox] = await Promise.all([api.json('GET', `${tenantPath}/agents`), api.json('GET', `${tenantPath}/inbox`)]);
    const presence = new Map(inbox.agents.map(agent => [agent.agentId, agent]));
    fillTable('agent-list', agents, agent => {
      const seen = presence.get(agent.agentId);
      return [agent.displayName, agent.email, agent.role, seen ? seen.status : 'never signed in to the console',
        seen ? `${seen.load} of ${seen.capacity}` : '—', seen ? time(seen.lastSeen) : '—',
        agent.secondFactorEnabled
          ? ['on ', element('button', { type: 'button', onclick: () => resetSecondFactor(agent) }, `Remove ${agent.displayName}'s authenticator (lost phone)`)]
          : 'off'];
    }, 'No agents.');
  });
}

$('agent-form').addEventListener('submit', async event => {
  event.preventDefault();
  $('agent-result').textContent = '';
  await guarded('agent-error', async () => {
    const agent = await api.json('POST', `${tenantPath}/agents`, {
      displayName: $('agent-name').value, email: $('agent-email').value, password: $('agent-password').value,
      role: $('agent-role').value,
    });
    $('agent-result').textContent = `Added ${agent.displayName} (${agent.email}) as ${agent.role}, id ${agent.agentId}.`;
    $('agent-form').reset();
  });
});

function showKeys() {
  return guarded('key-error', async () => {
    const keys = await api.json('GET', `${tenantPath}/api-keys`);
    fillTable('key-list', keys, key => [key.label, key.keyId, time(key.createdAt), time(key.revokedAt), key.scopes.join(', '),
      key.revokedAt ? '' : element('button', { type: 'button', onclick: () => revoke(key) }, `Revoke ${key.label}`)],
    'No API keys.');
  });
}

$('key-form').addEventListener('submit', async event => {
  event.preventDefault();
  await guarded('key-error', async () => {
    const scopes = [...document.querySelectorAll('[name="key-scope"]:checked')].map(box => box.value);
    const issued = await api.json('POST', `${tenantPath}/api-keys`, { label: $('key-label').value, scopes });
    $('new-key-value').textContent = issued.key;
    $('new-key').hidden = false;
    $('key-form').reset();
    await showKeys();
  });
});

/** A lost phone: the agent signs in with the password alone again, or sets a new authenticator up when it is required. */
function resetSecondFactor(agent) {
  return guarded('agent-error', async () => {
    await api.json('DELETE', `${tenantPath}/agents/${encodeURIComponent(agent.agentId)}/second-factor`);
    $('agent-result').textContent = `${agent.displayName} signs in without an authenticator until they set one up again.`;
    await showAgents();
  });
}

async function revoke(key) {
  await guarded('key-error', async () => {
    await api.json('DELETE', `${tenantPath}/api-keys/${encodeURIComponent(key.keyId)}`);
    $('new-key').hidden = true;
    await showKeys();
  });
}
