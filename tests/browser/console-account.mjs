// An account holder's own data in the console ("My account and data"): the organisation's last administrator, on a
// French browser, is refused the erasure of their account and told to close the organisation; an agent renames
// themself, asks for a new e-mail, follows the link MailDev received at the new address, downloads their data (the
// new address and name in it), sees their requests completed, then erases their account and can no longer sign in.
// ORBITALYNTRA_AGENT2_EMAIL is the agent's address, ORBITALYNTRA_NEW_EMAIL the one they move to, ORBITALYNTRA_MAIL_API MailDev.
import { readFile } from 'node:fs/promises';
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { signInToConsole } from './pages.mjs';

const mailApi = process.env.ORBITALYNTRA_MAIL_API;
const agentEmail = process.env.ORBITALYNTRA_AGENT2_EMAIL;
const newEmail = process.env.ORBITALYNTRA_NEW_EMAIL;
if (!mailApi || !agentEmail || !newEmail) throw new Error('the scenario needs its addresses: run it through its xunit test');

/** The first mail of `kind` MailDev received for `address`. */
const mailOf = (kind, address) => eventually(`a ${kind} mail to ${address}`, async () => {
  const received = await (await fetch(new URL('/api/email', mailApi))).json();
  return received.find(mail => mail.to.some(to => to.address === address) && mail.headers['x-orbitalyntra-notification'] === kind) ?? null;
}, found => found !== null, 30_000);

await scenario('console-account', async ({ browser, env, screenshot }) => {
  const french = await newContext(browser, { locale: 'fr-FR' });
  const desk = await signInToConsole(french, env);
  await desk.getByRole('button', { name: 'Mon compte et mes données' }).click();
  const mine = desk.locator('#my-account[data-loaded="true"]');
  await mine.waitFor();
  await mine.getByLabel('Je veux effacer mon compte').check();
  await mine.getByRole('button', { name: 'Effacer mon compte' }).click();
  await desk.locator('#my-erasure-error', { hasText: 'Non effacé : Last administrator.' }).waitFor();
  await desk.locator('#my-erasure-error', { hasText: 'Close the organisation instead' }).waitFor();

  const english = await newContext(browser, { locale: 'en-GB' });
  const agentDesk = await signInToConsole(english, { ...env, email: agentEmail });
  await agentDesk.getByRole('button', { name: 'My account and data' }).click();
  const panel = agentDesk.locator('#my-account[data-loaded="true"]');
  await panel.waitFor();
  assertEqual(await panel.getByLabel('Sign-in e-mail').inputValue(), agentEmail, 'the address shown before the change');
  await panel.getByLabel('Display name').fill('Zoé Agent');
  await panel.getByLabel('Sign-in e-mail').fill(newEmail);
  await panel.getByRole('button', { name: 'Save profile' }).click();
  await agentDesk.locator('#my-profile-result', { hasText: 'Profile saved.' }).waitFor();
  await agentDesk.locator('#my-pending-email', { hasText: `A confirmation link was sent to ${newEmail}` }).waitFor();
  await screenshot(agentDesk, 'console-account.png');

  const confirmation = await mailOf('AccountEmailConfirmation', newEmail);
  const mailed = new URL(/http\S+\/mail\/confirm\.html\?\S+/.exec(confirmation.text)[0]);
  const confirmPage = await english.newPage();
  await confirmPage.goto(new URL(mailed.pathname + mailed.search, env.url).href);
  await confirmPage.getByText('your account will sign in with it').waitFor();
  await confirmPage.getByRole('button', { name: 'Confirm my address' }).click();
  await confirmPage.getByText('Your new address is confirmed: sign in with it from now on.').waitFor();

  await agentDesk.getByRole('button', { name: 'My account and data' }).click();
  await agentDesk.getByRole('button', { name: 'My account and data' }).click();
  await panel.waitFor();
  assertEqual(await panel.getByLabel('Sign-in e-mail').inputValue(), newEmail, 'the address shown once confirmed');
  assertEqual(await agentDesk.locator('#my-pending-email').textContent(), '', 'the pending address once confirmed');

  const [download] = await Promise.all([agentDesk.waitForEvent('download'), panel.getByRole('button', { name: 'Download my data' }).click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assertEqual([exported.account[0].displayName, exported.account[0].email], ['Zoé Agent', newEmail], 'the account in the download');
  await agentDesk.locator('#my-requests li[data-kind="access"][data-status="completed"]').waitFor();
  await agentDesk.locator('#my-requests li[data-kind="rectification"][data-status="completed"]').waitFor();

  await panel.getByLabel('I want my account erased').check();
  await panel.getByRole('button', { name: 'Erase my account' }).click();
  await agentDesk.locator('#my-erasure-result', { hasText: 'Your erasure request is recorded.' }).waitFor();
  await agentDesk.getByRole('button', { name: 'Sign in' }).waitFor();
  const refused = await fetch(new URL(`/api/tenants/${encodeURIComponent(env.tenantId)}/sessions`, env.url),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: newEmail, password: env.password }) });
  assertEqual(refused.status, 401, 'signing in after the erasure');
  assertNoFailures(french, english);
  await french.close();
  await english.close();
});
