// The public /privacy page: the platform's policy in force with its version and effective date, the controller's
// contact and the right to complain to the CNIL with its address; French for a French browser, English for an English
// one, and a switch between them; ?tenant= shows that tenant's notice to its visitors.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';

const cnil = 'https://www.cnil.fr/fr/plaintes';

await scenario('privacy-page', async ({ browser, env, screenshot }) => {
  const french = await newContext(browser, { locale: 'fr-FR' });
  const page = await french.newPage();
  const response = await page.goto(new URL('/privacy', env.url).href);
  assertEqual(response.status(), 200, 'the page at /privacy');
  await page.waitForSelector('body[data-policy^="platform:"]', { state: 'attached' });
  assertEqual(await page.locator('h1').textContent(), 'Politique de confidentialité', 'the French title');
  assertEqual(await page.evaluate(() => document.documentElement.lang), 'fr', 'the page language');
  assertEqual(/^Version \d+, en vigueur depuis le \d{1,2} \S+ \d{4}\.$/.test(await page.locator('#version').textContent()), true, 'the French version line');
  assertEqual(await page.locator('#complaint').getAttribute('href'), cnil, 'the CNIL link');
  assertEqual((await page.locator('#contact-address').getAttribute('href')).startsWith('mailto:'), true, 'the controller\'s contact');
  assertEqual((await page.locator('#visitors-text').textContent()).length > 0, true, 'the text for visitors');
  assertEqual((await page.locator('#account-holders-text').textContent()).length > 0, true, 'the text for account holders');
  await page.getByText('Vous pouvez adresser une réclamation à la CNIL').waitFor();
  await screenshot(page, 'privacy-fr.png');

  await page.getByRole('button', { name: 'English' }).click();
  assertEqual(await page.locator('h1').textContent(), 'Privacy policy', 'the title after the switch');
  assertEqual(/^Version \d+, in force since \d{1,2} \S+ \d{4}\.$/.test(await page.locator('#version').textContent()), true, 'the English version line');

  const english = await newContext(browser, { locale: 'en-GB' });
  const tenantPage = await english.newPage();
  await tenantPage.goto(new URL(`/privacy/?tenant=${encodeURIComponent(env.tenantId)}`, env.url).href);
  await tenantPage.waitForSelector('body[data-policy]', { state: 'attached' });
  assertEqual(await tenantPage.locator('h1').textContent(), 'Privacy policy', 'the English title');
  assertEqual(await tenantPage.locator('#notice-title').textContent(), `Privacy notice for visitors of ${env.tenantId}`, 'the tenant notice\'s heading');
  assertEqual(await tenantPage.locator('#complaint').getAttribute('href'), cnil, 'the CNIL link on a tenant\'s notice');
  await tenantPage.getByRole('button', { name: 'Français' }).waitFor();
  assertNoFailures(french, english);
});
