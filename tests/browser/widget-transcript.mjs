// "E-mail me this conversation" in the widget, in French: the visitor gives an address, which is sent a confirmation
// link; the link's page (in French) confirms it without signing in, and the transcript follows by itself; asked again,
// the widget says it is sent. The transcript's link back to the conversation, opened in another browser (another
// device), reopens the conversation in the widget as the same visitor. The scenario reads MailDev's API for the links;
// the xunit test checks the transcript that arrived.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openWidget, showsExactly, staffApi, visitorSays } from './pages.mjs';

const mailApi = process.env.ORBITALYNTRA_MAIL_API;
const address = process.env.ORBITALYNTRA_VISITOR_EMAIL;

/** The first link in `text` that `pattern` finds, on the web host under test (mail says where the silos were told it is). */
const linkIn = (text, pattern, env) => {
  const link = new URL(pattern.exec(text)[0]);
  return new URL(link.pathname + link.search + link.hash, env.url).href;
};

/** The first mail of `kind` MailDev received for the visitor's address (its decoded text and headers). */
function mailOf(kind) {
  return eventually(`a ${kind} mail to ${address}`, async () => {
    const received = await (await fetch(new URL('/api/email', mailApi))).json();
    return received.find(mail => mail.to.some(to => to.address === address) && mail.headers['x-orbitalyntra-notification'] === kind) ?? null;
  }, found => found !== null, 30_000);
}

await scenario('widget-transcript', async ({ browser, env, screenshot }) => {
  const visitor = await newContext(browser, { locale: 'fr-FR' });
  const { page, widget } = await openWidget(visitor, env);
  const question = 'Bonjour, ma facture est fausse.';
  const answer = 'Je la corrige tout de suite.';
  const conversationId = await visitorSays(widget, question);
  const staff = await staffApi(env);
  await staff.json('POST', `conversations/${conversationId}/notes`, { clientMessageId: 'note-1', text: 'Note privée : client fidèle' });
  await staff.json('POST', `conversations/${conversationId}/messages`, { clientMessageId: 'reply-1', text: answer });
  await showsExactly(widget, [[1, question], [3, answer]], 'the reply in the widget');

  const mail = widget.getByRole('region', { name: 'Par e-mail' });
  const request = mail.getByRole('button', { name: 'M’envoyer cette conversation par e-mail' });
  await request.click();
  await mail.getByLabel('Votre adresse e-mail').fill(address);
  await mail.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await mail.getByText(`Confirmez votre adresse avec le lien envoyé à ${address} : la conversation suivra.`).waitFor();
  await screenshot(page, 'widget-transcript.png');

  const confirmation = await mailOf('VisitorAddressConfirmation');
  const confirmPage = await visitor.newPage();
  await confirmPage.goto(linkIn(confirmation.text, /http\S+\/mail\/confirm\.html\?\S+/, env));
  await confirmPage.getByRole('heading', { name: 'Confirmez votre adresse' }).waitFor();
  await confirmPage.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await confirmPage.getByText('Votre adresse est confirmée. Vous pouvez fermer cette page.').waitFor();

  await request.click();
  await mail.getByText(`Conversation envoyée à ${address}.`).waitFor();

  const transcript = await mailOf('Transcript');
  const device = await newContext(browser, { locale: 'en-GB' });
  const elsewhere = await device.newPage();
  await elsewhere.goto(linkIn(transcript.text, /http\S+\/chat\/\?key=\S+/, env));
  await elsewhere.waitForSelector('#orbitalyntra-widget[data-state="connected"]', { state: 'attached' });
  await showsExactly(elsewhere.locator('#orbitalyntra-widget'), [[1, question], [3, answer]], 'the conversation reopened from the mail');
  assertEqual(new URL(elsewhere.url()).hash, '', 'the fragment left in the address bar');
  assertNoFailures(visitor, device);
});
