// With no agent online the widget offers a message form (name, e-mail, message): sending it records the contact and
// a conversation with the message, which the desk sees waiting, and asks for mail at that address (the xunit test checks
// its confirmation link arrived); once an agent is online, a reload shows the chat with that message.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { showsExactly, signIn } from './pages.mjs';

await scenario('widget-offline', async ({ browser, env, screenshot }) => {
  const visitor = await newContext(browser);
  const page = await visitor.newPage();
  await page.goto(new URL(`/demo/index.html?key=${encodeURIComponent(env.widgetKey)}`, env.url).href);
  const widget = page.locator('#orbitalyntra-widget');
  await widget.getByRole('button', { name: 'Reject' }).click();
  const form = widget.getByRole('form', { name: 'Leave a message' });
  await form.waitFor();
  assertEqual(await widget.getByRole('button', { name: 'Send', exact: true }).count(), 0, 'chat composers beside the form');

  const text = 'My parcel never came. Order 1234.';
  const address = process.env.ORBITALYNTRA_VISITOR_EMAIL;
  await form.getByLabel('Your name').fill('Ada Lovelace');
  await form.getByLabel('Your e-mail').fill(address);
  await form.getByLabel('Your message').fill(text);
  await form.getByRole('button', { name: 'Send message' }).click();
  await widget.getByText(`Thank you, Ada Lovelace. We got your message. Confirm your address with the link sent to ${address}, and our answer will reach you there.`).waitFor();
  await screenshot(page, 'widget-message-form.png');

  const { accessToken } = await signIn(env);
  const tenant = new URL(`/api/tenants/${encodeURIComponent(env.tenantId)}/`, env.url);
  const call = async (method, path, body) => {
    const response = await fetch(new URL(path, tenant), {
      method, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const inbox = await call('GET', 'inbox');
  assertEqual(inbox.waiting.length, 1, 'conversations waiting in the inbox');
  const [conversationId] = inbox.waiting;
  const { messages } = await call('GET', `conversations/${conversationId}/messages`);
  assertEqual(messages.map(m => [m.sequence, m.sender.role, m.text]), [[1, 'visitor', text]], 'the conversation\'s messages');
  const { visitorId } = await call('GET', `conversations/${conversationId}`);
  const subject = await call('GET', `subjects/${visitorId}`);
  assertEqual([subject.contact?.name, subject.contact?.email], ['Ada Lovelace', address], 'the visitor\'s recorded contact');

  await call('PUT', 'presence', { status: 'online', capacity: 5 });
  await page.reload();
  await page.waitForSelector('#orbitalyntra-widget[data-mode="chat"][data-state="connected"]', { state: 'attached' });
  assertEqual(await widget.getByRole('form', { name: 'Leave a message' }).count(), 0, 'message forms once an agent is online');
  await showsExactly(widget, [[1, text]], 'the chat after the reload');
  assertNoFailures(visitor);
});
