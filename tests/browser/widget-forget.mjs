// "Forget me" asks again inside the widget (no dialog), erases the visitor and forgets the token: the old token is
// refused (401: the erasure ended it), the widget says the data was erased, and a reload starts afresh.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openWidget, visitorSays } from './pages.mjs';

await scenario('widget-forget', async ({ browser, env, screenshot }) => {
  const visitor = await newContext(browser);
  const { page, widget } = await openWidget(visitor, env);
  await visitorSays(widget, 'Please forget me afterwards.');
  const storageKey = `orbitalyntra:${env.tenantId}`;
  const { token } = await page.evaluate(key => JSON.parse(localStorage.getItem(key)), storageKey);
  const exportUrl = new URL(`/api/tenants/${encodeURIComponent(env.tenantId)}/visitors/me/export`, env.url);
  const exportStatus = async () => (await fetch(exportUrl, { headers: { authorization: `Bearer ${token}` } })).status;
  assertEqual(await exportStatus(), 200, 'the export before forgetting');

  await widget.getByRole('button', { name: 'Forget me' }).click();
  await widget.getByRole('button', { name: 'Cancel' }).click();
  assertEqual(await widget.getByRole('button', { name: 'Yes, erase my data' }).isVisible(), false, 'the confirmation after Cancel');
  assertEqual(await exportStatus(), 200, 'the export after Cancel');

  await widget.getByRole('button', { name: 'Forget me' }).click();
  await widget.getByRole('button', { name: 'Yes, erase my data' }).click();
  await widget.getByText('Your data was erased').waitFor();
  await screenshot(page, 'widget-erased.png');
  assertEqual(await page.evaluate(key => localStorage.getItem(key), storageKey), null, 'what the site\'s storage keeps');
  assertEqual(await exportStatus(), 401, 'the export with the erased visitor\'s old token');

  await page.reload();
  await widget.getByRole('button', { name: 'Reject' }).waitFor(); // a new visitor: asked for consent again, no conversation
  assertEqual(await widget.evaluate(host => host.dataset.conversationId ?? null), null, 'the conversation after a reload');
  assertNoFailures(visitor);
});
