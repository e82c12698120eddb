// An agent who is not an administrator signs in to the administration pages: refused, with a message saying why.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin } from './pages.mjs';

await scenario('admin-refused', async ({ browser, env }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env, process.env.ORBITALYNTRA_PLAIN_AGENT_EMAIL, process.env.ORBITALYNTRA_PLAIN_AGENT_PASSWORD);
  await page.getByRole('alert').filter({ hasText: 'is an agent, not an administrator' }).waitFor();
  assertEqual(await page.locator('#sign-in-error').textContent(),
    `Alan Agent is an agent, not an administrator of ${env.tenantId}: these pages are for administrators only. `
    + 'Agents answer visitors in the agent console (/console/).', 'the refusal');
  assertEqual([await page.locator('#admin').isHidden(), await page.locator('#sign-in').isVisible()], [true, true],
    'the admin sections hidden and the sign-in form still shown');
  assertNoFailures(context);
});
