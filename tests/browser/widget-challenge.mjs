// An administrator asks every new visitor for proof of work (admin pages, Limits section): a new visitor's widget fetches
// the server's ALTCHA challenge, solves it in Chromium, gets its token and chats.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin, openWidget, visitorSays } from './pages.mjs';

await scenario('widget-challenge', async ({ browser, env }) => {
  const staff = await newContext(browser, { locale: 'en-GB' });
  const admin = await openAdmin(staff, env);
  await admin.getByLabel('Ask for a challenge').selectOption('always');
  await admin.locator('#challenge-form').getByRole('button', { name: 'Save' }).click();
  await admin.locator('#guard-result').filter({ hasText: 'Challenge setting saved.' }).waitFor();
  await admin.getByText('New visitors solve a challenge now.').waitFor();

  const visitor = await newContext(browser);
  const asked = [];
  visitor.on('request', request => {
    if (request.url().includes('/api/widget/challenge')) asked.push(request.url());
  });
  const tokens = [];
  visitor.on('response', response => {
    if (response.url().includes('/api/widget/visitor-tokens')) tokens.push(response.status());
  });
  const { widget } = await openWidget(visitor, env);
  await visitorSays(widget, 'Hello after the proof of work.');
  assertEqual(asked.length, 1, 'challenges fetched');
  assertEqual(tokens, [403, 200], 'the token requests: refused without a solution, then issued with one');
  assertNoFailures(staff, visitor);
});
