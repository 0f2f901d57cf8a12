import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium: Playwright downloads no browser here (`npx playwright install` cannot work).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `No Chromium at ${chromiumPath}. Install it with \`sudo apt-get install -y chromium\` ` +
      '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

// A free localhost port, chosen once: workers inherit it through the environment.
if (!process.env.E2E_PORT) {
  const probe = spawnSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ]);
  process.env.E2E_PORT = probe.stdout.toString().trim();
}
const port = Number(process.env.E2E_PORT);
// Each run builds into its own folder, so that runs side by side never serve a half-written build.
const outDir = `node_modules/.e2e-dist/${port}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.CI ? './test-results/e2e' : `./test-results/e2e-${port}`,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    // Locally a failed journey keeps its trace: each action with the page's DOM before and after
    // it (the screencast is left out: filming every frame made the whole suite 40% slower here).
    // CI records none (the DOM snapshots cost another 15%): a failure there keeps its screenshot
    // and the page's accessibility tree (error-context.md), and is traced by running it again
    // with `--trace on`.
    trace: process.env.CI
      ? 'off'
      : { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], headless: true } }],
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir --logLevel warn && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    // Locally an already running preview is reused; CI always builds and serves a fresh one.
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
