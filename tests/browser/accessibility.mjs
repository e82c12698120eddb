// Every visible control of the widget (consent banner and chat), the agent console, the admin pages and the operators'
// sign-in has an accessible name, and the Tab key reaches each of them.
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';
import { openAdmin, openWidget, signInToConsole } from './pages.mjs';

/** Lists the visible, enabled controls under `hostSelector`'s shadow root (or the document) and those without a name. */
function auditControls(hostSelector) {
  const root = hostSelector ? document.querySelector(hostSelector).shadowRoot : document;
  const visible = el => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return !el.disabled && el.type !== 'hidden' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
  };
  const controls = [...root.querySelectorAll('button, input, select, textarea, a[href]')].filter(visible);
  const byId = id => root.getElementById?.(id) ?? document.getElementById(id);
  const name = el => el.getAttribute('aria-label')?.trim()
    || (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map(id => byId(id)?.textContent.trim() ?? '').join(' ').trim()
    || [...(el.labels ?? [])].map(label => label.textContent.trim()).join(' ').trim()
    || (el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent.trim() : '')
    || el.getAttribute('title')?.trim();
  const describe = el => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.type ? `[${el.type}]` : ''} "${(name(el) ?? '').slice(0, 40)}"`;
  window.auditedControls = controls;
  return { all: controls.map(describe), unnamed: controls.filter(el => !name(el)).map(describe) };
}

/** Which audited control has the focus now (its index), inside the shadow root when there is one. */
function focusedControl(hostSelector) {
  const active = hostSelector ? document.querySelector(hostSelector).shadowRoot.activeElement : document.activeElement;
  return window.auditedControls.indexOf(active);
}

async function audit(page, where, hostSelector = null) {
  const { all, unnamed } = await page.evaluate(auditControls, hostSelector);
  if (all.length === 0) throw new Error(`${where}: no control found to audit`);
  assertEqual(unnamed, [], `${where}: controls without an accessible name`);

  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set();
  for (let press = 0; press < all.length * 2 + 10 && reached.size < all.length; press++) {
    await page.keyboard.press('Tab');
    const index = await page.evaluate(focusedControl, hostSelector);
    if (index >= 0) reached.add(index);
  }
  assertEqual(all.filter((_, i) => !reached.has(i)), [], `${where}: controls the Tab key never reached`);
}

await scenario('accessibility', async ({ browser, env }) => {
  const context = await newContext(browser);
  const { page: site, widget } = await openWidget(context, env, null);
  await widget.getByRole('button', { name: 'Reject' }).waitFor();
  await audit(site, 'the widget\'s consent banner', '#orbitalyntra-widget');
  await widget.getByRole('button', { name: 'Reject' }).click();
  await site.waitForSelector('#orbitalyntra-widget[data-state="connected"]', { state: 'attached' });
  await widget.getByLabel('Your message').waitFor();
  await widget.getByRole('button', { name: 'Reject' }).waitFor({ state: 'hidden' });
  await audit(site, 'the widget\'s chat', '#orbitalyntra-widget');

  const desk = await signInToConsole(context, env);
  await audit(desk, 'the agent console');

  const admin = await openAdmin(context, env);
  await admin.getByRole('heading', { name: 'Analytics' }).waitFor();
  await audit(admin, 'the admin pages');

  const operators = await context.newPage();
  await operators.goto(new URL('/operators/', env.url).href);
  await audit(operators, 'the operators\' sign-in');
  assertNoFailures(context);
});
