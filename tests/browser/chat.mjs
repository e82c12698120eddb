// A visitor on the tenant's site and an agent in the console, in two browser contexts, chat both ways.
import { assertNoFailures, newContext, scenario } from './harness.mjs';
import { agentSays, openConsole, openWidget, showsExactly, visitorSays } from './pages.mjs';

await scenario('chat', async ({ browser, env, screenshot }) => {
  const visitor = await newContext(browser);
  const agent = await newContext(browser);
  const { page: site, widget } = await openWidget(visitor, env);
  const conversationId = await visitorSays(widget, 'Hello, is anyone there?');
  const desk = await openConsole(agent, env, conversationId);

  await showsExactly(desk.locator('#transcript'), [[1, 'Hello, is anyone there?']], 'the agent sees the visitor');
  await agentSays(desk, 'Hi! How can I help?');
  await showsExactly(widget, [[1, 'Hello, is anyone there?'], [2, 'Hi! How can I help?']], 'the visitor sees the agent');
  await visitorSays(widget, 'Where is my parcel?');
  await showsExactly(desk.locator('#transcript'),
    [[1, 'Hello, is anyone there?'], [2, 'Hi! How can I help?'], [3, 'Where is my parcel?']], 'the agent sees the follow-up');

  await screenshot(site, 'widget.png');
  await screenshot(desk, 'console.png');
  assertNoFailures(visitor, agent);
});
