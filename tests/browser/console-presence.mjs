// Presence: the console sends its heartbeat at once and on every change; Away and Online show in the inbox endpoint,
// and the console shows the agent's load and capacity from the answer.
import { assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { signInToConsole, staffApi } from './pages.mjs';

await scenario('console-presence', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await signInToConsole(context, env);
  const staff = await staffApi(env);
  const mine = async () => (await staff.json('GET', 'inbox')).agents.find(entry => entry.agentId === staff.agentId) ?? null;
  const presence = page.getByLabel('Presence', { exact: true });

  await eventually('online on opening', mine, entry => entry?.status === 'online' && entry.available);
  await page.locator('#presence-load', { hasText: 'Load 0 of 5' }).waitFor();

  await presence.selectOption('away');
  await eventually('away in the inbox', mine, entry => entry?.status === 'away' && !entry.available);
  await page.waitForSelector('body[data-presence="away"]');

  await page.getByLabel('Capacity', { exact: true }).fill('3');
  await presence.focus();
  await page.keyboard.press('ArrowUp'); // keyboard: from Away back to Online
  await eventually('online again, capacity 3', mine, entry => entry?.status === 'online' && entry.capacity === 3 && entry.available);
  await page.locator('#presence-load', { hasText: 'Load 0 of 3' }).waitFor();
  assertNoFailures(context);
});
