// The two pages the scenarios drive: the tenant's demo site with the visitor widget, and the agent console.
import signalR from '@microsoft/signalr';
import { eventually, newContext, stepTimeout } from './harness.mjs';

// The widget's host element has no box of its own (its panel is fixed-position in its shadow root).
const attached = { state: 'attached' };

/** The widget as a visitor sees it on the demo site; `consent` is 'accept', 'reject' or null to leave the banner. */
export async function openWidget(context, env, consent = 'reject') {
  const page = await context.newPage();
  await page.goto(new URL(`/demo/index.html?key=${encodeURIComponent(env.widgetKey)}`, env.url).href);
  const widget = page.locator('#orbitalyntra-widget');
  if (consent) {
    await widget.getByRole('button', { name: consent === 'accept' ? 'Accept' : 'Reject' }).click();
    await page.waitForSelector(`#orbitalyntra-widget[data-consent="${consent}ed"]`, attached);
  }
  await page.waitForSelector('#orbitalyntra-widget[data-state="connected"]', attached);
  return { page, widget };
}

export async function visitorSays(widget, text) {
  await widget.getByLabel('Your message').fill(text);
  await widget.getByLabel('Your message').press('Enter');
  await widget.locator('.message.from-visitor .text', { hasText: text }).first().waitFor();
  return widget.evaluate(host => host.dataset.conversationId);
}

/** The console, signed in as the tenant's administrator, with `conversationId` open once it is in the inbox. */
export async function openConsole(context, env, conversationId) {
  const page = await signInToConsole(context, env);
  await openConversation(page, conversationId);
  return page;
}

/** The console, signed in as the tenant's administrator and connected. */
export async function signInToConsole(context, env) {
  const page = await context.newPage();
  await page.goto(new URL(`/console/?tenant=${encodeURIComponent(env.tenantId)}`, env.url).href);
  await page.getByLabel('E-mail').fill(env.email);
  await page.getByLabel('Password').fill(env.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('body[data-state="connected"]');
  return page;
}

/** Opens `conversationId` in the console once it is in the inbox, and waits until its history, status and visitor show. */
export async function openConversation(page, conversationId) {
  await page.locator(`#inbox button[data-conversation-id="${conversationId}"]`).click();
  await page.waitForSelector(`#conversation[data-loaded="${conversationId}"]`);
}

export async function agentSays(page, text) {
  await page.getByLabel('Reply').fill(text);
  await page.getByLabel('Reply').press('Enter');
  await page.locator('#transcript .message.from-agent .text', { hasText: text }).first().waitFor();
}

/** The transcript's rendered messages, in page order: [sequence, text]. */
export function transcript(scope, selector = '.message') {
  return scope.locator(selector).evaluateAll(items => items.map(item =>
    [Number(item.dataset.sequence), item.querySelector('.text').textContent]));
}

/** Waits until the transcript shows exactly `expected` ([sequence, text] pairs, in order). */
export function showsExactly(scope, expected, what) {
  return eventually(what, () => transcript(scope), shown => JSON.stringify(shown) === JSON.stringify(expected), stepTimeout);
}

/** A visitor (on the demo site) who writes `firstMessage`, and the agent (in the console) with that conversation open, in two contexts. */
export async function startChat(browser, env, firstMessage) {
  const visitor = await newContext(browser);
  const agent = await newContext(browser);
  const { page: site, widget } = await openWidget(visitor, env);
  const conversationId = await visitorSays(widget, firstMessage);
  const desk = await openConsole(agent, env, conversationId);
  return { visitor, agent, site, widget, desk };
}

/** The administration pages after signing in with `email` and `password` (the tenant's administrator by default). */
export async function openAdmin(context, env, email = env.email, password = env.password) {
  const page = await context.newPage();
  await page.goto(new URL(`/admin/?tenant=${encodeURIComponent(env.tenantId)}`, env.url).href);
  await signInToAdmin(page, email, password);
  return page;
}

export async function signInToAdmin(page, email, password) {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs the tenant's administrator in over REST: the session (`accessToken`, `agent`). */
export async function signIn(env) {
  const response = await fetch(new URL(`/api/tenants/${encodeURIComponent(env.tenantId)}/sessions`, env.url),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: env.email, password: env.password }) });
  if (!response.ok) throw new Error(`signing in the agent failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * The agent on the chat hub from Node (the @microsoft/signalr client), joined to `conversationId`: `hub` to invoke,
 * and `events`, every `typing` and `receipt` it received as [event, sender role, …arguments].
 */
export async function agentOnHub(env, conversationId) {
  const { accessToken } = await signIn(env);
  const hub = new signalR.HubConnectionBuilder()
    .withUrl(new URL('/hubs/chat', env.url).href, { accessTokenFactory: () => accessToken })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  const events = [];
  hub.on('typing', (_, sender) => events.push(['typing', sender.role]));
  hub.on('receipt', (_, reader, kind, upToSequence) => events.push(['receipt', reader.role, kind, upToSequence]));
  await hub.start();
  await hub.invoke('JoinConversation', env.tenantId, conversationId, 0);
  return { hub, events };
}

/** The tenant's administrator through REST (its own session): `json(method, path, body)` answers the parsed body. */
export async function staffApi(env) {
  const call = async (method, path, body, token) => {
    const response = await fetch(new URL(path, env.url), {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  const tenantPath = `/api/tenants/${encodeURIComponent(env.tenantId)}`;
  const session = await call('POST', `${tenantPath}/sessions`, { email: env.email, password: env.password });
  return {
    agentId: session.agent.agentId,
    tenantPath,
    json: (method, path, body) => call(method, path.startsWith('/') ? path : `${tenantPath}/${path}`, body, session.accessToken),
  };
}
