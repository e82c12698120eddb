// The visitor's network drops while the agent writes twice; when it returns, the widget reads the gap after the last
// sequence it showed, and shows every message exactly once, in order.
import { assertNoFailures, scenario } from './harness.mjs';
import { agentSays, showsExactly, startChat } from './pages.mjs';

await scenario('reconnect', async ({ browser, env, screenshot }) => {
  const { visitor, agent, site, widget, desk } = await startChat(browser, env, 'Are you there?');
  await agentSays(desk, 'Yes, one moment.');
  await showsExactly(widget, [[1, 'Are you there?'], [2, 'Yes, one moment.']], 'the visitor before the drop');

  await visitor.setOffline(true);
  await site.waitForSelector('#orbitalyntra-widget[data-state="offline"]', { state: 'attached' });
  await agentSays(desk, 'Found your order.');
  await agentSays(desk, 'It ships tomorrow.');
  await showsExactly(widget, [[1, 'Are you there?'], [2, 'Yes, one moment.']], 'the offline visitor (nothing arrives)');
  await screenshot(site, 'widget-offline.png');

  const gapRead = visitor.waitForEvent('response', response => response.url().includes('/messages?after=2&'));
  await visitor.setOffline(false);
  if ((await gapRead).status() !== 200) throw new Error('reading the gap after sequence 2 failed');
  const all = [[1, 'Are you there?'], [2, 'Yes, one moment.'], [3, 'Found your order.'], [4, 'It ships tomorrow.']];
  await site.waitForSelector('#orbitalyntra-widget[data-state="connected"]', { state: 'attached' });
  await showsExactly(widget, all, 'the visitor after the network returned');
  await agentSays(desk, 'Anything else?');
  await showsExactly(widget, [...all, [5, 'Anything else?']], 'the visitor, live again');
  assertNoFailures(visitor, agent);
});
