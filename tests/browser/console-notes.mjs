// A private note shows in the console marked as a note and never reaches the visitor; a canned answer typed as
// /shortcut goes into the reply box and, sent, arrives at the visitor; one chosen from the picker is inserted too.
import { assertEqual, assertNoFailures, eventually, scenario } from './harness.mjs';
import { showsExactly, startChat } from './pages.mjs';

await scenario('console-notes', async ({ browser, env }) => {
  const { visitor, agent, widget, desk } = await startChat(browser, env, 'Hi, my order is late');
  await showsExactly(desk.locator('#transcript'), [[1, 'Hi, my order is late']], 'the agent sees the visitor');

  await desk.getByLabel('Private note', { exact: false }).fill('VIP customer: offer express shipping');
  await desk.getByRole('button', { name: 'Add note' }).click();
  const note = desk.locator('#transcript .message.note', { hasText: 'VIP customer' });
  await note.waitFor().catch(async failure => {
    throw new Error(`${failure.message}\nnote error: ${await desk.locator('#note-error').textContent()}; transcript: ${await desk.locator('#transcript').textContent()}`);
  });
  assertEqual(await note.locator('.sender').textContent(), 'Private note · You', 'the note is marked as a note');

  const reply = desk.getByLabel('Reply', { exact: true });
  await reply.fill('/sorry');
  await reply.press('Enter');
  assertEqual(await reply.inputValue(), 'Sorry for the wait! Let me check that for you.', 'the typed shortcut expanded');
  await reply.press('Enter');
  await eventually('the reply box emptied once sent', () => reply.inputValue(), value => value === '');
  await showsExactly(widget, [[1, 'Hi, my order is late'], [3, 'Sorry for the wait! Let me check that for you.']],
    'the visitor gets the canned answer and never the note');
  await showsExactly(desk.locator('#transcript'), [[1, 'Hi, my order is late'], [2, 'VIP customer: offer express shipping'],
    [3, 'Sorry for the wait! Let me check that for you.']], 'the agent sees the note in its place');

  await desk.getByLabel('Canned answer', { exact: true }).selectOption('bye');
  assertEqual(await reply.inputValue(), 'Thanks for chatting with us!', 'the picked answer inserted');
  assertEqual(await desk.evaluate(() => document.activeElement.id), 'reply-text', 'focus back in the reply box');
  await reply.press('Enter');
  await showsExactly(widget, [[1, 'Hi, my order is late'], [3, 'Sorry for the wait! Let me check that for you.'],
    [4, 'Thanks for chatting with us!']], 'the visitor gets the picked answer, still no note');
  if ((await widget.textContent()).includes('VIP')) throw new Error('the widget shows the note');
  assertNoFailures(visitor, agent);
});
