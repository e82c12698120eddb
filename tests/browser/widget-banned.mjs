// An agent bans a French visitor and their network from the console: the visitor's next message is refused and the
// widget says, in French, that the chat is not available to them; reloaded, it says so again (the renewal is refused).
// An administrator lifts the ban on the admin pages' Limits section, and the widget chats again.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin, openConsole, openWidget, visitorSays } from './pages.mjs';

const bannedInFrench = 'Le chat n’est pas disponible pour vous.';

await scenario('widget-banned', async ({ browser, env }) => {
  const visitor = await newContext(browser, { locale: 'fr-FR' });
  const agent = await newContext(browser, { locale: 'en-GB' });
  const { page: site, widget } = await openWidget(visitor, env);
  const conversationId = await visitorSays(widget, 'Bonjour, je suis un spammeur.');

  const desk = await openConsole(agent, env, conversationId);
  await desk.getByLabel('Duration').selectOption({ label: '7 days' });
  await desk.getByLabel('Scope').selectOption({ label: 'This visitor and their network' });
  await desk.getByLabel('Reason (optional, seen by staff)').fill('spam');
  await desk.getByRole('button', { name: 'Ban', exact: true }).click();
  await desk.locator('#ban-result').filter({ hasText: 'with their network' }).waitFor();

  await widget.getByLabel('Your message').fill('Encore moi.');
  await widget.getByLabel('Your message').press('Enter');
  await site.waitForSelector('#orbitalyntra-widget[data-state="banned"]', { state: 'attached' });
  await widget.getByText(bannedInFrench).waitFor();
  assertEqual(await widget.locator('.banned').evaluate(node => node.closest('[lang]')?.lang), 'fr', 'the language of the refusal');

  await site.reload();
  await site.waitForSelector('#orbitalyntra-widget[data-state="banned"]', { state: 'attached' });
  await widget.getByText(bannedInFrench).waitFor();

  const admin = await openAdmin(agent, env);
  const row = admin.locator('#bans-table tbody tr');
  await row.filter({ hasText: 'Visitor and network' }).filter({ hasText: 'spam' }).waitFor();
  await row.getByRole('button', { name: 'Lift' }).click();
  await admin.locator('#guard-result').filter({ hasText: 'Ban lifted.' }).waitFor();
  await admin.getByText('No ban in force.').waitFor();

  await site.reload();
  await site.waitForSelector('#orbitalyntra-widget[data-state="connected"]', { state: 'attached' });
  assertNoFailures(visitor, agent);
});
