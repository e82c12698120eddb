// "Download my data" downloads the visitor's export: JSON that holds what the visitor wrote.
import { readFile } from 'node:fs/promises';
import { assertNoFailures, newContext, scenario } from './harness.mjs';
import { openWidget, visitorSays } from './pages.mjs';

await scenario('export', async ({ browser, env }) => {
  const visitor = await newContext(browser);
  const { page, widget } = await openWidget(visitor, env);
  const said = `Please keep this: ${Date.now()}`;
  await visitorSays(widget, said);

  const download = page.waitForEvent('download');
  await widget.getByRole('button', { name: 'Download my data' }).click();
  const file = await download;
  if (!file.suggestedFilename().endsWith('.json')) throw new Error(`downloaded ${file.suggestedFilename()}, not a .json file`);
  const exported = JSON.parse(await readFile(await file.path(), 'utf8'));
  if (!JSON.stringify(exported).includes(said)) throw new Error(`the export does not hold the visitor's message: ${JSON.stringify(exported).slice(0, 500)}`);
  assertNoFailures(visitor);
});
