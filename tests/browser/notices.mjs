// Platform notices and notification settings: an operator publishes a notice on the operators' page; the agent's
// console shows it as a banner in French for a French browser and in English for an English one (the admin pages
// too); "Got it" acknowledges it and it does not come back after a reload. The console's notification settings save
// a topic off, a topic that is off by default on and the mail language (the API then reports them), and a refused
// password change shows its message.
// ORBITALYNTRA_NOTICE_TAG makes the notice's titles unique ("Avis {tag}", "Notice {tag}").
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin, signInToConsole, staffApi } from './pages.mjs';

const tag = process.env.ORBITALYNTRA_NOTICE_TAG;
if (!tag) throw new Error('ORBITALYNTRA_NOTICE_TAG is not set: run this scenario through its xunit test');
const french = { title: `Avis ${tag}`, body: `La politique de confidentialité change (${tag}) : <b>lisez-la</b> & « suite ».` };
const english = { title: `Notice ${tag}`, body: `The privacy policy changes (${tag}): <b>read it</b> & more.` };

async function publish(browser, env) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(new URL('/operators/', env.url).href);
  await page.getByLabel('Operator', { exact: true }).fill(env.operatorName);
  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.waitForURL(/\/dashboard\//);
  await page.goto(new URL('/operators/', env.url).href);
  const section = page.getByRole('region', { name: 'Platform notices' });
  await section.getByRole('button', { name: 'Publish the notice' }).click();
  await section.getByRole('alert').filter({ hasText: 'Not published: The notice is not valid.' }).waitFor();

  await section.getByLabel('Category').selectOption('policyChange');
  await section.getByLabel('French title').fill(french.title);
  await section.getByLabel('French text').fill(french.body);
  await section.getByLabel('English title').fill(english.title);
  await section.getByLabel('English text').fill(english.body);
  await section.getByRole('button', { name: 'Publish the notice' }).click();
  await section.getByRole('status').filter({ hasText: `Notice published: “${english.title}”.` }).waitFor();
  const row = section.locator('#notice-list tbody tr').first();
  assertEqual(await row.locator('td').allTextContents().then(cells => cells.slice(1)), ['Policy change', french.title, english.title],
    'the newest row of the published notices');
  await page.reload();
  await section.locator('#notice-list tbody tr', { hasText: english.title }).waitFor();
  return context;
}

/** The banner of this scenario's notice on `page`, once the page has read the notices (the region is labelled then; empty, it is not shown). */
async function banner(page, label, title) {
  await page.locator(`#notices[aria-label="${label}"]`).waitFor({ state: 'attached' });
  return page.locator('.notice-banner', { hasText: title });
}

await scenario('notices', async ({ browser, env, screenshot }) => {
  const operator = await publish(browser, env);

  const inFrench = await newContext(browser, { locale: 'fr-FR' });
  const desk = await signInToConsole(inFrench, env);
  const frenchBanner = await banner(desk, 'Avis de la plateforme', french.title);
  await frenchBanner.waitFor();
  assertEqual([await frenchBanner.locator('.notice-category').textContent(), await frenchBanner.locator('.notice-body').textContent(),
    await frenchBanner.getByRole('button').textContent(), await desk.locator('#notices').getAttribute('lang')],
  ['Changement de politique', french.body, "J'ai compris", 'fr'], 'the banner in French');
  assertEqual(await frenchBanner.locator('b').count(), 0, 'elements made of the notice\'s text');
  await screenshot(desk, 'console-notice-fr.png');

  const inEnglish = await newContext(browser, { locale: 'en-GB' });
  const admin = await openAdmin(inEnglish, env);
  await (await banner(admin, 'Platform notices', english.title)).waitFor();
  const englishDesk = await signInToConsole(inEnglish, env);
  const englishBanner = await banner(englishDesk, 'Platform notices', english.title);
  assertEqual([await englishBanner.locator('.notice-category').textContent(), await englishBanner.locator('.notice-body').textContent()],
    ['Policy change', english.body], 'the banner in English');
  await englishBanner.getByRole('button', { name: 'Got it' }).click();
  await englishBanner.waitFor({ state: 'detached' });

  await englishDesk.reload();
  await englishDesk.getByLabel('E-mail').fill(env.email);
  await englishDesk.getByLabel('Password').fill(env.password);
  await englishDesk.getByRole('button', { name: 'Sign in' }).click();
  await englishDesk.waitForSelector('body[data-state="connected"]');
  assertEqual(await (await banner(englishDesk, 'Platform notices', english.title)).count(), 0, 'the acknowledged banner after a reload');

  // Notification settings: service updates off, mail while away on (off by default), mail in English; then a refused password change.
  await englishDesk.getByRole('button', { name: 'Notification settings' }).click();
  const panel = englishDesk.locator('#preferences[data-loaded="true"]');
  await panel.waitFor();
  assertEqual(await panel.getByLabel('Service updates').isChecked(), true, 'service updates before the change');
  await panel.getByLabel('Service updates').uncheck();
  assertEqual(await panel.getByLabel('Conversations assigned to me while I am away').isChecked(), false, 'mail while away before the change: off by default');
  assertEqual(await panel.getByLabel('Retention purge reports (administrators)').isChecked(), false, 'retention reports: off by default');
  await panel.getByLabel('Conversations assigned to me while I am away').check();
  await panel.getByLabel('Mail language').selectOption('en');
  await panel.getByRole('button', { name: 'Save preferences' }).click();
  await panel.getByRole('status').filter({ hasText: 'Preferences saved.' }).waitFor();
  const api = await staffApi(env);
  assertEqual(await api.json('GET', 'agents/me/mail-preferences'), { language: 'en', optedOut: ['serviceUpdates'], optedIn: ['assignedWhileAway'] },
    'the mail preferences the API reports');

  await panel.getByLabel('Current password').fill('not the current password');
  await panel.getByLabel('New password').fill('a brand new long password');
  await panel.getByRole('button', { name: 'Change password' }).click();
  await panel.getByRole('alert').filter({ hasText: 'Not changed: The password change is not valid. — The current password is wrong.' }).waitFor();
  await screenshot(englishDesk, 'console-preferences.png');
  await staffApi(env); // the refused change changed nothing: the administrator still signs in with the password
  assertNoFailures(operator, inFrench, inEnglish);
});
