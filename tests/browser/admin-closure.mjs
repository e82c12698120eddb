// The organisation's account data and its closure on the admin page: a card number as billing reference is refused
// next to its field and a valid change is saved; closing needs the password (a wrong one keeps the organisation open),
// then the page shows the closure alone, with its dates, in French too; the export downloads; reopening brings the
// other sections back.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin, staffApi } from './pages.mjs';

await scenario('admin-closure', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env);
  const account = page.locator('#account');
  await account.getByLabel('Organisation name').waitFor();
  await page.waitForFunction(() => document.getElementById('organisationName').value !== '');

  await account.getByLabel('Billing reference').fill('4111 1111 1111 1111');
  await account.getByRole('button', { name: 'Save' }).click();
  await page.locator('#error-billingReference', { hasText: 'card number' }).waitFor();
  await account.getByLabel('Billing reference').fill('cus_Browser42');
  await account.getByLabel('Organisation name').fill('Maison Test');
  await account.getByRole('button', { name: 'Save' }).click();
  await page.locator('#account-result', { hasText: 'Account data saved.' }).waitFor();
  const staff = await staffApi(env);
  const profile = await staff.json('GET', '');
  assertEqual([profile.organisationName, profile.billingReference], ['Maison Test', 'cus_Browser42'], 'the account data on the server');

  const closure = page.locator('#closure');
  await closure.getByText('For 30 days you can download all your data').waitFor();
  await closure.getByLabel('Your password, to confirm').fill('not my password at all');
  await closure.getByRole('button', { name: 'Close this organisation' }).click();
  await page.locator('#closure-error', { hasText: 'the organisation stays open' }).waitFor();
  assertEqual(await page.locator('#analytics').isVisible(), true, 'the other sections after a wrong password');

  await closure.getByLabel('Your password, to confirm').fill(env.password);
  await closure.getByRole('button', { name: 'Close this organisation' }).click();
  await page.locator('#closure-dates', { hasText: 'Organisation closed on' }).waitFor();
  assertEqual(await page.locator('#analytics').isVisible(), false, 'the other sections of a closed organisation');

  const [download] = await Promise.all([page.waitForEvent('download'), closure.getByRole('button', { name: 'Download the full export' }).click()]);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assertEqual(exported.tenant.organisationName, 'Maison Test', 'the organisation in the export');

  await page.getByRole('button', { name: 'Français' }).click();
  await page.locator('#closure-dates', { hasText: 'Organisation fermée le' }).waitFor();
  await closure.getByRole('button', { name: 'Rouvrir l’organisation' }).click();
  await page.locator('#closure-result', { hasText: 'Organisation rouverte' }).waitFor();
  await page.locator('#analytics').waitFor({ state: 'visible' });
  await closure.getByText('Pendant 30 jours').waitFor();
  assertNoFailures(context);
  await context.close();
});
