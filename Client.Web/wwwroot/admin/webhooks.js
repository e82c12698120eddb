// Webhooks (docs/integrations.md), French or English (admin/texts.js): the organisation's endpoints, a form to add one
// with the event types the API offers, and for each: enable or disable it, a new signing secret (shown once), a test
// event and what became of it, its delivery log and its dead letters with replay. Only the REST API of
// /api/tenants/{tenantId}/webhooks; every value through textContent.
import { element } from '../shared/chat.js';

const resultPolls = 20;
const pollDelayMs = 500;

export function webhooksSection(api, tenantPath, i18n, section) {
  const t = (key, values) => i18n.t(key, values);
  const path = `${tenantPath}/webhooks`;
  const endpointPath = endpoint => `${path}/${encodeURIComponent(endpoint.endpointId)}`;
  let endpoints = [];
  let eventTypes = [];
  let secret = null; // { endpointId, value }: a new secret, shown until the next action
  let outcome = '';
  let failure = '';
  let opened = null; // the endpoint whose delivery log and dead letters are shown
  let log = { deliveries: [], deadLetters: [] };

  const reload = async () => {
    endpoints = await api.json('GET', path);
    if (opened) log = await readLog(opened);
  };
  const readLog = async endpoint => {
    const [deliveries, deadLetters] = await Promise.all([
      api.json('GET', `${endpointPath(endpoint)}/deliveries`), api.json('GET', `${endpointPath(endpoint)}/dead-letters`)]);
    return { deliveries, deadLetters };
  };
  /** Runs an action, then reloads and draws; a refusal is shown with the server's words. */
  const act = async work => {
    outcome = '';
    failure = '';
    secret = null;
    try {
      await work();
      await reload();
    } catch (refused) {
      failure = `${t('notSaved')} ${Object.values(refused.problem?.errors ?? {}).flat().join(' ') || refused.message}`;
    }
    draw();
  };

  const settingsOf = (endpoint, changes) => ({ ...endpoint.settings, ...changes });
  const toggle = endpoint => act(() => api.json('PUT', endpointPath(endpoint), settingsOf(endpoint, { enabled: !endpoint.settings.enabled })));
  const rotate = endpoint => act(async () => {
    const issued = await api.json('POST', `${endpointPath(endpoint)}/secrets`);
    secret = { endpointId: endpoint.endpointId, value: issued.secret };
  });
  const remove = endpoint => act(async () => {
    await api.json('DELETE', endpointPath(endpoint));
    if (opened?.endpointId === endpoint.endpointId) opened = null;
  });
  const open = endpoint => act(async () => { opened = endpoint; });
  const replay = endpoint => act(async () => {
    const { count } = await api.json('POST', `${endpointPath(endpoint)}/dead-letters/replay`);
    outcome = t('webhookReplayed', { count });
  });
  // The test event's result: its line in the delivery log once the attempt has ended (the log is written within seconds).
  const test = endpoint => act(async () => {
    const { eventId } = await api.json('POST', `${endpointPath(endpoint)}/test`);
    opened = endpoint;
    outcome = t('webhookTestSent', { eventId });
    for (let poll = 0; poll < resultPolls; poll++) {
      const attempt = (await readLog(endpoint)).deliveries.find(delivery => delivery.eventId === eventId);
      if (attempt) {
        outcome = t(attempt.status === 'delivered' ? 'webhookTestDelivered' : 'webhookTestFailed',
          { eventId, status: attempt.httpStatus ?? '—', error: attempt.error ?? '' });
        return;
      }
      await new Promise(resolve => setTimeout(resolve, pollDelayMs));
    }
  });

  const button = (label, onclick, props = {}) => element('button', { type: 'button', onclick, ...props }, label);
  const endpointRow = endpoint => element('tr', {},
    element('td', {}, endpoint.settings.url),
    element('td', {}, endpoint.settings.description),
    element('td', {}, endpoint.settings.eventTypes.join(', ')),
    element('td', {}, t(endpoint.settings.enabled ? 'webhookEnabled' : endpoint.disabledAt ? 'webhookGaveUp' : 'webhookDisabled')),
    element('td', {},
      button(t(endpoint.settings.enabled ? 'webhookDisable' : 'webhookEnable'), () => toggle(endpoint)),
      button(t('webhookRotate'), () => rotate(endpoint)),
      button(t('webhookTest'), () => test(endpoint)),
      button(t('webhookLog'), () => open(endpoint)),
      button(t('webhookRemove'), () => remove(endpoint))));
  const table = (id, caption, headers, rows, empty) => element('table', { id },
    element('caption', {}, caption),
    element('thead', {}, element('tr', {}, ...headers.map(key => element('th', { scope: 'col' }, t(key))))),
    element('tbody', {}, ...(rows.length > 0 ? rows
      : [element('tr', { className: 'empty' }, element('td', { colSpan: headers.length }, t(empty)))])));
  const deliveryRow = delivery => element('tr', {}, ...[delivery.at.replace('T', ' ').slice(0, 19), delivery.eventType, delivery.eventId,
    t(`webhookStatus_${delivery.status}`), delivery.attempt, delivery.httpStatus ?? '—', `${delivery.latencyMilliseconds} ms`, delivery.error ?? '']
    .map(cell => element('td', {}, String(cell))));
  const logColumns = ['webhookAt', 'webhookType', 'webhookEventId', 'webhookStatus', 'webhookAttempt', 'webhookHttp', 'webhookLatency', 'webhookError'];

  const form = () => {
    const add = element('form', { id: 'webhook-form', noValidate: true },
      element('label', { for: 'webhook-url' }, t('webhookUrl')),
      element('input', { id: 'webhook-url', type: 'url', required: true }),
      element('label', { for: 'webhook-description' }, t('webhookDescription')),
      element('input', { id: 'webhook-description', maxLength: 200 }),
      element('fieldset', {}, element('legend', {}, t('webhookEventTypes')),
        ...eventTypes.map(type => element('label', {},
          element('input', { type: 'checkbox', name: 'webhook-event-type', value: type }), ` ${type}`))),
      element('label', {}, element('input', { id: 'webhook-include-text', type: 'checkbox' }), ` ${t('webhookIncludeText')}`),
      element('button', { type: 'submit' }, t('webhookAdd')));
    add.addEventListener('submit', event => {
      event.preventDefault();
      act(async () => {
        const issued = await api.json('POST', path, {
          url: add.querySelector('#webhook-url').value,
          description: add.querySelector('#webhook-description').value,
          eventTypes: [...add.querySelectorAll('[name="webhook-event-type"]:checked')].map(box => box.value),
          enabled: true,
          includeMessageText: add.querySelector('#webhook-include-text').checked,
        });
        secret = { endpointId: issued.endpoint.endpointId, value: issued.secret };
      });
    });
    return add;
  };

  const draw = () => {
    const shownSecret = secret && element('div', { id: 'webhook-secret' },
      element('p', {}, t('webhookSecretOnce', { endpointId: secret.endpointId })),
      element('output', { 'aria-label': t('webhookSecretLabel') }, secret.value));
    const details = opened && element('div', { id: 'webhook-log' },
      element('h3', {}, t('webhookLogTitle', { url: opened.settings.url })),
      table('webhook-deliveries', t('webhookDeliveries'), logColumns, log.deliveries.map(deliveryRow), 'webhookNoDeliveries'),
      table('webhook-dead-letters', t('webhookDeadLetters'), logColumns, log.deadLetters.map(deliveryRow), 'webhookNoDeadLetters'),
      button(t('webhookReplay'), () => replay(opened), { disabled: log.deadLetters.length === 0 }));
    section.replaceChildren(...[
      element('h2', { id: 'webhooks-title' }, t('webhooksTitle')),
      element('p', {}, t('webhooksIntro')),
      table('webhook-list', t('webhookEndpoints'), ['webhookUrl', 'webhookDescription', 'webhookEventTypes', 'webhookState', 'webhookActions'],
        endpoints.map(endpointRow), 'webhookNone'),
      shownSecret,
      element('p', { id: 'webhook-result', role: 'status' }, outcome),
      element('p', { id: 'webhook-error', className: 'error', role: 'alert' }, failure),
      details,
      element('h3', {}, t('webhookNew')),
      form(),
    ].filter(Boolean));
  };

  const load = async () => {
    [endpoints, eventTypes] = await Promise.all([api.json('GET', path), api.json('GET', `${path}/event-types`)]);
    draw();
  };
  i18n.onChange(draw);
  return load;
}
