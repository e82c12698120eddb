// The widget's help search before a conversation: typing a question shows the tenant's published article
// as a suggestion (at most three) that opens in the help center in a new tab or reads inline; the visitor still starts
// the chat, and the search then leaves the widget.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openWidget, visitorSays } from './pages.mjs';

const title = process.env.ORBITALYNTRA_ENGLISH_TITLE;

await scenario('widget-help', async ({ browser, env, screenshot }) => {
  const context = await newContext(browser, { locale: 'en-GB' });
  const { page, widget } = await openWidget(context, env);
  const help = widget.locator('section.help');
  assertEqual(await help.getAttribute('lang'), 'en', 'the help search\'s language');

  await widget.getByLabel('Search our help').pressSequentially('how do I get my refund', { delay: 20 });
  const suggestion = help.locator('.suggestions li').first();
  await suggestion.locator('a', { hasText: title }).waitFor();
  const count = await eventually('the suggestions', () => help.locator('.suggestions li').count(), n => n >= 1);
  if (count > 3) throw new Error(`${count} suggestions shown, at most 3 expected`);
  const link = suggestion.locator('a');
  assertEqual([await link.getAttribute('target'), new URL(await link.getAttribute('href')).pathname.startsWith(`/help/${env.tenantId}/articles/`)],
    ['_blank', true], 'the suggestion\'s link (new tab, the help center\'s article)');
  await screenshot(page, 'widget-suggestions.png');

  await widget.getByRole('button', { name: `Read “${title}” here` }).click();
  await help.locator('.reader .article-body strong', { hasText: '14 days' }).waitFor();
  await widget.getByRole('button', { name: 'Back to the suggestions' }).click();
  await suggestion.waitFor();

  await widget.getByRole('button', { name: 'Français' }).click();
  await eventually('the French help search', () => help.getAttribute('lang'), lang => lang === 'fr');
  await widget.getByLabel('Rechercher dans l’aide').waitFor();
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'the tenant page\'s own language (untouched)');

  await visitorSays(widget, 'I still need a person');
  await help.waitFor({ state: 'detached' });
  assertNoFailures(context);
});
