// A visitor sends a small text file from the widget: it shows in the transcript as a link that downloads the same
// content; a file of a refused type and one above 10 MiB are refused with the server's own explanation.
import { readFile } from 'node:fs/promises';
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openWidget, showsExactly } from './pages.mjs';

await scenario('widget-files', async ({ browser, env, screenshot }) => {
  const visitor = await newContext(browser);
  const { page, widget } = await openWidget(visitor, env);
  const input = widget.getByLabel('Send a file');
  const content = 'Order 1234: two blue mugs.\n';

  await input.setInputFiles({ name: 'order notes.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  await showsExactly(widget, [[1, 'order notes.txt']], 'the transcript after sending the file');
  const link = widget.getByRole('link', { name: 'order notes.txt' });
  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  assertEqual(file.suggestedFilename(), 'order notes.txt', 'the downloaded file\'s name');
  assertEqual(await readFile(await file.path(), 'utf8'), content, 'the downloaded content');

  const error = widget.getByRole('alert');
  await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ not really a program') });
  await eventually('the refusal of an executable', () => error.textContent(),
    text => text.includes("Files of type 'application/x-msdownload' are not accepted"));
  await screenshot(page, 'widget-file-refused.png');

  await input.setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
  await eventually('the refusal of a file above 10 MiB', () => error.textContent(), text => text.includes('413: A file may be at most 10 MiB.'));
  await showsExactly(widget, [[1, 'order notes.txt']], 'the transcript after the refusals');
  assertNoFailures(visitor);
});
