// The FAQ assistant in the widget and the console: a visitor's question gets the assistant's message with its suggested
// article (a link to the help center) and the two buttons, in the visitor's language; the agent's console shows that
// message apart; "This answered my question" resolves the conversation as deflected, counted once even when pressed
// again after a reload; the admin pages' FAQ parts show the count in French in a French browser, and in English after
// the switch.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openAdmin, openConversation, openWidget, signInToConsole, staffApi, visitorSays } from './pages.mjs';

const title = process.env.ORBITALYNTRA_ENGLISH_TITLE;
const attached = { state: 'attached' };

await scenario('widget-assistant', async ({ browser, env, screenshot }) => {
  const visitor = await newContext(browser, { locale: 'en-GB' });
  const { page: site, widget } = await openWidget(visitor, env);
  const conversationId = await visitorSays(widget, 'How do I get my refund?');

  const assistant = widget.locator('.message.from-assistant');
  const suggestion = assistant.locator('.suggestions a', { hasText: title });
  await suggestion.waitFor();
  assertEqual([await assistant.locator('.sender').textContent(), await assistant.locator('.assistant').getAttribute('lang')],
    ['Assistant', 'en'], 'the assistant\'s message: its sender and language');
  assertEqual([await suggestion.getAttribute('target'), new URL(await suggestion.getAttribute('href')).pathname.startsWith(`/help/${env.tenantId}/articles/`)],
    ['_blank', true], 'the suggestion\'s link (a new tab, the help center\'s article)');
  const answered = widget.getByRole('button', { name: 'This answered my question' });
  await widget.getByRole('button', { name: 'Talk to a person' }).waitFor();
  await screenshot(site, 'widget-assistant.png');

  // The agent, online, was given the conversation: the console shows the assistant's message apart, with the article.
  const agent = await newContext(browser);
  const desk = await signInToConsole(agent, env);
  await openConversation(desk, conversationId);
  const inConsole = desk.locator('#transcript .message.from-assistant');
  assertEqual(await inConsole.locator('.sender').textContent(), 'FAQ assistant (suggested articles)', 'the console\'s label of the assistant');
  if (!(await inConsole.locator('.text').textContent()).includes(title)) throw new Error('the console does not show the suggested article');

  const staff = await staffApi(env);
  const status = () => staff.json('GET', `conversations/${conversationId}`).then(summary => summary.status);
  const totals = async () => {
    const { total } = await staff.json('GET', 'faq/effectiveness');
    return [total.questionsAsked, total.suggested, total.helpful, total.deflected, total.handedOff];
  };
  await answered.click();
  await assistant.getByRole('status').filter({ hasText: 'Thank you!' }).waitFor();
  await eventually('the conversation resolved', status, value => value === 'resolved');
  await eventually('the counts after "This answered my question"', totals, counts => counts[3] === 1);

  // After a reload the message shows its buttons again; pressing it again counts nothing more.
  await site.reload();
  await site.waitForSelector('#orbitalyntra-widget[data-state="connected"]', attached);
  await answered.click();
  await assistant.getByRole('status').filter({ hasText: 'Thank you!' }).waitFor();
  assertEqual(await totals(), [1, 1, 1, 1, 0], 'questions, suggested, helpful, deflected, handed off after pressing twice');
  assertEqual(await status(), 'resolved', 'the status after pressing twice');

  // The administrator's effectiveness section, in a French browser, then in English.
  const administrator = await newContext(browser, { locale: 'fr-FR' });
  const admin = await openAdmin(administrator, env);
  const stats = admin.locator('#faq-stats');
  await stats.getByRole('heading', { name: 'Assistant FAQ : efficacité' }).waitFor();
  const figure = key => stats.locator(`dt[data-figure="${key}"] + dd`).textContent();
  assertEqual([await stats.getAttribute('lang'), await stats.locator('dt[data-figure="statsDeflected"]').textContent(),
    await figure('statsDeflected'), await figure('statsRate')], ['fr', 'Résolues par l’assistant', '1', '100 %'], 'the French effectiveness figures');
  await stats.getByRole('table', { name: 'Articles les plus proposés' }).getByRole('cell', { name: title }).waitFor();
  const faq = admin.locator('#faq');
  await faq.getByRole('heading', { name: 'FAQ et centre d’aide' }).waitFor();
  await eventually('the French article list', () => faq.locator('#faq-articles tbody tr').evaluateAll(rows => rows.map(row => row.cells[3].textContent)),
    shown => shown.length === 2 && shown.every(status => status === 'publié'));
  await faq.getByRole('button', { name: `Modifier « ${title} »` }).waitFor();
  assertEqual([await admin.getAttribute('html', 'lang'), await admin.locator('#agents').getAttribute('lang')], ['en', null],
    'the language of the page and of a section not translated yet');

  await admin.getByRole('button', { name: 'English' }).click();
  await stats.getByRole('heading', { name: 'FAQ assistant: effectiveness' }).waitFor();
  assertEqual([await stats.getAttribute('lang'), await faq.getAttribute('lang'), await stats.locator('dt[data-figure="statsDeflected"]').textContent()],
    ['en', 'en', 'Deflected'], 'the effectiveness section after switching to English');
  await faq.getByRole('button', { name: `Edit “${title}”` }).waitFor();
  assertNoFailures(visitor, agent, administrator);
});
