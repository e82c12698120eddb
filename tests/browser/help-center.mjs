// The public help center of a tenant whose test published a French article (category "Livraison") and an English one
// (category "Returns"), in a French browser: French texts, the French categories, a search for "livraisons" finds
// "Délais de livraison" (stemming) with its snippet, the article opens as the server's HTML under its own address; the
// switch turns the page English (remembered after a reload), a search with no hit offers the way to support, and an
// unknown tenant gets a friendly not-found page. Every text key exists in both languages (the help center's, the
// widget's help search and assistant, the admin pages' FAQ parts).
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';

const french = process.env.ORBITALYNTRA_FRENCH_TITLE;
const english = process.env.ORBITALYNTRA_ENGLISH_TITLE;

await scenario('help-center', async ({ browser, env, screenshot }) => {
  const context = await newContext(browser, { locale: 'fr-FR' });
  const page = await context.newPage();
  const home = new URL(`/help/${env.tenantId}/`, env.url).href;
  await page.goto(home);
  await page.waitForSelector('body[data-state="home"]');
  assertEqual(await page.getAttribute('html', 'lang'), 'fr', 'the page\'s language in a French browser');
  assertEqual(await page.locator('#home').textContent(), 'Centre d’aide', 'the French title');
  assertEqual(await page.evaluate(async () => {
    const [{ missingTexts }, ...dictionaries] = await Promise.all([import('/shared/i18n.js'), import('/help/texts.js'),
      import('/widget/suggestions.js'), import('/widget/assistant.js'), import('/admin/texts.js')]);
    return dictionaries.flatMap(({ texts }) => missingTexts(texts));
  }), [], 'texts missing in one language');
  await page.locator('.category[data-category="Livraison"]', { hasText: french }).waitFor();
  assertEqual(await page.locator('.category', { hasText: english }).count(), 0, 'English articles among the French categories');

  await page.getByLabel('Rechercher dans le centre d’aide').fill('livraisons');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForSelector('body[data-state="results"]');
  const hit = page.locator('#results .hits li').first();
  assertEqual(await hit.locator('a').textContent(), french, 'the first hit for "livraisons"');
  if (!(await hit.locator('.snippet').textContent()).includes('jours ouvrés')) throw new Error('the hit has no snippet');
  if (page.url() !== home) throw new Error(`the question entered the address: ${page.url()}`);
  await screenshot(page, 'help-center.png');

  await hit.locator('a').click();
  await page.waitForSelector('body[data-state="article"]');
  assertEqual(await page.locator('#article-title').textContent(), french, 'the article\'s title');
  assertEqual(await page.locator('#article-body strong').textContent(), '3 jours ouvrés', 'the article\'s rendered Markdown');
  if (!/^\/help\/[^/]+\/articles\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname)) throw new Error(`the article's address: ${page.url()}`);
  if (!(await page.locator('#article-meta').textContent()).startsWith('Mis à jour le')) throw new Error('no French date');

  await page.getByRole('button', { name: 'English' }).click();
  await eventually('the English page', () => page.getAttribute('html', 'lang'), lang => lang === 'en');
  await page.locator('#article-meta', { hasText: /^Updated on \d{1,2} [A-Z][a-z]+ \d{4}/ }).waitFor();
  assertEqual(await page.locator('#back').textContent(), 'All articles', 'the back link in English');
  await page.goBack();
  await page.waitForSelector('body[data-state="results"]');
  await page.locator('.category[data-category="Returns"]', { hasText: english }).waitFor();

  await page.getByLabel('Search the help center').fill('zzyzx quokka');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForSelector('body[data-state="no-results"]');
  assertEqual(await page.locator('#no-results-title').textContent(), 'No article matches “zzyzx quokka”', 'the no-results title');
  await page.locator('#contact', { hasText: 'contact support' }).waitFor();

  await page.reload();
  await page.waitForSelector('body[data-state="home"]');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'the language after a reload (remembered)');

  await page.goto(new URL('/help/no-such-tenant-here/', env.url).href);
  await page.waitForSelector('body[data-state="not-found"]');
  assertEqual(await page.locator('#not-found-title').textContent(), 'This help center does not exist', 'the unknown tenant\'s page');
  assertNoFailures(context);
});
