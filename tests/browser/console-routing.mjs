// Claim and transfer: a waiting conversation is claimed by the agent, transferred to a second online agent, then
// snoozed, then resolved; each step is read back through the API. A refused status change shows the server's problem details.
import { assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { signInToConsole, staffApi } from './pages.mjs';

await scenario('console-routing', async ({ browser, env }) => {
  const waiting = process.env.ORBITALYNTRA_WAITING;
  const second = process.env.ORBITALYNTRA_SECOND_AGENT;
  const context = await newContext(browser);
  const page = await signInToConsole(context, env);
  const staff = await staffApi(env);
  const agentOf = async () => (await staff.json('GET', 'inbox')).assigned.find(a => a.conversationId === waiting)?.agentId ?? null;

  if (await agentOf() !== null) throw new Error('the conversation is not waiting');
  await page.getByRole('button', { name: `Claim conversation ${waiting.slice(-8)}` }).click();
  await eventually('claimed by the agent', agentOf, agentId => agentId === staff.agentId);
  await page.waitForSelector(`#conversation[data-loaded="${waiting}"]`);
  await page.locator(`#inbox button[data-conversation-id="${waiting}"]`, { hasText: '(yours)' }).waitFor();

  await page.getByLabel('Transfer to', { exact: true }).selectOption(second);
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await eventually('transferred to the second agent', agentOf, agentId => agentId === second);
  await page.locator(`#inbox button[data-conversation-id="${waiting}"]`, { hasText: '(with Bea Second)' }).waitFor();

  const status = page.getByLabel('Status', { exact: true });
  await status.selectOption('snoozed');
  await page.getByRole('button', { name: 'Set status' }).click();
  await page.locator('#tools-error', { hasText: 'The status change is not valid.' }).waitFor();
  const summary = () => staff.json('GET', `conversations/${waiting}`);
  if ((await summary()).status !== 'open') throw new Error('a refused change changed the status');

  const until = await page.evaluate(() => {
    const local = new Date(Date.now() + 2 * 86_400_000 - new Date().getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 16);
  });
  await page.getByLabel('Snooze until', { exact: true }).fill(until);
  await page.getByRole('button', { name: 'Set status' }).click();
  await eventually('snoozed', summary, shown => shown.status === 'snoozed' && shown.snoozedUntil !== null);
  await page.locator('#tools-result', { hasText: 'Snoozed until' }).waitFor();

  await status.selectOption('resolved');
  await page.getByRole('button', { name: 'Set status' }).click();
  await eventually('resolved', summary, shown => shown.status === 'resolved');
  await page.locator('#tools-result', { hasText: 'Status: resolved' }).waitFor();
  if (await page.locator('#tools-error').textContent() !== '') throw new Error('the old refusal is still shown');
  assertNoFailures(context);
});
