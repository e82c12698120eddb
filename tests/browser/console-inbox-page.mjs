// The inbox after a flood: the console shows the first page of waiting conversations (oldest first) and how many more
// wait, kept right by the hub's deltas while more come in and while one is claimed (the next one enters the page).
// Each step is compared with the inbox endpoint.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { signInToConsole, staffApi } from './pages.mjs';

const pageSize = 100;

await scenario('console-inbox-page', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await signInToConsole(context, env);
  const staff = await staffApi(env);
  const shown = () => page.locator('#inbox button.claim').evaluateAll(buttons => buttons.map(button => button.dataset.claim));
  const more = async () => (await page.locator('#inbox .more-waiting').textContent({ timeout: 1000 }).catch(() => null)) ?? '';
  const matchesEndpoint = async what => {
    // The endpoint answers a page too (limit 100 unless asked): one of 500 holds all of this flood.
    const [, , waiting] = await eventually(what, async () => [await shown(), await more(), (await staff.json('GET', 'inbox?limit=500')).waiting],
      ([ids, text, waiting]) => JSON.stringify(ids) === JSON.stringify(waiting.slice(0, pageSize))
        && text === `${waiting.length - pageSize} more waiting`);
    return waiting;
  };

  const before = await matchesEndpoint('the first page and the count after the flood');

  // More come in while the console watches: beyond the page, only the count moves.
  const visitorToken = await fetch(new URL('/api/widget/visitor-tokens', env.url), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ widgetKey: env.widgetKey }),
  });
  const { accessToken } = await visitorToken.json();
  for (let i = 0; i < 3; i++) {
    const response = await fetch(new URL(`${staff.tenantPath}/conversations`, env.url),
      { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    if (!response.ok) throw new Error(`a visitor's conversation: ${response.status}`);
  }
  const during = await matchesEndpoint('the count after three more');
  assertEqual(during.length, before.length + 3, 'conversations waiting');

  // A claimed one leaves the page and the oldest beyond it enters.
  const claimed = during[0];
  await page.getByRole('button', { name: `Claim conversation ${claimed.slice(-8)}` }).click();
  await page.locator(`#inbox button[data-conversation-id="${claimed}"]`, { hasText: '(yours)' }).waitFor();
  const after = await matchesEndpoint('the page after a claim');
  assertEqual(after[pageSize - 1], during[pageSize], 'the conversation that entered the page');
  assertNoFailures(context);
});
