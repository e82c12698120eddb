// Typing and read receipts between the widget and an agent (the agent on the hub from Node): the agent's typing shows
// in the widget and goes away; the agent's read receipt shows "Read" under the visitor's message; the visitor's typing
// and its delivered and read receipts for the agent's reply reach the agent.
import { assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { agentOnHub, openWidget, showsExactly, visitorSays } from './pages.mjs';

await scenario('widget-receipts', async ({ browser, env, screenshot }) => {
  const visitor = await newContext(browser);
  const { page, widget } = await openWidget(visitor, env);
  const conversationId = await visitorSays(widget, 'Is my order on its way?');
  const { hub, events } = await agentOnHub(env, conversationId);
  try {
    const indicator = widget.getByText('Agent is typing…');
    await hub.invoke('Typing', env.tenantId, conversationId);
    await indicator.waitFor();
    await indicator.waitFor({ state: 'hidden' }); // a few seconds without a new signal

    const receipt = widget.locator('.message.from-visitor[data-sequence="1"] .receipt');
    if (await receipt.count() !== 0) throw new Error('"Read" shows before the agent read anything');
    await hub.invoke('MarkRead', env.tenantId, conversationId, 1);
    await eventually('the receipt under the visitor\'s message', () => receipt.allTextContents(), texts => texts.join() === 'Read');
    await screenshot(page, 'widget-read.png');

    await widget.getByLabel('Your message').pressSequentially('And');
    await eventually('the visitor\'s typing at the agent', () => events, seen => seen.some(([event, role]) => event === 'typing' && role === 'visitor'));

    await hub.invoke('SendMessage', env.tenantId, conversationId, { clientMessageId: 'agent-reply-1', text: 'Yes, it ships today.' });
    await showsExactly(widget, [[1, 'Is my order on its way?'], [2, 'Yes, it ships today.']], 'the visitor sees the reply');
    await eventually('the visitor\'s receipts at the agent', () => events.filter(([event]) => event === 'receipt'),
      receipts => ['delivered', 'read'].every(kind => receipts.some(([, role, k, up]) => role === 'visitor' && k === kind && up === 2)));

    await visitorSays(widget, 'Thanks!');
    const receipts = widget.locator('.receipt');
    await eventually('receipts after the visitor wrote again (unread)', () => receipts.count(), count => count === 0);
    await hub.invoke('MarkRead', env.tenantId, conversationId, 3);
    await widget.locator('.message.from-visitor[data-sequence="3"] .receipt', { hasText: 'Read' }).waitFor();
    if (await receipts.count() !== 1) throw new Error('"Read" shows under more than the visitor\'s newest message');
  } finally {
    await hub.stop();
  }
  assertNoFailures(visitor);
});
