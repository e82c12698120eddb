// The widget on a tenant's own site, another origin than the web host: its one script tag is enough to chat.
import http from 'node:http';
import { assertNoFailures, newContext, scenario } from './harness.mjs';
import { visitorSays } from './pages.mjs';

await scenario('embedded', async ({ browser, env }) => {
  const widgetUrl = new URL('/widget/widget.js', env.url).href;
  const site = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><title>A tenant's own shop</title></head><body><h1>Shop</h1>
      <script type="module" src="${widgetUrl}" data-widget-key="${env.widgetKey}"></script></body></html>`);
  });
  await new Promise(resolve => site.listen(0, '127.0.0.1', resolve));
  try {
    // "localhost" rather than the host's 127.0.0.1, and another port: a different origin on both counts.
    const siteUrl = `http://localhost:${site.address().port}/`;
    if (new URL(siteUrl).origin === new URL(env.url).origin) throw new Error('the test site must be another origin');

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(siteUrl);
    const widget = page.locator('#orbitalyntra-widget');
    await widget.getByRole('button', { name: 'Reject' }).click();
    await page.waitForSelector('#orbitalyntra-widget[data-state="connected"]', { state: 'attached' });
    const said = `Hello from the tenant's own site ${Date.now()}`;
    await visitorSays(widget, said);
    await widget.locator('.message.from-visitor[data-sequence="1"] .text', { hasText: said }).waitFor();
    assertNoFailures(context);
  } finally {
    site.close();
  }
});
