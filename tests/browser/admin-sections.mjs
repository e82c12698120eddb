// The other admin sections: the open access request the test made is in the queue with its deadline, the audit trail
// lists newest first, retention shows its empty states, and an API key is refused without scopes, shown once when issued
// with its scopes, then revoked.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openAdmin } from './pages.mjs';

const rows = (page, table) => page.locator(`#${table} tbody tr`).evaluateAll(trs =>
  trs.map(tr => [...tr.cells].map(cell => cell.textContent)));

await scenario('admin-sections', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env);
  const subject = process.env.ORBITALYNTRA_SUBJECT;

  const queue = await eventually('the request queue', () => rows(page, 'request-queue'), shown => shown.some(row => row[2] === subject));
  const [request] = queue.filter(row => row[2] === subject);
  assertEqual([request[1], request[3], /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/.test(request[4])], ['access', 'open', true],
    'the request (kind, status, deadline shown)');

  const trail = await eventually('the audit trail', () => rows(page, 'audit-trail'), shown => shown.length > 0 && shown[0].length === 5);
  const times = trail.map(row => row[0]);
  assertEqual(times, [...times].sort().reverse(), 'the audit trail, newest first');
  if (!trail.some(row => row[3] === subject)) throw new Error(`no audit entry about ${subject}: ${JSON.stringify(trail)}`);

  await eventually('the purge reports', () => rows(page, 'retention-reports'),
    shown => JSON.stringify(shown) === JSON.stringify([['No purge has removed anything yet.']]));
  await page.locator('#next-purge', { hasText: 'Next purge:' }).waitFor();

  await page.getByLabel('Key label').fill('CRM sync');
  await page.getByRole('button', { name: 'Issue key' }).click();
  await page.locator('#key-error').filter({ hasText: '400' }).waitFor();
  await page.getByRole('checkbox', { name: /^conversations:read/ }).check();
  await page.getByRole('checkbox', { name: /^contacts:write/ }).check();
  await page.getByRole('button', { name: 'Issue key' }).click();
  const key = await eventually('the issued key', () => page.getByLabel('New API key').textContent(), shown => shown.startsWith('oly_'));
  const issued = await eventually('the key list', () => rows(page, 'key-list'), shown => shown.some(row => row[0] === 'CRM sync'));
  if (JSON.stringify(issued).includes(key)) throw new Error('the key list shows a secret');
  assertEqual(issued.find(row => row[0] === 'CRM sync')[4], 'conversations:read, contacts:write', 'the key\'s scopes');
  assertEqual(issued.find(row => row[0] === 'initial')[4], 'admin', 'the sign-up key\'s scopes');
  await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
  await eventually('the revoked key', () => rows(page, 'key-list'),
    shown => shown.some(row => row[0] === 'CRM sync' && row[3] !== '—'));
  assertEqual(await page.locator('#new-key').isHidden(), true, 'the new key after revoking (hidden)');
  assertNoFailures(context);
});
