// Rejecting analytics consent sends no tracking call, even after a reload; accepting sends exactly one page view.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openWidget, visitorSays } from './pages.mjs';

const isTracking = request => new URL(request.url()).pathname.endsWith('/visitors/me/page-views');

await scenario('consent', async ({ browser, env }) => {
  const rejecting = await newContext(browser);
  const tracked = [];
  rejecting.on('request', request => isTracking(request) && tracked.push(request.url()));
  const { page, widget } = await openWidget(rejecting, env, 'reject');
  await visitorSays(widget, 'I said no to tracking'); // a round trip through the API and the hub after the choice
  await page.reload();
  await page.waitForSelector('#orbitalyntra-widget[data-state="connected"]', { state: 'attached' });
  assertEqual(await widget.getByRole('button', { name: 'Reject' }).count(), 0, 'banners after a reload (the choice is kept)');
  assertEqual(await widget.getByRole('button', { name: 'Accept' }).count(), 0, 'accept buttons after a reload');
  assertEqual(tracked, [], 'tracking calls after rejecting');

  const accepting = await newContext(browser);
  const pageView = accepting.waitForEvent('response', response => isTracking(response.request()));
  await openWidget(accepting, env, 'accept');
  const answer = await pageView;
  assertEqual([answer.status(), (await answer.json()).recorded], [202, true], 'the page view after accepting (status, recorded)');
  assertNoFailures(rejecting, accepting);
});
