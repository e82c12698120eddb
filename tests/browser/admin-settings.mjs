// Settings: an audit lifetime the server refuses shows its message next to that field and changes nothing; a valid
// change (the FAQ assistant's setting included) is saved and shown again after a reload; in French, the assistant's
// setting reads and saves in French, and the language chosen is remembered.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin, signInToAdmin, staffApi } from './pages.mjs';

const field = (page, label) => page.getByRole('group', { name: 'Retention (days)' }).getByLabel(label, { exact: true });

async function reopen(page, env) {
  await page.reload();
  await signInToAdmin(page, env.email, env.password);
  await page.waitForFunction(() => document.getElementById('auditDays').value !== '');
}

await scenario('admin-settings', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env);
  await page.waitForFunction(() => document.getElementById('auditDays').value !== '');
  const before = await field(page, 'Audit trail').inputValue();

  await field(page, 'Audit trail').fill('10');
  await page.getByLabel('Greeting').fill('This greeting must not be saved');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const message = page.locator('#error-auditDays');
  await message.filter({ hasText: 'auditDays must be at least 365' }).waitFor();
  assertEqual(await field(page, 'Audit trail').getAttribute('aria-invalid'), 'true', 'the audit field marked invalid');
  assertEqual(await page.locator('#settings-result').textContent(), '', 'a success message after a refusal');

  await reopen(page, env);
  assertEqual([await field(page, 'Audit trail').inputValue(), await page.getByLabel('Greeting').inputValue()],
    [before, 'Hi! How can we help?'], 'the audit lifetime and greeting after the refusal (unchanged)');

  await field(page, 'Audit trail').fill('3000');
  await field(page, 'Page views').fill('45');
  await page.getByLabel('Greeting').fill('Welcome to the shop!');
  await page.getByLabel('Consent mode').selectOption('cookieless');
  const assistant = page.getByLabel('FAQ assistant in the chat');
  assertEqual(await assistant.inputValue(), 'beforeAgents', 'the assistant\'s setting of a new tenant');
  await assistant.selectOption({ label: 'Off' });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#settings-result', { hasText: 'Settings saved.' }).waitFor();
  assertEqual(await message.textContent(), '', 'the audit field message after a valid save');

  await reopen(page, env);
  assertEqual([await field(page, 'Audit trail').inputValue(), await field(page, 'Page views').inputValue(),
    await page.getByLabel('Greeting').inputValue(), await page.getByLabel('Consent mode').inputValue(), await assistant.inputValue()],
  ['3000', '45', 'Welcome to the shop!', 'cookieless', 'off'], 'the settings after a reload');
  const staff = await staffApi(env);
  assertEqual((await staff.json('GET', 'settings')).assistant, 'off', 'the assistant\'s setting on the server');

  // In French: the setting's label and choices, saved, and the language remembered after a reload.
  await page.getByRole('button', { name: 'Français' }).click();
  const enFrancais = page.getByLabel('Assistant FAQ dans la conversation');
  assertEqual([await page.locator('#assistant-setting').getAttribute('lang'), await enFrancais.locator('option:checked').textContent()],
    ['fr', 'Désactivé'], 'the assistant\'s setting in French');
  await enFrancais.selectOption({ label: 'Toujours (chaque question, même quand des agents répondent)' });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#settings-result', { hasText: 'Settings saved.' }).waitFor();
  assertEqual((await staff.json('GET', 'settings')).assistant, 'always', 'the assistant\'s setting saved from the French page');
  await reopen(page, env);
  assertEqual([await enFrancais.inputValue(), await page.getByRole('button', { name: 'English' }).count()], ['always', 1],
    'the French setting after a reload (the language remembered)');
  assertNoFailures(context);
});
