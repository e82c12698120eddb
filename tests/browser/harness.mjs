// Runs one browser scenario against the web host the xunit test started: Debian's Chromium driven by playwright-core.
// The test passes ORBITALYNTRA_URL, ORBITALYNTRA_TENANT, ORBITALYNTRA_WIDGET_KEY, ORBITALYNTRA_AGENT_EMAIL,
// ORBITALYNTRA_AGENT_PASSWORD, ORBITALYNTRA_OPERATOR_NAME and ORBITALYNTRA_OPERATOR_PASSWORD. Exit code 0 means the
// scenario held; anything else is written to stderr.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'artifacts', 'screenshots');

/** How long one step may wait (Playwright's auto-waiting and the polls below), and the whole scenario. */
export const stepTimeout = 15_000;
const scenarioTimeout = 90_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this scenario through its xunit test (tests/Orbitalyntra.Tests/Browser)`);
  return value;
}

/** Runs `body({ browser, env, screenshot })` in a fresh headless Chromium, within the scenario deadline. */
export async function scenario(name, body) {
  const deadline = setTimeout(() => {
    console.error(`${name}: did not finish within ${scenarioTimeout / 1000} s`);
    process.exit(2);
  }, scenarioTimeout);
  let browser;
  try {
    const env = {
      url: required('ORBITALYNTRA_URL'),
      tenantId: required('ORBITALYNTRA_TENANT'),
      widgetKey: required('ORBITALYNTRA_WIDGET_KEY'),
      email: required('ORBITALYNTRA_AGENT_EMAIL'),
      password: required('ORBITALYNTRA_AGENT_PASSWORD'),
      operatorName: required('ORBITALYNTRA_OPERATOR_NAME'),
      operatorPassword: required('ORBITALYNTRA_OPERATOR_PASSWORD'),
    };
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    await mkdir(screenshots, { recursive: true });
    const screenshot = (page, file) => page.screenshot({ path: path.join(screenshots, file) });
    await body({ browser, env, screenshot });
    console.log(`${name}: passed`);
  } catch (error) {
    console.error(`${name}: ${error.stack ?? error}`);
    process.exitCode = 1;
  } finally {
    await browser?.close();
    clearTimeout(deadline);
  }
}

/** Polls `read()` until `holds(value)`, or fails saying what was expected and what was last seen. */
export async function eventually(what, read, holds, timeout = stepTimeout) {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeout / 1000} s`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

export function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/**
 * A new browser context whose pages fail the scenario on any page error or dialog (an alert would mean injected script
 * ran); `options` adds Playwright's context options (a `locale`, say).
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, ...options });
  context.setDefaultTimeout(stepTimeout);
  const failures = [];
  context.on('page', page => {
    page.on('pageerror', error => failures.push(`page error: ${error.message}`));
    page.on('dialog', dialog => {
      failures.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
      dialog.dismiss();
    });
  });
  context.failures = failures;
  return context;
}

export function assertNoFailures(...contexts) {
  const failures = contexts.flatMap(context => context.failures);
  if (failures.length) throw new Error(failures.join('\n'));
}
