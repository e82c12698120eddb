// A message carrying markup and script shows as literal text on both sides: no element is made, no script runs.
import { assertEqual, assertNoFailures, scenario } from './harness.mjs';
import { showsExactly, startChat } from './pages.mjs';

const payload = '<script>alert(1)</script><img src=x onerror="alert(2)"><b>bold?</b>';

await scenario('injection', async ({ browser, env }) => {
  const { visitor, agent, widget, desk } = await startChat(browser, env, payload);

  for (const [side, transcript] of [['widget', widget], ['console', desk.locator('#transcript')]]) {
    await showsExactly(transcript, [[1, payload]], `the ${side} shows the payload as text`);
    assertEqual(await transcript.locator('.message img, .message script, .message b').count(), 0, `elements made from the text in the ${side}`);
  }
  assertNoFailures(visitor, agent);
});
