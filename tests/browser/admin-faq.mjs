// The admin pages' FAQ section: a refused article shows the server's reasons, an article is written, previewed (the
// server's sanitized HTML: Markdown rendered, raw HTML shown as text), saved as a draft that search does not find,
// published (search finds it), edited into a second version (both listed), unpublished (search no longer finds it),
// and deleted after an in-page confirmation; synonyms are saved.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openAdmin } from './pages.mjs';

const rows = (page, table) => page.locator(`#${table} tbody tr`).evaluateAll(trs =>
  trs.map(tr => [...tr.cells].map(cell => cell.textContent)));

await scenario('admin-faq', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env);
  const faq = page.locator('#faq');
  const title = 'Délais de livraison';
  const search = async query => {
    const response = await fetch(new URL(`/api/tenants/${env.tenantId}/help/search?q=${encodeURIComponent(query)}&lang=fr`, env.url));
    if (!response.ok) throw new Error(`search: ${response.status} ${await response.text()}`);
    return (await response.json()).hits.map(hit => hit.title);
  };
  await eventually('the empty article list', () => rows(page, 'faq-articles'),
    shown => JSON.stringify(shown) === JSON.stringify([['No article matches these filters.']]));

  await faq.getByRole('button', { name: 'Save', exact: true }).click();
  await eventually('the refusal of an article without a title', () => page.locator('#faq-editor-error').textContent(),
    shown => shown.startsWith('The article is not valid.') && /title/i.test(shown));

  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Article language').selectOption('fr');
  await page.getByLabel('Article category').fill('Livraison');
  await page.getByLabel('Tags (comma-separated)').fill('livraison, expédition');
  await page.getByLabel('Body (Markdown)').fill('Nous livrons **sous 3 jours** ouvrés.\n\n<script>alert("x")</script>');
  await faq.getByRole('button', { name: 'Preview' }).click();
  assertEqual(await page.locator('#faq-preview strong').textContent(), 'sous 3 jours', 'the preview\'s bold text');
  assertEqual(await page.locator('#faq-preview script').count(), 0, 'script elements in the preview');
  if (!(await page.locator('#faq-preview').textContent()).includes('<script>')) throw new Error('the raw HTML is not shown as text');

  await faq.getByRole('button', { name: 'Save', exact: true }).click();
  await eventually('the draft in the list', () => rows(page, 'faq-articles'),
    shown => shown.some(row => row[0] === title && row[3] === 'draft' && row[4] === '1' && row[2] === 'Livraison'));
  assertEqual(await search('livraisons'), [], 'search before publishing');

  await faq.getByRole('button', { name: `Publish “${title}”` }).click();
  await eventually('the published article in the list', () => rows(page, 'faq-articles'),
    shown => shown.some(row => row[0] === title && row[3] === 'published'));
  await eventually('search after publishing', () => search('livraisons'), hits => hits.includes(title));

  await page.getByLabel('Body (Markdown)').fill('Nous livrons **sous 2 à 4 jours** ouvrés.');
  await faq.getByRole('button', { name: 'Save', exact: true }).click();
  await eventually('the second version in the list', () => rows(page, 'faq-articles'), shown => shown.some(row => row[0] === title && row[4] === '2'));
  await faq.getByRole('button', { name: `Versions of “${title}”` }).click();
  await eventually('the versions', () => rows(page, 'faq-versions'),
    shown => JSON.stringify(shown.map(row => [row[0], row[3]])) === JSON.stringify([['1', title], ['2', title]]));

  await faq.getByRole('button', { name: `Unpublish “${title}”` }).click();
  await eventually('the unpublished article in the list', () => rows(page, 'faq-articles'),
    shown => shown.some(row => row[0] === title && row[3] === 'draft'));
  await eventually('search after unpublishing', () => search('livraisons'), hits => !hits.includes(title));

  await page.getByLabel('Status', { exact: true }).selectOption('published');
  await eventually('the published filter', () => rows(page, 'faq-articles'),
    shown => JSON.stringify(shown) === JSON.stringify([['No article matches these filters.']]));
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await faq.getByRole('button', { name: `Delete “${title}”` }).click();
  await faq.getByRole('button', { name: `Really delete “${title}”?` }).click();
  await eventually('the list after deleting', () => rows(page, 'faq-articles'), shown => !shown.some(row => row[0] === title));

  await page.getByLabel(/One group a line/).fill('remboursement, refund, money back\nlivraison, delivery');
  await faq.getByRole('button', { name: 'Save synonyms' }).click();
  await page.locator('#faq-synonyms-result', { hasText: 'Saved 2 synonym group(s).' }).waitFor();
  assertNoFailures(context);
});
