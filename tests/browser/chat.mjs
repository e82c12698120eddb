// A visitor on the tenant's site and an agent in the console, in two browser contexts, chat both ways.
import { assertNoFailures, scenario } from './harness.mjs';
import { agentSays, showsExactly, startChat, visitorSays } from './pages.mjs';

await scenario('chat', async ({ browser, env, screenshot }) => {
  const { visitor, agent, site, widget, desk } = await startChat(browser, env, 'Hello, is anyone there?');

  await showsExactly(desk.locator('#transcript'), [[1, 'Hello, is anyone there?']], 'the agent sees the visitor');
  await agentSays(desk, 'Hi! How can I help?');
  await showsExactly(widget, [[1, 'Hello, is anyone there?'], [2, 'Hi! How can I help?']], 'the visitor sees the agent');
  await visitorSays(widget, 'Where is my parcel?');
  await showsExactly(desk.locator('#transcript'),
    [[1, 'Hello, is anyone there?'], [2, 'Hi! How can I help?'], [3, 'Where is my parcel?']], 'the agent sees the follow-up');

  await screenshot(site, 'widget.png');
  assertNoFailures(visitor, agent);
});
