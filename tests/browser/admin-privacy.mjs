// The admin page's Privacy section: an administrator publishes a material version of the organisation's notice to its
// visitors (a refused one shows the server's reason), sees it in force, reads the records of processing and the
// sub-processors, and downloads them as Markdown, in French after the switch.
import { readFile } from 'node:fs/promises';
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin } from './pages.mjs';

await scenario('admin-privacy', async ({ browser, env, screenshot }) => {
  const context = await newContext(browser, { locale: 'en-GB' });
  const page = await openAdmin(context, env);
  const privacy = page.locator('#privacy');
  await privacy.getByText('In force: the platform’s text').waitFor();

  await privacy.getByLabel('Address of your notice on your site').fill('javascript:alert(1)');
  await privacy.getByRole('button', { name: 'Publish this version' }).click();
  await privacy.getByRole('alert').filter({ hasText: 'url must be an absolute http or https address' }).waitFor();

  await privacy.getByLabel('Address of your notice on your site').fill('https://shop.example/privacy');
  await privacy.getByLabel('Material change: ask visitors for their consent again').check();
  await privacy.getByRole('button', { name: 'Publish this version' }).click();
  await privacy.getByRole('status').filter({ hasText: 'Version 1 published.' }).waitFor();
  await privacy.getByText('In force: your notice, version 1').waitFor();
  const rows = await privacy.locator('#records-table tbody tr').count();
  assertEqual(rows >= 5, true, `activities in the records (${rows})`);
  await privacy.locator('#sub-processors tbody tr', { hasText: 'Microsoft Azure' }).waitFor();
  await screenshot(page, 'admin-privacy.png');

  await page.getByRole('button', { name: 'Français' }).click();
  await privacy.getByRole('heading', { name: 'Registre des traitements' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), privacy.getByRole('button', { name: 'Télécharger (Markdown)' }).click()]);
  const markdown = await readFile(await download.path(), 'utf8');
  assertEqual(markdown.startsWith(`# Registre des traitements — ${env.tenantId}`), true, 'the downloaded records\' first line');
  assertNoFailures(context);
});
