// An administrator erases a visitor whose widget is open: the widget's token is refused from then on. At its next
// connection the widget forgets the token and the erased conversation and stops reconnecting ("This chat has ended");
// when the visitor writes again it gets a new token (a new, unrelated visitor) and a new conversation.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openWidget, staffApi, visitorSays } from './pages.mjs';

const subjectOf = token => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

await scenario('widget-ended', async ({ browser, env }) => {
  const visitor = await newContext(browser);
  const { page, widget } = await openWidget(visitor, env);
  const first = await visitorSays(widget, 'Hello before the erasure.');
  const storageKey = `orbitalyntra:${env.tenantId}`;
  const stored = () => page.evaluate(key => JSON.parse(localStorage.getItem(key) ?? '{}'), storageKey);
  const { token } = await stored();

  const staff = await staffApi(env);
  await staff.json('POST', `subjects/${encodeURIComponent(subjectOf(token))}/erasure`);
  const negotiations = [];
  page.on('request', request => { if (request.url().includes('/hubs/chat/negotiate')) negotiations.push(request.url()); });

  // The network drops and comes back: the widget reconnects once, is refused, and stops.
  await visitor.setOffline(true);
  await page.waitForSelector('#orbitalyntra-widget[data-state="offline"]', { state: 'attached' });
  await visitor.setOffline(false);
  await page.waitForSelector('#orbitalyntra-widget[data-state="ended"]', { state: 'attached' });
  await widget.getByText('This chat has ended. Write a message to start a new one.').waitFor();
  const saved = await stored();
  assertEqual([saved.token ?? null, saved.conversationId ?? null], [null, null], 'the token and conversation kept after the refusal');
  assertEqual(await widget.locator('.message').count(), 0, 'the erased conversation\'s messages still shown');
  const refusedAttempts = negotiations.length;
  // Nothing to poll for: absence of retries shows only over time (the widget retried after 1, 2, 4 s before).
  await page.waitForTimeout(4000);
  assertEqual(negotiations.length, refusedAttempts, 'connection attempts after the refusal');

  const second = await visitorSays(widget, 'Hello again.');
  await page.waitForSelector('#orbitalyntra-widget[data-state="connected"]', { state: 'attached' });
  const renewed = await stored();
  if (!renewed.token || subjectOf(renewed.token) === subjectOf(token)) throw new Error('the widget did not get a new, unrelated visitor token');
  if (second === first) throw new Error('the new message went to the erased conversation');
  await eventually('the new conversation in the inbox', () => staff.json('GET', 'inbox'),
    inbox => [...inbox.waiting, ...inbox.assigned.map(a => a.conversationId)].includes(second));
  assertNoFailures(visitor);
});
