// Two-step sign-in in the pages (docs/decisions/0053). The organisation requires it of administrators: the
// administrator, on an English browser, is shown a key to set up in the sign-in form and signs in with its first code;
// their account panel says it is required. An agent, on a French browser, sets up an authenticator in "Mon compte et
// mes données", signs out, and signs in again with the code the form asks for in French. Codes are computed here by
// RFC 6238 with node:crypto, apart from the server's library. ORBITALYNTRA_AGENT2_EMAIL is the agent's address.
import { createHmac } from 'node:crypto';
import { assertEqual, assertNoFailures, newContext, scenario } from './harness.mjs';

const agentEmail = process.env.ORBITALYNTRA_AGENT2_EMAIL;
if (!agentEmail) throw new Error('the scenario needs the agent\'s address: run it through its xunit test');

/** RFC 4648 Base32 to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of text.replace(/=+$/, '')) bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g).map(byte => parseInt(byte, 2)));
}

/** The TOTP code (SHA-1, 6 digits, 30 s) of `secret` `stepsAhead` time steps from now. */
function totp(secret, stepsAhead = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + stepsAhead));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function signInPage(context, env, email) {
  const page = await context.newPage();
  await page.goto(new URL(`/console/?tenant=${encodeURIComponent(env.tenantId)}`, env.url).href);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(env.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

await scenario('console-second-factor', async ({ browser, env, screenshot }) => {
  const english = await newContext(browser, { locale: 'en-GB' });
  const adminDesk = await signInPage(english, env, env.email);
  await adminDesk.locator('#sign-in-second-factor-hint', { hasText: 'Your organisation requires two-step sign-in of administrators' }).waitFor();
  const key = await adminDesk.locator('#sign-in-secret').textContent();
  assertEqual((await adminDesk.locator('#sign-in-otpauth').getAttribute('href')).startsWith('otpauth://totp/'), true, 'the link for authenticator apps');
  await screenshot(adminDesk, 'sign-in-second-factor-setup.png');
  await adminDesk.getByLabel('Authenticator app code').fill(totp(key));
  await adminDesk.getByRole('button', { name: 'Sign in' }).click();
  await adminDesk.waitForSelector('body[data-state="connected"]');
  await adminDesk.getByRole('button', { name: 'My account and data' }).click();
  await adminDesk.locator('#my-account[data-loaded="true"]').waitFor();
  await adminDesk.locator('#my-second-factor-state', { hasText: 'Your organisation requires it of administrators.' }).waitFor();
  assertEqual(await adminDesk.getByRole('button', { name: 'Turn off' }).count(), 0, 'a way to turn off what is required');

  const french = await newContext(browser, { locale: 'fr-FR' });
  const agentDesk = await signInPage(french, env, agentEmail);
  await agentDesk.waitForSelector('body[data-state="connected"]');
  await agentDesk.getByRole('button', { name: 'Mon compte et mes données' }).click();
  const panel = agentDesk.locator('#my-account[data-loaded="true"]');
  await panel.waitFor();
  await panel.locator('#my-second-factor-state', { hasText: 'Désactivée' }).waitFor();
  await panel.getByRole('button', { name: 'Configurer une application d’authentification' }).click();
  const agentKey = await panel.locator('#my-second-factor-key').textContent();
  await panel.getByLabel('Code à 6 chiffres').fill('000000' === totp(agentKey) ? '111111' : '000000');
  await panel.getByRole('button', { name: 'Activer' }).click();
  await panel.locator('#my-second-factor-error', { hasText: 'Refusé' }).waitFor();
  await panel.getByLabel('Code à 6 chiffres').fill(totp(agentKey));
  await panel.getByRole('button', { name: 'Activer' }).click();
  await panel.locator('#my-second-factor-result', { hasText: 'La connexion en deux étapes est activée.' }).waitFor();
  await panel.locator('#my-second-factor-state', { hasText: 'Activée depuis le' }).waitFor();
  await screenshot(agentDesk, 'console-second-factor.png');

  const again = await signInPage(french, env, agentEmail);
  await again.locator('#sign-in-second-factor-hint', { hasText: 'saisissez le code à 6 chiffres' }).waitFor();
  await again.getByLabel('Code de l’application d’authentification').fill(totp(agentKey, 1));
  await again.getByRole('button', { name: 'Sign in' }).click();
  await again.waitForSelector('body[data-state="connected"]');
  assertNoFailures(english, french);
  await english.close();
  await french.close();
});
