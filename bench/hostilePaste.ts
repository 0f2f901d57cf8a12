import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { generateCase } from '../tests/hostile/generate';
import type { BenchResult } from './types';

// The longest main-thread task while a 5 MB paste is parsed (GitHub issue 9's budget: none over
// 200 ms), measured in the production build in headless Chromium with the Long Tasks API: from the
// paste into the editor to the syntax worker's answer marked at the broken line. e2e/hostile.spec.ts
// checks the same journey with a generous bound; this is the precise figure. Run alone with
// `npx tsx bench/hostilePaste.ts`.

const RUNS = 3;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT_MS = 300_000;
const BUDGET = {
  limit: 200,
  better: 'lower',
  source: 'GitHub issue 9: no main-thread task over 200 ms while a 5 MB paste is parsed',
} as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Builds the app and serves it with `vite preview`; returns its address and how to stop it. */
async function serveBuild(): Promise<{ url: string; stop: () => void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'sailplan-bench-'));
  const build = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--logLevel', 'error'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('vite build failed');
  const port = await freePort();
  const preview = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    stop: () => {
      if (preview.pid !== undefined) process.kill(-preview.pid);
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** One paste into a fresh page: the longest task and the time to the worker's answer, in ms. */
async function pasteOnce(page: Page, url: string, text: string, brokenLine: number) {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { benchTasks: typeof tasks }).benchTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  const editor = page.getByRole('region', { name: 'YAML' }).locator('.view-lines');
  await editor.getByText('apiVersion').first().waitFor({ timeout: WAIT_MS });
  await page
    .getByRole('tablist', { name: 'Panels' })
    .getByRole('tab', { name: /Problems/ })
    .click();
  await page.evaluate((pasted) => navigator.clipboard.writeText(pasted), text);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  const pastedAt = await page.evaluate(() => performance.now());
  await page.keyboard.press('ControlOrMeta+V');
  await page
    .getByRole('list', { name: 'Problems' })
    .getByRole('button', { name: new RegExp(`design\\.yaml:${brokenLine}:\\d+$`) })
    .waitFor({ timeout: WAIT_MS });
  return page.evaluate((from) => {
    const tasks = (window as unknown as { benchTasks: { start: number; duration: number }[] })
      .benchTasks;
    return {
      longest: Math.max(
        0,
        ...tasks.filter((task) => task.start >= from - 1).map((task) => task.duration),
      ),
      answered: performance.now() - from,
    };
  }, pastedAt);
}

/** The longest main-thread task while a 5.5 MB paste is read, median of fresh pages. */
export async function run(): Promise<readonly BenchResult[]> {
  const text = generateCase('paste-5mb') as string;
  // Where the broken document is reported: the corpus's own expectation.
  const manifest = JSON.parse(
    readFileSync(new URL('../tests/hostile/manifest.json', import.meta.url), 'utf8'),
  ) as { cases: { id: string; expect: { diagnostics?: { line: number }[] } }[] };
  const brokenLine =
    manifest.cases.find((hostile) => hostile.id === 'paste-5mb')?.expect.diagnostics?.[0]?.line ??
    0;
  const server = await serveBuild();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const longest: number[] = [];
    const answered: number[] = [];
    for (let attempt = 0; attempt < RUNS; attempt += 1) {
      const context = await browser.newContext({
        permissions: ['clipboard-read', 'clipboard-write'],
        viewport: { width: 1280, height: 720 },
      });
      const result = await pasteOnce(await context.newPage(), server.url, text, brokenLine);
      longest.push(result.longest);
      answered.push(result.answered);
      await context.close();
    }
    const megabytes = (text.length / (1024 * 1024)).toFixed(1);
    return [
      {
        name: `longest main-thread task while a ${megabytes} MB paste is parsed (Long Tasks API, median of ${RUNS})`,
        value: Math.round(median(longest)),
        unit: 'ms',
        budget: BUDGET,
      },
      {
        name: `longest main-thread task while a ${megabytes} MB paste is parsed (worst of ${RUNS})`,
        value: Math.round(Math.max(...longest)),
        unit: 'ms',
      },
      {
        name: `${megabytes} MB paste -> the syntax worker's errors marked (median of ${RUNS})`,
        value: Math.round(median(answered)),
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const result of await run()) console.log(`${result.name}: ${result.value} ${result.unit}`);
}
