// The Orleans Dashboard refuses an anonymous visitor and opens for an operator who signed in.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';

await scenario('dashboard', async ({ browser, env, screenshot }) => {
  const anonymous = await newContext(browser);
  const refused = await (await anonymous.newPage()).goto(new URL('dashboard/', env.url).toString());
  assertEqual(refused.status(), 401, 'an anonymous visitor opening /dashboard/');

  const operator = await newContext(browser);
  const page = await operator.newPage();
  const blocked = [];
  page.on('console', message => {
    if (message.text().includes('Content Security Policy')) blocked.push(message.text());
  });
  await page.goto(new URL('operators/', env.url).toString());
  await page.getByLabel('Operator', { exact: true }).fill(env.operatorName);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();

  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.waitForURL(/\/dashboard\//);
  await page.getByRole('navigation', { name: 'Dashboard navigation' }).waitFor();
  assertEqual(await page.title(), 'Orleans Dashboard', 'the page the operator sees');
  await page.getByText(/active silos/i).waitFor();
  await page.getByText(/total activations/i).waitFor();
  await screenshot(page, 'dashboard.png');
  assertEqual(blocked, [], 'what the Content-Security-Policy blocked on the dashboard');
  assertNoFailures(anonymous, operator);
});
