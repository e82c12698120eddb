// Visitors' limits: the defaults and maxima are shown; a value above its maximum is refused with the server's message
// and changes nothing; a valid one is saved and shown again after a reload; in French the section reads in French; the
// defaults come back with one button.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin, signInToAdmin } from './pages.mjs';

const messages = page => page.getByLabel('Messages of a visitor per minute, in one conversation');

await scenario('admin-quotas', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env);
  await page.getByRole('heading', { name: 'Visitors’ limits' }).waitFor();
  await page.waitForFunction(() => document.getElementById('quota-visitorMessagesPerMinute')?.value !== '');
  assertEqual(await messages(page).inputValue(), '30', 'the messages limit in force for a new tenant');
  const row = page.locator('#quotas-table tr', { has: messages(page) });
  assertEqual(await row.locator('td').allTextContents().then(cells => cells.slice(1)), ['30', '600'], 'the default and maximum shown');

  await messages(page).fill('601');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await page.locator('#quotas-error').filter({ hasText: 'visitorMessagesPerMinute must be between 1 and 600.' }).waitFor();

  await messages(page).fill('12');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await page.locator('#quotas-result').filter({ hasText: 'Limits saved.' }).waitFor();
  await page.reload();
  await signInToAdmin(page, env.email, env.password);
  await page.waitForFunction(() => document.getElementById('quota-visitorMessagesPerMinute')?.value === '12');
  await page.getByText('Your own limits are in force.').waitFor();

  await page.getByRole('button', { name: 'Français' }).click();
  await page.getByRole('heading', { name: 'Limites des visiteurs' }).waitFor();
  await page.getByRole('button', { name: 'Revenir aux valeurs par défaut' }).click();
  await page.locator('#quotas-result').filter({ hasText: 'Limites enregistrées.' }).waitFor();
  assertEqual(await page.getByLabel('Messages d’un visiteur par minute, dans une conversation').inputValue(), '30', 'the default again');
  assertNoFailures(context);
});
