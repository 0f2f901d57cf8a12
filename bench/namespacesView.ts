import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { generateMesh } from '../src/engine/testing/generateMesh';

// The namespaces view of a 5,000-resource design (GitHub issue 9): the longest main-thread task
// (Long Tasks API) from the paste into the editor to the namespaces view painted, and from the
// click on "Namespaces" to it painted. Against a build already served at BENCH_URL
// (default http://127.0.0.1:4739/): `npx tsx bench/namespacesView.ts`.

const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:4739/';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const WAIT_MS = 300_000;

type Task = { start: number; duration: number };

async function painted(page: Page): Promise<number> {
  await page.locator('.sp-canvas[aria-busy="false"]').waitFor({ timeout: WAIT_MS });
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
      ),
  );
}

async function once(page: Page, text: string, screenshot?: string) {
  await page.addInitScript(() => {
    const tasks: Task[] = [];
    (window as unknown as { benchTasks: Task[] }).benchTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(URL);
  const editor = page.getByRole('region', { name: 'YAML' }).locator('.view-lines');
  await editor.getByText('apiVersion').first().waitFor({ timeout: WAIT_MS });
  await page.evaluate((pasted) => navigator.clipboard.writeText(pasted), text);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  const pastedAt = await page.evaluate(() => performance.now());
  await page.keyboard.press('ControlOrMeta+V');
  const canvas = page.getByRole('region', { name: 'Canvas' });
  // The cursor ends in a VirtualService: the canvas focuses on its path first.
  await canvas.getByText(/^Through VirtualService /).waitFor({ timeout: WAIT_MS });
  await painted(page);
  const clickedAt = await page.evaluate(() => performance.now());
  await canvas.getByRole('button', { name: 'Namespaces', exact: true }).click();
  await canvas
    .getByRole('group', { name: /^Namespace team-0, [\d,]+ resources$/ })
    .waitFor({ timeout: WAIT_MS });
  const end = await painted(page);
  await page.waitForTimeout(1500);
  const edges = await page.locator('.react-flow__edge').count();
  if (screenshot !== undefined) {
    await page.screenshot({ path: screenshot });
    // And with a namespace selected: its links drawn and labelled.
    await canvas.getByRole('group', { name: /^Namespace team-3, / }).click();
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-selected.png') });
  }
  return page.evaluate(
    ({ pastedAt, clickedAt, end, edges }) => {
      const tasks = (window as unknown as { benchTasks: Task[] }).benchTasks;
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      return {
        fromPaste: Math.max(
          0,
          ...tasks.filter((t) => t.start >= pastedAt - 1).map((t) => t.duration),
        ),
        fromClick: Math.max(
          0,
          ...tasks.filter((t) => t.start >= clickedAt - 1).map((t) => t.duration),
        ),
        clickToPainted: end - clickedAt,
        edges,
      };
    },
    { pastedAt, clickedAt, end, edges },
  );
}

async function main() {
  const text = generateMesh({ resources: 5000, seed: 1 }).text;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({
        permissions: ['clipboard-read', 'clipboard-write'],
        viewport: { width: 1440, height: 900 },
      });
      const result = await once(
        await context.newPage(),
        text,
        run === 0 ? process.env.BENCH_SCREENSHOT : undefined,
      );
      console.log(JSON.stringify({ run, ...result }));
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
