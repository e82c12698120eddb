// "Talk to a person" after the FAQ assistant's suggestions. With nobody online (the agent went away after the widget
// opened), the conversation leaves the console's inbox while it is with the assistant and comes back waiting once the
// visitor, in French, presses "Parler à une personne"; the widget then offers the message form, whose message joins that
// same conversation. Outside the tenant's business hours, with an agent online, the hand-off offers the form too, saying
// the team is closed. The admin pages' effectiveness section then counts both hand-offs and both articles as unhelpful.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openAdmin, openConversation, openWidget, signInToConsole, staffApi, visitorSays } from './pages.mjs';

const frenchTitle = process.env.ORBITALYNTRA_FRENCH_TITLE;
const englishTitle = process.env.ORBITALYNTRA_ENGLISH_TITLE;
const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

await scenario('widget-assistant-handoff', async ({ browser, env }) => {
  const staff = await staffApi(env);
  const agent = await newContext(browser);
  const desk = await signInToConsole(agent, env);
  const inInbox = conversationId => desk.locator(`#inbox button[data-conversation-id="${conversationId}"]`).count();
  const presence = desk.getByLabel('Presence', { exact: true });
  const available = async () => (await staff.json('GET', 'inbox')).agents.some(entry => entry.available);

  // Nobody online: the widget opened while the agent was online, then the agent went away.
  const french = await newContext(browser, { locale: 'fr-FR' });
  const { page: site, widget } = await openWidget(french, env);
  await presence.selectOption('away');
  await eventually('nobody available', available, some => !some);

  const question = 'Quels sont les délais de livraison ?';
  const conversationId = await visitorSays(widget, question);
  const assistant = widget.locator('.message.from-assistant');
  await assistant.locator('.suggestions a', { hasText: frenchTitle }).waitFor();
  assertEqual(await assistant.locator('.assistant').getAttribute('lang'), 'fr', 'the assistant\'s language in a French browser');
  await widget.getByRole('button', { name: 'Cela a répondu à ma question' }).waitFor();
  await eventually('the conversation out of the inbox while with the assistant', () => inInbox(conversationId), count => count === 0);

  await widget.getByRole('button', { name: 'Parler à une personne' }).click();
  await eventually('the conversation back in the inbox', () => inInbox(conversationId), count => count === 1);
  assertEqual((await staff.json('GET', 'inbox')).waiting, [conversationId], 'the conversations waiting for an agent');
  const form = widget.getByRole('form', { name: 'Laisser un message' });
  await form.getByText('Personne n’est disponible pour le moment.', { exact: false }).waitFor();
  assertEqual(await widget.evaluate(host => host.dataset.mode), 'message-form', 'the widget\'s mode after the hand-off');

  const message = 'Ma commande 1234 n’est toujours pas arrivée.';
  await form.getByLabel('Votre nom').fill('Ada Lovelace');
  await form.getByLabel('Votre e-mail').fill('ada@example.test');
  await form.getByLabel('Votre message').fill(message);
  await form.getByRole('button', { name: 'Envoyer le message' }).click();
  await widget.getByText('Merci, Ada Lovelace.', { exact: false }).waitFor();
  const { messages } = await staff.json('GET', `conversations/${conversationId}/messages`);
  assertEqual(messages.map(m => [m.sequence, m.sender.role, m.sender.role === 'assistant' ? m.suggestions.map(s => s.title) : m.text]),
    [[1, 'visitor', question], [2, 'assistant', [frenchTitle]], [3, 'visitor', message]], 'the handed-off conversation, the form\'s message included');
  assertEqual((await staff.json('GET', 'inbox')).waiting, [conversationId], 'the conversations waiting after the form (no second one)');
  await openConversation(desk, conversationId);
  await desk.locator('#transcript .message.from-assistant .text', { hasText: frenchTitle }).waitFor();
  await desk.locator('#transcript .message.from-visitor .text', { hasText: message }).waitFor();

  // Outside business hours: open only on a day three days away, with the agent online again.
  const settings = await staff.json('GET', 'settings');
  const openDay = days[(new Date().getUTCDay() + 3) % 7];
  await staff.json('PUT', 'settings', { ...settings, timeZone: 'UTC', businessHours: [{ day: openDay, opens: '09:00', closes: '17:00' }] });
  await presence.selectOption('online');
  await eventually('an agent available', available, some => some);

  const english = await newContext(browser, { locale: 'en-GB' });
  const { widget: closed } = await openWidget(english, env);
  await visitorSays(closed, 'How do I get my refund?');
  await closed.locator('.message.from-assistant .suggestions a', { hasText: englishTitle }).waitFor();
  await closed.getByRole('button', { name: 'Talk to a person' }).click();
  const closedForm = closed.getByRole('form', { name: 'Leave a message' });
  await closedForm.getByText('We are closed now.', { exact: false }).waitFor();
  assertEqual(await closed.getByRole('button', { name: 'Send', exact: true }).count(), 0, 'the chat\'s composer beside the form');

  // The administrator's effectiveness section counts both hand-offs and lists both articles as voted unhelpful.
  const admin = await openAdmin(agent, env);
  const stats = admin.locator('#faq-stats');
  await stats.getByRole('heading', { name: 'FAQ assistant: effectiveness' }).waitFor();
  assertEqual(await stats.locator('dt[data-figure="statsHandedOff"] + dd').textContent(), '2', 'the conversations handed off');
  const unhelpful = stats.getByRole('table', { name: 'Articles voted unhelpful' });
  for (const title of [frenchTitle, englishTitle]) await unhelpful.getByRole('cell', { name: title, exact: true }).waitFor();
  assertNoFailures(agent, french, english);
});
