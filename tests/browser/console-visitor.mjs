// The visitor's pages and device families in the side panel, read through the audited staff endpoint; a visitor who
// gave no consent shows "no browsing data".
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openConsole, openConversation, staffApi } from './pages.mjs';

const rows = page => page.locator('#visitor-pages tbody tr').evaluateAll(trs =>
  trs.map(tr => [...tr.cells].map(cell => cell.textContent)));

await scenario('console-visitor', async ({ browser, env, screenshot }) => {
  const visitorId = process.env.ORBITALYNTRA_VISITOR;
  const context = await newContext(browser);
  const page = await openConsole(context, env, process.env.ORBITALYNTRA_CONVERSATION);

  const shown = await eventually('the pages', () => rows(page), found => found.length === 2);
  assertEqual(shown.map(([path, title, time]) => [path, title, time]), [['/', 'Shop', '5 s'], ['/pricing', 'Pricing', '12 s']],
    'the pages (path, title, time on page)');
  if (!shown.every(row => /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/.test(row[3]))) throw new Error(`when: ${JSON.stringify(shown)}`);
  const device = await page.locator('#visitor-device').textContent();
  if (!/ on .+ \((desktop|mobile|tablet)\)$/.test(device)) throw new Error(`the device families: ${device}`);
  await page.locator('#transcript .message.note').first().waitFor();
  await screenshot(page, 'console.png');

  const staff = await staffApi(env);
  const audit = await staff.json('GET', 'audit?limit=50');
  const read = audit.find(entry => entry.action === 'session.read' && entry.subjectId === visitorId);
  if (!read) throw new Error(`no session.read entry about ${visitorId}: ${JSON.stringify(audit)}`);
  assertEqual([read.by.id, read.detail ?? null], [staff.agentId, null], 'the audit entry (actor, no detail)');

  await openConversation(page, process.env.ORBITALYNTRA_NO_CONSENT_CONVERSATION);
  await page.locator('#visitor-empty', { hasText: 'No browsing data (no consent).' }).waitFor();
  assertEqual(await page.locator('#visitor-pages').isHidden(), true, 'no table without consent');
  assertNoFailures(context);
});
