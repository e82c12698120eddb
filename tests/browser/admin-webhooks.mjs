// The webhooks section: an endpoint is added with event types the API offers and message text opted in, its signing
// secret is shown once (and handed to the xunit test, whose real receiver verifies the test event with the
// StandardWebhooks library), the test event's result and the delivery log show, the endpoint is disabled and enabled,
// a new secret is shown once, the dead letters are empty; in French the section reads in French; the endpoint is removed.
import { writeFile } from 'node:fs/promises';
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openAdmin } from './pages.mjs';

const receiverUrl = process.env.ORBITALYNTRA_WEBHOOK_URL;
const secretFile = process.env.ORBITALYNTRA_SECRET_FILE;
const rows = (page, table) => page.locator(`#${table} tbody tr`).evaluateAll(trs =>
  trs.map(tr => [...tr.cells].map(cell => cell.textContent)));

await scenario('admin-webhooks', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env);
  const section = page.locator('#webhooks');
  await section.getByText('No endpoints.').waitFor();
  await section.getByRole('checkbox', { name: 'conversation.assigned' }).check();
  await section.getByRole('checkbox', { name: 'message.created' }).check();
  await section.getByLabel('Include message text').check();
  await section.getByLabel('URL').fill(receiverUrl);
  await section.getByLabel('Description').fill('CRM');
  await section.getByRole('button', { name: 'Add', exact: true }).click();

  const secret = await section.getByLabel('Signing secret').textContent();
  if (!secret.startsWith('whsec_')) throw new Error(`the secret shown: ${secret}`);
  await writeFile(secretFile, secret);
  const [endpoint] = await eventually('the endpoint', () => rows(page, 'webhook-list'), shown => shown.length === 1 && shown[0][0] === receiverUrl);
  assertEqual(endpoint.slice(1, 4), ['CRM', 'conversation.assigned, message.created', 'enabled'], 'the endpoint (description, events, state)');

  await section.getByRole('button', { name: 'Send test event' }).click();
  await section.locator('#webhook-result').filter({ hasText: /^Test event \S+ received \(HTTP 200\)\.$/ }).waitFor();
  const log = await rows(page, 'webhook-deliveries');
  assertEqual(log.map(row => [row[1], row[3], row[5]]), [['webhook.test', 'delivered', '200']], 'the delivery log (type, outcome, HTTP)');
  assertEqual(await rows(page, 'webhook-dead-letters'), [['No dead letters.']], 'the dead letters');
  assertEqual(await section.getByRole('button', { name: 'Replay dead letters' }).isDisabled(), true, 'replay with no dead letter');
  if (JSON.stringify(await rows(page, 'webhook-list')).includes(secret)) throw new Error('the list shows the secret');

  await section.getByRole('button', { name: 'Disable' }).click();
  await eventually('the disabled endpoint', () => rows(page, 'webhook-list'), shown => shown[0][3] === 'disabled');
  await section.getByRole('button', { name: 'Enable' }).click();
  await eventually('the enabled endpoint', () => rows(page, 'webhook-list'), shown => shown[0][3] === 'enabled');

  await section.getByRole('button', { name: 'New secret' }).click();
  const rotated = await section.getByLabel('Signing secret').textContent();
  if (!rotated.startsWith('whsec_') || rotated === secret) throw new Error(`the new secret shown: ${rotated}`);

  await page.getByRole('button', { name: 'Français' }).click();
  await section.getByRole('button', { name: 'Envoyer un événement de test' }).waitFor();
  await section.getByText('Adresses de réception').waitFor();
  await section.getByRole('button', { name: 'Supprimer' }).click();
  await section.getByText('Aucune adresse de réception.').waitFor();
  assertNoFailures(context);
});
