// History paging: a conversation of 120 messages opens on its newest 50; "Load older messages" pages back until the
// first, and the transcript shows every sequence exactly once, in order.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openConsole, showsExactly } from './pages.mjs';

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => [from + i, `Message ${from + i}`]);

await scenario('console-history', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openConsole(context, env, process.env.ORBITALYNTRA_CONVERSATION);
  const transcript = page.locator('#transcript');
  const older = page.getByRole('button', { name: 'Load older messages' });

  await showsExactly(transcript, range(71, 120), 'the newest page');
  await older.click();
  await showsExactly(transcript, range(21, 120), 'after one page back');
  await older.focus();
  await page.keyboard.press('Enter');
  await showsExactly(transcript, range(1, 120), 'after the second page back');
  assertEqual(await older.isHidden(), true, 'the button once the first message shows');
  assertNoFailures(context);
});
