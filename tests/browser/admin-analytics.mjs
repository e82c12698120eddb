// An administrator opens the analytics section: the chart and the figures show the page views and the conversation the
// test made through the API before, per day, with the top pages; the 30-day period draws thirty days.
import { assertEqual, assertNoFailures, eventually, newContext, scenario } from './harness.mjs';
import { openAdmin } from './pages.mjs';

const expected = {
  pageViews: Number(process.env.ORBITALYNTRA_EXPECT_PAGE_VIEWS),
  uniqueVisitors: Number(process.env.ORBITALYNTRA_EXPECT_VISITORS),
  conversationsStarted: Number(process.env.ORBITALYNTRA_EXPECT_CONVERSATIONS),
};

/** The chart's bars summed by series, and the number of days drawn. */
const bars = page => page.locator('#analytics .bar-chart rect[data-day]').evaluateAll(rects => {
  const sums = {}, days = new Set();
  for (const rect of rects) {
    sums[rect.dataset.series] = (sums[rect.dataset.series] ?? 0) + Number(rect.dataset.value);
    days.add(rect.dataset.day);
  }
  return { ...sums, days: days.size };
});

const rows = (page, table) => page.locator(`#${table} tbody tr`).evaluateAll(trs =>
  trs.map(tr => [...tr.cells].map(cell => cell.textContent)));

await scenario('admin-analytics', async ({ browser, env, screenshot }) => {
  const context = await newContext(browser);
  const page = await openAdmin(context, env);
  await page.locator('#admin').waitFor();

  // Analytics are flushed every second in the tests: refresh until the counts are in.
  await eventually('the chart of the last 7 days', async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForSelector('#analytics-range:not(:empty)');
    return bars(page);
  }, shown => shown.pageViews === expected.pageViews && shown.conversationsStarted === expected.conversationsStarted);
  assertEqual(await bars(page), { ...expected, days: 7 }, 'the bars of the last 7 days (sums by series)');
  assertEqual(await rows(page, 'top-pages'), [['/pricing', '2'], ['/', '1']], 'the top pages');
  assertEqual((await rows(page, 'top-transitions')).sort(), [['/', '/pricing', '1'], ['/pricing', '/pricing', '1']], 'the top transitions');
  assertEqual(await page.getByRole('img', { name: 'Page views and unique visitors per day' }).count(), 1, 'the traffic chart');
  const figures = await page.locator('#analytics-totals dd').allTextContents();
  assertEqual(figures.slice(0, 3), [String(expected.pageViews), String(expected.uniqueVisitors), String(expected.conversationsStarted)],
    'page views, visitor-days and conversations in the figures');
  if (figures[3] === 'no data') throw new Error(`the first-response median says "no data" although an agent answered: ${figures}`);

  await page.getByLabel('Period').selectOption('30');
  await eventually('the 30-day chart', () => bars(page), shown => shown.days === 30);
  assertEqual((await bars(page)).pageViews, expected.pageViews, 'page views over 30 days');

  await page.getByLabel('Period').selectOption('7');
  await eventually('the 7-day chart again', () => bars(page), shown => shown.days === 7);
  await screenshot(page, 'admin-analytics.png');
  assertNoFailures(context);
});
