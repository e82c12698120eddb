// A material change of the tenant's privacy notice asks the visitor's consent again (issue 17, must show 3): a visitor
// accepts under version 1 and is not asked again on the next page; the administrator publishes a material version 2;
// on the next page the banner is back, says the notice changed and links to it, nothing is tracked until the visitor
// chooses again, and the consent is then recorded with version 2 (the export carries both versions).
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openWidget, staffApi } from './pages.mjs';

const isTracking = request => new URL(request.url()).pathname.endsWith('/visitors/me/page-views');

await scenario('widget-policy', async ({ browser, env, screenshot }) => {
  const admin = await staffApi(env);
  await admin.json('POST', 'privacy/notice/versions', {
    material: false,
    visitors: { fr: 'Nous mesurons les visites avec votre accord.', en: 'We measure visits with your consent.' },
  });

  const visitor = await newContext(browser);
  const tracked = [];
  visitor.on('request', request => isTracking(request) && tracked.push(request.url()));
  const { page, widget } = await openWidget(visitor, env, 'accept');
  assertEqual(await widget.evaluate(host => host.dataset.notice), 'tenant:1', 'the notice the consent was given under');
  const textNotice = await widget.locator('.privacy a.notice').getAttribute('href');
  assertEqual(new URL(textNotice).pathname + new URL(textNotice).search, `/privacy/?tenant=${env.tenantId}`, 'the link to a notice given as text');
  await eventually('page views after accepting', () => tracked.length, count => count === 1);

  await page.reload();
  await page.waitForSelector('#orbitalyntra-widget[data-consent="accepted"]', { state: 'attached' });
  assertEqual(await widget.getByRole('button', { name: 'Accept' }).count(), 0, 'banners on the next page under the same notice');
  await eventually('page views on the next page', () => tracked.length, count => count === 2);

  await admin.json('POST', 'privacy/notice/versions', { material: true, url: 'https://shop.example/privacy-v2' });
  await page.reload();
  await widget.getByText('Our privacy notice has changed').waitFor();
  assertEqual(await widget.evaluate(host => [host.dataset.consent, host.dataset.notice]), ['undecided', 'tenant:2'], 'consent and notice after the material change');
  assertEqual(await widget.locator('.consent a.notice').getAttribute('href'), 'https://shop.example/privacy-v2', 'the banner\'s link to the new notice');
  await screenshot(page, 'widget-policy-changed.png');
  assertEqual(tracked.length, 2, 'page views before choosing again');

  await widget.getByRole('button', { name: 'Accept' }).click();
  await page.waitForSelector('#orbitalyntra-widget[data-consent="accepted"]', { state: 'attached' });
  await eventually('page views after accepting again', () => tracked.length, count => count === 3);

  const { token } = await page.evaluate(key => JSON.parse(localStorage.getItem(key)), `orbitalyntra:${env.tenantId}`);
  const response = await fetch(new URL(`/api/tenants/${encodeURIComponent(env.tenantId)}/visitors/me/export`, env.url), { headers: { authorization: `Bearer ${token}` } });
  const exported = await response.json();
  assertEqual(exported.consents.map(c => [c.purpose, c.granted, c.notice]),
    [['analytics', true, { policy: 'tenant', version: 1 }], ['analytics', true, { policy: 'tenant', version: 2 }]], 'the consents in the export');
  assertEqual(exported.transparency.complaint.url, 'https://www.cnil.fr/fr/plaintes', 'the CNIL in the export');
  assertNoFailures(visitor);
});
