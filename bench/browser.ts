import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { loadDesign } from '../src/engine/model/loadDesign';
import { generateMesh, type GeneratedMesh } from '../src/engine/testing/generateMesh';
import { TYPING_DERIVE_DELAY_MS } from '../src/store/deriveScheduler';
import {
  CANVAS_EDIT_MILLISECONDS,
  INITIAL_JAVASCRIPT_KILOBYTES,
  CANVAS_EDIT_1000_MILLISECONDS,
  KEYSTROKE_1000_MILLISECONDS,
  KEYSTROKE_200_MILLISECONDS,
  PASTE_LONGEST_TASK_MILLISECONDS,
} from './budgets';
import { splitRule } from './edits';
import { formatResult, isMain, median, percentile, round } from './measure';
import { saveSection, startSection, type BenchTable } from './results';
import type { BenchResult } from './types';

// `npm run bench:browser`: the production build in headless Chromium, driven as a user drives it
// (Playwright's library API, things found by role and name), with the page's own clocks
// (event timestamps, animation frames, the Long Tasks API) and a Chromium trace of the renderer's
// main thread. Not part of `npm test`: these are measurements, not pass/fail checks.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags of playwright.config.ts: Debian's Chromium, no sandbox, no GPU, no background work.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** `SAILPLAN_BENCH_QUICK=1`: a few repetitions only, to try the journeys out (figures not kept). */
const QUICK = process.env.SAILPLAN_BENCH_QUICK === '1';
const STARTUP_RUNS = QUICK ? 1 : 5;
const KEYSTROKES = QUICK ? 6 : 50;
const CANVAS_EDITS = QUICK ? 4 : 30;
/**
 * `SAILPLAN_BENCH_ONLY=startup,paste-1000,design-200,paste-5mb`: only those journeys (figures not
 * kept), to measure one change without the whole run.
 */
const ONLY = process.env.SAILPLAN_BENCH_ONLY?.split(',').map((name) => name.trim());
const JOURNEYS = ['startup', 'paste-1000', 'design-200', 'paste-5mb'] as const;
const unknownJourney = ONLY?.find((name) => !(JOURNEYS as readonly string[]).includes(name));
if (unknownJourney !== undefined) {
  throw new Error(`SAILPLAN_BENCH_ONLY: no journey "${unknownJourney}" (${JOURNEYS.join(', ')})`);
}
/** Whether the run measures `journey`. */
const runs = (journey: (typeof JOURNEYS)[number]): boolean =>
  ONLY === undefined || ONLY.includes(journey);
/** `SAILPLAN_BENCH_TRACES=dir`: keeps each journey's Chromium trace there, to open in DevTools. */
const TRACE_DIRECTORY = process.env.SAILPLAN_BENCH_TRACES;
/**
 * `SAILPLAN_BENCH_PROFILE=1` (with the traces): V8's sampling profiler in the traces, over a build
 * that is not minified, so they name the functions. Figures of such a run are not comparable.
 */
const PROFILE = process.env.SAILPLAN_BENCH_PROFILE === '1';
/** Figures are written only by a whole run. */
const PARTIAL = QUICK || ONLY !== undefined || PROFILE;
/** A desktop monitor: the canvas, the editor and the panels side by side as a designer has them. */
const VIEWPORT = { width: 1920, height: 1080 };
/** How long the canvas must stay still, with no layout running, to count as laid out. */
const SETTLE_MS = 1000;
const WAIT_MS = 300_000;
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'toplevel',
  ...(PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []),
];

// ---- The page's probe --------------------------------------------------------------------------

/** What the probe records in the page (`window.sailplanBench`), in the page's performance.now(). */
interface Probe {
  longTasks: { start: number; duration: number }[];
  firstCanvasPaint?: number;
  editorReady?: number;
  pastedAt?: number;
  /** Layout worker messages since the last `watchCanvas()`. */
  layoutRequests: number;
  layoutReplies: number;
  lastLayoutReplyAt: number;
  /** The last change of the canvas's DOM since the last `watchCanvas()`. */
  canvasChangedAt: number;
  /** The first frame painted after the canvas changed, since the last `watchCanvas()`. */
  paintAfterChange: number;
  /** The first frame painted after the canvas changed following the last layout reply. */
  paintAfterLayout: number;
  /** Starts (again) watching the canvas and counting layout messages: call before an action. */
  watchCanvas: () => void;
}

/**
 * Installed before the app's code on every page: records long tasks, the first canvas paint and
 * the moment the editor is ready, and counts the layout worker's requests and replies (so that
 * "laid out" means the worker answered and the canvas painted the answer).
 */
export function installProbe(): void {
  const probe: Probe = {
    longTasks: [],
    layoutRequests: 0,
    layoutReplies: 0,
    lastLayoutReplyAt: 0,
    canvasChangedAt: 0,
    paintAfterChange: 0,
    paintAfterLayout: 0,
    watchCanvas: () => undefined,
  };
  (window as unknown as { sailplanBench: Probe }).sailplanBench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });

  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    private readonly isLayout: boolean;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.isLayout = options?.name === 'sailplan-layout';
      if (this.isLayout) {
        this.addEventListener('message', () => {
          probe.layoutReplies += 1;
          probe.lastLayoutReplyAt = performance.now();
          probe.paintAfterLayout = 0;
        });
      }
    }
    override postMessage(message: unknown, transfer?: unknown): void {
      if (this.isLayout) probe.layoutRequests += 1;
      super.postMessage(message, transfer as Transferable[]);
    }
  };

  const canvasSelector = 'section[aria-label="Canvas"]';
  const startup = new MutationObserver(() => {
    if (
      probe.firstCanvasPaint === undefined &&
      document.querySelector(`${canvasSelector} .react-flow__node[aria-label]`) !== null
    ) {
      probe.firstCanvasPaint = -1;
      requestAnimationFrame(() => (probe.firstCanvasPaint = performance.now()));
    }
    if (
      probe.editorReady === undefined &&
      document.querySelector('section[aria-label="YAML"] textarea[aria-label^="YAML editor"]') !==
        null &&
      document.querySelector('section[aria-label="YAML"] .view-lines .view-line') !== null
    ) {
      probe.editorReady = -1;
      requestAnimationFrame(() => (probe.editorReady = performance.now()));
    }
    if (probe.firstCanvasPaint !== undefined && probe.editorReady !== undefined) {
      startup.disconnect();
    }
  });
  startup.observe(document, { subtree: true, childList: true });

  // After an action, the first frame once the canvas changed; after a layout reply, the first
  // frame once the canvas changed again is the laid-out diagram painted.
  let canvasObserver: MutationObserver | undefined;
  probe.watchCanvas = () => {
    canvasObserver?.disconnect();
    probe.layoutRequests = 0;
    probe.layoutReplies = 0;
    probe.lastLayoutReplyAt = 0;
    probe.canvasChangedAt = 0;
    probe.paintAfterChange = 0;
    probe.paintAfterLayout = 0;
    const canvas = document.querySelector(canvasSelector);
    if (canvas === null) return;
    canvasObserver = new MutationObserver(() => {
      probe.canvasChangedAt = performance.now();
      if (probe.paintAfterChange === 0) {
        probe.paintAfterChange = -1;
        requestAnimationFrame(() => (probe.paintAfterChange = performance.now()));
      }
      if (probe.lastLayoutReplyAt === 0 || probe.paintAfterLayout !== 0) return;
      probe.paintAfterLayout = -1;
      requestAnimationFrame(() => (probe.paintAfterLayout = performance.now()));
    });
    canvasObserver.observe(canvas, { subtree: true, childList: true, attributes: true });
  };
  window.addEventListener(
    'paste',
    (event) => {
      probe.pastedAt = event.timeStamp;
    },
    true,
  );
}

export function probeOf(page: Page): Promise<Omit<Probe, 'watchCanvas'>> {
  // Functions do not cross into Node: everything but the canvas watcher.
  return page.evaluate(() => {
    const probe = (window as unknown as { sailplanBench: Probe }).sailplanBench;
    return {
      longTasks: probe.longTasks,
      ...(probe.firstCanvasPaint === undefined ? {} : { firstCanvasPaint: probe.firstCanvasPaint }),
      ...(probe.editorReady === undefined ? {} : { editorReady: probe.editorReady }),
      ...(probe.pastedAt === undefined ? {} : { pastedAt: probe.pastedAt }),
      layoutRequests: probe.layoutRequests,
      layoutReplies: probe.layoutReplies,
      lastLayoutReplyAt: probe.lastLayoutReplyAt,
      canvasChangedAt: probe.canvasChangedAt,
      paintAfterChange: probe.paintAfterChange,
      paintAfterLayout: probe.paintAfterLayout,
    };
  });
}

/** The longest long task (Long Tasks API) overlapping `[from, to]` in page time; 0 when none over 50 ms. */
async function longestTask(page: Page, from: number, to: number): Promise<number> {
  const { longTasks } = await probeOf(page);
  return longTasks
    .filter((task) => task.start < to && task.start + task.duration > from)
    .reduce((longest, task) => Math.max(longest, task.duration), 0);
}

// ---- The trace -----------------------------------------------------------------------------------

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** Thread time: the CPU the thread spent in the event, in µs. */
  readonly tdur?: number;
}

/** The renderer main thread's tasks between two marks of a trace. */
export interface TraceTasks {
  /** The longest task, wall clock, in ms. */
  readonly longest: number;
  /** The longest task's CPU time (thread time), in ms: what it costs on an idle machine. */
  readonly longestCpu: number;
  /** CPU time of all the thread's tasks in the span, in ms. */
  readonly busyCpu: number;
}

/**
 * The tasks on the page's renderer main thread between two user-timing marks of a Chromium trace:
 * DevTools' "RunTask" events (or the scheduler's, in older builds), outermost ones only.
 */
function traceTasks(trace: Buffer, startMark: string, endMark: string): TraceTasks | undefined {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const start = events.find((event) => event.name === startMark);
  const end = events.find((event) => event.name === endMark);
  if (start === undefined || end === undefined) return undefined;
  // The marks are made on the page's main thread: its tasks are the ones on the same thread.
  const tasks = events
    .filter(
      (event) =>
        event.pid === start.pid &&
        event.tid === start.tid &&
        event.ph === 'X' &&
        event.dur !== undefined &&
        (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask') &&
        event.ts < end.ts &&
        event.ts + (event.dur ?? 0) > start.ts,
    )
    .sort((a, b) => a.ts - b.ts);
  let longest = 0;
  let longestCpu = 0;
  let busyCpu = 0;
  let outerEnd = -Infinity;
  for (const task of tasks) {
    const taskEnd = task.ts + (task.dur ?? 0);
    if (taskEnd <= outerEnd) continue;
    outerEnd = taskEnd;
    const cpu = (task.tdur ?? task.dur ?? 0) / 1000;
    longest = Math.max(longest, (task.dur ?? 0) / 1000);
    longestCpu = Math.max(longestCpu, cpu);
    busyCpu += cpu;
  }
  return { longest, longestCpu, busyCpu };
}

/** Runs `work` between two marks under a Chromium trace; returns its result and the trace's longest task. */
async function traced<T>(
  browser: Browser,
  page: Page,
  label: string,
  work: () => Promise<T>,
): Promise<{ readonly result: T; readonly trace: TraceTasks | undefined }> {
  const startMark = `sailplan-bench:${label}:start`;
  const endMark = `sailplan-bench:${label}:end`;
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let trace: Buffer | undefined;
  try {
    await page.evaluate((mark) => performance.mark(mark), startMark);
    const result = await work();
    await page.evaluate((mark) => performance.mark(mark), endMark);
    trace = await browser.stopTracing();
    if (TRACE_DIRECTORY !== undefined) {
      mkdirSync(TRACE_DIRECTORY, { recursive: true });
      writeFileSync(join(TRACE_DIRECTORY, `${label}.json`), trace);
    }
    return { result, trace: traceTasks(trace, startMark, endMark) };
  } finally {
    if (trace === undefined) await browser.stopTracing().catch(() => undefined);
  }
}

// ---- Build and serve -----------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('No port')),
      );
    });
  });
}

async function waitForServer(url: string, process: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`vite preview exited (${process.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within 2 minutes`);
}

/** The initial JavaScript the build reports (scripts/initialSizePlugin.ts), in KB gzip. */
function initialKilobytes(outDir: string): { readonly gzip: number; readonly files: number } {
  const report = JSON.parse(readFileSync(join(outDir, 'build-report.json'), 'utf8')) as {
    gzipBytes: number;
    files: readonly string[];
  };
  return { gzip: round(report.gzipBytes / 1024), files: report.files.length };
}

// ---- Driving the app -----------------------------------------------------------------------------

export async function openApp(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...devices['Desktop Chrome'],
    viewport: VIEWPORT,
    baseURL,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(...)`
  // calls; the functions sent into the page need that helper there too.
  await context.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  await page.goto('./');
  await page.getByRole('banner').getByText('Sailplan').waitFor();
  return { context, page };
}

export async function waitForEditorReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ((window as unknown as { sailplanBench: Probe }).sailplanBench.editorReady ?? -1) > 0,
    undefined,
    { timeout: WAIT_MS },
  );
}

/** The region of the canvas and its node (a React Flow node is a group named like the resource). */
function canvasNode(page: Page, name: string) {
  return page.getByRole('region', { name: 'Canvas' }).getByRole('group', { name, exact: true });
}

/** Starts an empty design with the toolbar's New (the page is fresh: nothing to keep). */
export async function newDesign(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('region', { name: 'Canvas' }).getByText('Nothing here yet.').waitFor();
}

/** Puts `text` on the clipboard, as the user's copy elsewhere did: not part of the paste. */
export async function copyToClipboard(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
}

/**
 * Pastes on the canvas with Ctrl+V, as a user does, what is on the clipboard, or `text` put
 * there first.
 */
export async function pasteOnCanvas(page: Page, text?: string): Promise<void> {
  if (text !== undefined) await copyToClipboard(page, text);
  // A click on the empty canvas: the paste then goes to the page, not to a text field.
  await page.getByRole('region', { name: 'Canvas' }).getByRole('application').click();
  await page.evaluate(() => {
    const probe = (window as unknown as { sailplanBench: Probe }).sailplanBench;
    probe.pastedAt = undefined;
    probe.watchCanvas();
  });
  await page.keyboard.press('ControlOrMeta+V');
  const pasted = await page
    .waitForFunction(
      () => (window as unknown as { sailplanBench: Probe }).sailplanBench.pastedAt !== undefined,
      undefined,
      { timeout: 5000 },
    )
    .then(() => true)
    .catch(() => false);
  if (!pasted) throw new Error('Ctrl+V did not paste: is the clipboard permission granted?');
}

/** Starts watching the canvas and the layout worker before an action (see `waitForSettled`). */
export async function watchCanvas(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { sailplanBench: Probe }).sailplanBench.watchCanvas(),
  );
}

/**
 * Waits until the canvas has settled after an action: it changed, every layout request made
 * since is answered, and nothing changed for SETTLE_MS. Returns the page time of the frame that
 * painted the result: the first after the last layout answer, or, when the action needed no
 * layout, the first after the canvas changed.
 */
export async function waitForSettled(page: Page): Promise<number> {
  await page.waitForFunction(
    (settle) => {
      const probe = (window as unknown as { sailplanBench: Probe }).sailplanBench;
      const laidOut =
        probe.layoutRequests === 0
          ? probe.paintAfterChange > 0
          : probe.layoutReplies >= probe.layoutRequests && probe.paintAfterLayout > 0;
      const lastChange = Math.max(probe.canvasChangedAt, probe.lastLayoutReplyAt);
      return laidOut && performance.now() - lastChange > settle;
    },
    SETTLE_MS,
    { timeout: WAIT_MS, polling: 100 },
  );
  const probe = await probeOf(page);
  return probe.layoutRequests === 0 ? probe.paintAfterChange : probe.paintAfterLayout;
}

/** Moves the editor's cursor to the end of a line with Ctrl+G, as a user does. */
async function editorCursorAtEndOf(page: Page, line: number): Promise<void> {
  const pane = page.getByRole('region', { name: 'YAML' });
  await pane.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
}

/** 1-based line of the first occurrence of `needle` at or after `from` in `text`. */
function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`"${needle}" is not in the text`);
  let line = 1;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < at;
    index = text.indexOf('\n', index + 1)
  ) {
    line += 1;
  }
  return line;
}

/** The VirtualService in the middle of a mesh, its canvas name and where its text starts. */
function middleVirtualService(
  mesh: GeneratedMesh,
  pick?: (design: ReturnType<typeof loadDesign>) => string,
) {
  const design = loadDesign([{ name: 'design.yaml', text: mesh.text }]);
  const key =
    pick?.(design) ??
    design.model.virtualServices[Math.floor(design.model.virtualServices.length / 2)]?.key;
  const virtualService = design.model.virtualServices.find((candidate) => candidate.key === key);
  if (virtualService === undefined) throw new Error('The mesh has no VirtualService');
  const start = mesh.text.indexOf(
    `kind: VirtualService\nmetadata:\n  name: ${virtualService.name}\n  namespace: ${virtualService.namespace}\n`,
  );
  if (start === -1) throw new Error(`The text of ${virtualService.key} was not found`);
  return {
    label: `VirtualService ${virtualService.namespace}/${virtualService.name}`,
    start,
    firstRuleName: virtualService.spec.http?.[0]?.name ?? 'r0',
  };
}

/**
 * Arms the page to time one keystroke: from the key's event timestamp to the first frame after the
 * canvas node `nodeName` shows a part named `partName`.
 */
async function armKeystrokeToCanvas(page: Page, nodeName: string, partName: string): Promise<void> {
  await page.evaluate(
    ({ nodeName: node, partName: part }) => {
      const canvas = document.querySelector('section[aria-label="Canvas"]');
      const found = () => {
        const element = canvas?.querySelector(`[aria-label="${CSS.escape(node)}"]`);
        return element?.querySelector(`[aria-label="${CSS.escape(part)}"]`) != null;
      };
      (window as unknown as { keystroke: Promise<number> }).keystroke = new Promise((resolve) => {
        let pressedAt = 0;
        document.addEventListener('keydown', (event) => (pressedAt = event.timeStamp), {
          capture: true,
          once: true,
        });
        const observer = new MutationObserver(() => {
          if (pressedAt === 0 || !found()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - pressedAt));
        });
        observer.observe(canvas ?? document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['aria-label'],
        });
        setTimeout(() => {
          observer.disconnect();
          resolve(Number.NaN);
        }, 60_000);
      });
    },
    { nodeName, partName },
  );
}

/**
 * 50 keystrokes in the editor, each renaming the first rule of a VirtualService (a letter typed,
 * then taken back with Backspace), timed from the key to the canvas showing the new name. Each
 * keystroke waits for the previous one's canvas update and a pause, as separate edits.
 */
async function keystrokesToCanvas(
  page: Page,
  nodeName: string,
  ruleName: string,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < KEYSTROKES; index += 1) {
    const typing = index % 2 === 0;
    const letter = String.fromCharCode(97 + ((index / 2) % 26));
    await armKeystrokeToCanvas(page, nodeName, typing ? `${ruleName}${letter}` : ruleName);
    await page.keyboard.press(typing ? letter : 'Backspace');
    latencies.push(
      await page.evaluate(() => (window as unknown as { keystroke: Promise<number> }).keystroke),
    );
    await page.waitForTimeout(150);
  }
  return latencies;
}

/** One canvas edit's times, from the key's event timestamp. */
interface CanvasEditTimes {
  /** The edit's handling done: the text in the editor's model, the main thread free to draw. */
  readonly applied: number;
  /** The paint of the frame in which the editor shows the new line. */
  readonly drawn: number;
  /** Whether that frame was the first one after the edit was applied. */
  readonly nextFrame: boolean;
}

/**
 * Canvas edits in the inspector of the rule selected on the canvas: the first destination's
 * weight typed and committed with Enter, timed from Enter to the end of the key's handling (the
 * text applied to the editor's model, and the main thread free again) and to the paint of the
 * frame in which the editor shows the new `weight:` line (drawn). The frames are counted as well:
 * an edit applied in the key's handling is drawn in the first frame after it.
 */
async function canvasEditsToYaml(page: Page): Promise<CanvasEditTimes[]> {
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const weight = inspector
    .getByRole('group', { name: /^Destination 1/ })
    .getByRole('textbox', { name: 'Weight' });
  await weight.waitFor({ timeout: WAIT_MS });
  const times: CanvasEditTimes[] = [];
  for (let index = 0; index < CANVAS_EDITS; index += 1) {
    const value = String(21 + index);
    // As a user's edits are: the previous one's derive and drawing done (at 1,000 resources it
    // takes longer than the pause), the page idle before the next value is typed.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
    await weight.fill(value);
    await page.evaluate((expected) => {
      const lines = document.querySelector('section[aria-label="YAML"] .view-lines');
      const count = () =>
        (lines?.textContent ?? '').replace(/\u00a0/g, ' ').split(`weight: ${expected}`).length - 1;
      const before = count();
      const failed = { applied: Number.NaN, drawn: Number.NaN, nextFrame: false };
      (window as unknown as { edit: Promise<CanvasEditTimes> }).edit = new Promise((resolve) => {
        let pressedAt = 0;
        let appliedAt = 0;
        let frames = 0;
        document.addEventListener('keydown', (event) => (pressedAt = event.timeStamp), {
          capture: true,
          once: true,
        });
        // The window is the last stop of the key's bubbling: React's listener (on its root) and
        // the microtasks after it have run; the edit is in the editor's model.
        window.addEventListener(
          'keydown',
          () => {
            appliedAt = performance.now();
            // Monaco asked for its frame while the edit was applied, so in the first frame its
            // callback runs before this one.
            requestAnimationFrame(() => (frames += 1));
          },
          { once: true },
        );
        const observer = new MutationObserver(() => {
          if (appliedAt === 0 || count() <= before) return;
          observer.disconnect();
          const nextFrame = frames === 0;
          // Monaco changes its lines in an animation frame callback; a message posted from
          // there is handled once that frame has been painted.
          const channel = new MessageChannel();
          channel.port1.onmessage = () =>
            resolve({
              applied: appliedAt - pressedAt,
              drawn: performance.now() - pressedAt,
              nextFrame,
            });
          channel.port2.postMessage(undefined);
        });
        observer.observe(lines ?? document.body, {
          subtree: true,
          childList: true,
          characterData: true,
        });
        setTimeout(() => {
          observer.disconnect();
          resolve(failed);
        }, 60_000);
      });
    }, value);
    await weight.press('Enter');
    times.push(
      await page.evaluate(() => (window as unknown as { edit: Promise<CanvasEditTimes> }).edit),
    );
    await page.waitForTimeout(150);
  }
  return times;
}

/** Frames per second (requestAnimationFrame) while `gesture` runs, and the longest frame. */
async function framesDuring(
  page: Page,
  gesture: () => Promise<void>,
): Promise<{ fps: number; longestFrame: number; from: number; to: number }> {
  await page.evaluate(() => {
    const frames = { count: 0, first: 0, last: 0, longest: 0, running: true };
    (window as unknown as { frames: typeof frames }).frames = frames;
    const loop = (time: number) => {
      if (frames.count === 0) frames.first = time;
      else frames.longest = Math.max(frames.longest, time - frames.last);
      frames.last = time;
      frames.count += 1;
      if (frames.running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await gesture();
  return page.evaluate(() => {
    const frames = (
      window as unknown as {
        frames: { count: number; first: number; last: number; longest: number; running: boolean };
      }
    ).frames;
    frames.running = false;
    const seconds = (frames.last - frames.first) / 1000;
    return {
      fps: seconds > 0 ? (frames.count - 1) / seconds : 0,
      longestFrame: frames.longest,
      from: frames.first,
      to: frames.last,
    };
  });
}

/** A point of the canvas's empty background, where a drag pans rather than moves a node. */
async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const flow = document.querySelector('section[aria-label="Canvas"] .react-flow');
    if (flow === null) return undefined;
    const box = flow.getBoundingClientRect();
    for (let row = 0.5; row > 0.05; row -= 0.05) {
      for (const column of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const x = box.left + box.width * column;
        const y = box.top + box.height * row;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'))
          return { x, y };
      }
    }
    return undefined;
  });
  if (point === undefined) throw new Error('No empty spot on the canvas to pan from');
  return point;
}

// ---- The measurements ----------------------------------------------------------------------------

export interface Figures {
  results: BenchResult[];
  rows: string[][];
}

/** What the main thread did during a journey: the Long Tasks API's longest, and the trace's tasks. */
interface MainThread {
  readonly longTask: number;
  readonly trace: TraceTasks | undefined;
  /** How many user actions the span holds, to give the CPU per action. */
  readonly actions: number;
}

function milliseconds(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

function addRow(
  figures: Figures,
  journey: string,
  value: string,
  main: MainThread,
  note = '',
): void {
  const { trace } = main;
  figures.rows.push([
    journey,
    value,
    main.longTask === 0 ? '< 50 ms' : milliseconds(main.longTask),
    trace === undefined
      ? 'n/a'
      : `${milliseconds(trace.longest)} (${milliseconds(trace.longestCpu)} CPU)`,
    trace === undefined
      ? 'n/a'
      : main.actions > 1
        ? `${milliseconds(trace.busyCpu / main.actions)} per action`
        : milliseconds(trace.busyCpu),
    note,
  ]);
}

async function measureStartup(browser: Browser, baseURL: string, figures: Figures): Promise<void> {
  const canvas: number[] = [];
  const editor: number[] = [];
  const contentful: number[] = [];
  let longTask = 0;
  for (let run = 0; run < STARTUP_RUNS; run += 1) {
    const { context, page } = await openApp(browser, baseURL);
    await waitForEditorReady(page);
    await page.waitForFunction(
      () =>
        ((window as unknown as { sailplanBench: Probe }).sailplanBench.firstCanvasPaint ?? -1) > 0,
      undefined,
      { timeout: WAIT_MS },
    );
    const probe = await probeOf(page);
    canvas.push(probe.firstCanvasPaint ?? Number.NaN);
    editor.push(probe.editorReady ?? Number.NaN);
    contentful.push(
      await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      ),
    );
    longTask = Math.max(longTask, await longestTask(page, 0, probe.editorReady ?? 0));
    await context.close();
  }
  // A trace cannot start before the page exists: the startup rows have the Long Tasks API's only.
  const main: MainThread = { longTask, trace: undefined, actions: 1 };
  const note = `median of ${STARTUP_RUNS} fresh loads of the seed design; longest task of all loads, from navigation to editor ready`;
  addRow(figures, 'First canvas paint (from navigation)', milliseconds(median(canvas)), main, note);
  addRow(
    figures,
    'Editor ready (Monaco loaded, text shown)',
    milliseconds(median(editor)),
    main,
    note,
  );
  figures.results.push(
    { name: 'first contentful paint', value: Math.round(median(contentful)), unit: 'ms' },
    { name: 'first canvas paint', value: Math.round(median(canvas)), unit: 'ms' },
    { name: 'editor ready', value: Math.round(median(editor)), unit: 'ms' },
  );
}

/**
 * Pastes a mesh into a new, empty design: ms from the paste event to the first frame that paints
 * the laid-out canvas, and what the main thread did meanwhile.
 */
export async function measurePaste(
  browser: Browser,
  page: Page,
  mesh: GeneratedMesh,
  label: string,
): Promise<{
  readonly milliseconds: number;
  readonly settled: boolean;
  readonly main: MainThread;
  readonly layouts: number;
}> {
  await newDesign(page);
  // Copied before the trace starts: writing 5 MB to the clipboard is a task of its own (130 ms
  // of the page's CPU), the user's copy in another application, not the paste.
  await copyToClipboard(page, mesh.text);
  const { result, trace } = await traced(browser, page, label, async () => {
    await pasteOnCanvas(page);
    // A canvas that never settles is a finding too: the tasks until then are still measured.
    return waitForSettled(page).then(
      (end) => ({ end, settled: true }),
      async () => ({ end: await page.evaluate(() => performance.now()), settled: false }),
    );
  });
  const probe = await probeOf(page);
  const pastedAt = probe.pastedAt ?? result.end;
  return {
    milliseconds: result.end - pastedAt,
    settled: result.settled,
    main: { longTask: await longestTask(page, pastedAt, result.end), trace, actions: 1 },
    layouts: probe.layoutRequests,
  };
}

/** `12,345 ms`, or how long it was watched when the canvas did not settle. */
function pasteCell(paste: { readonly milliseconds: number; readonly settled: boolean }): string {
  return paste.settled
    ? milliseconds(paste.milliseconds)
    : `not settled after ${milliseconds(paste.milliseconds)}`;
}

function latencyCell(latencies: readonly number[], minus = 0): string {
  const valid = latencies.filter((value) => Number.isFinite(value)).map((value) => value - minus);
  const missed = latencies.length - valid.length;
  return `p50 ${milliseconds(percentile(valid, 50))}, p95 ${milliseconds(percentile(valid, 95))}${
    missed > 0 ? ` (${missed} not seen)` : ''
  }`;
}

export async function measureKeystrokes(
  browser: Browser,
  page: Page,
  mesh: GeneratedMesh,
  budget: BenchResult['budget'],
  figures: Figures,
): Promise<void> {
  const target = middleVirtualService(mesh);
  await editorCursorAtEndOf(
    page,
    lineOf(mesh.text, `- name: ${target.firstRuleName}\n`, target.start),
  );
  // The cursor selects the VirtualService; the canvas brings it into view.
  await canvasNode(page, target.label).waitFor({ timeout: WAIT_MS });
  await page.waitForTimeout(1000);
  const label = `${mesh.resourceCount} resources`;
  const from = await page.evaluate(() => performance.now());
  const { result: latencies, trace } = await traced(
    browser,
    page,
    `keys-${mesh.resourceCount}`,
    () => keystrokesToCanvas(page, target.label, target.firstRuleName),
  );
  const to = await page.evaluate(() => performance.now());
  const valid = latencies.filter((value) => Number.isFinite(value));
  addRow(
    figures,
    `Keystroke → canvas updated, ${label}`,
    `${latencyCell(latencies)}; after the ${TYPING_DERIVE_DELAY_MS} ms debounce: ${latencyCell(latencies, TYPING_DERIVE_DELAY_MS)}`,
    { longTask: await longestTask(page, from, to), trace, actions: latencies.length },
    `${latencies.length} edits in the editor, each renaming a rule of ${target.label} (a letter typed, then Backspace), one at a time`,
  );
  figures.results.push(
    {
      name: `keystroke -> canvas updated after the debounce, p50, ${label}`,
      value: Math.round(percentile(valid, 50) - TYPING_DERIVE_DELAY_MS),
      unit: 'ms',
      ...(budget === undefined ? {} : { budget }),
    },
    {
      name: `keystroke -> canvas updated after the debounce, p95, ${label}`,
      value: Math.round(percentile(valid, 95) - TYPING_DERIVE_DELAY_MS),
      unit: 'ms',
    },
  );
  if (trace !== undefined) {
    figures.results.push({
      name: `main-thread CPU per keystroke (trace), ${label}`,
      value: Math.round(trace.busyCpu / latencies.length),
      unit: 'ms',
    });
  }
}

export async function measureCanvasEdits(
  browser: Browser,
  page: Page,
  mesh: GeneratedMesh,
  budget: BenchResult['budget'],
  figures: Figures,
): Promise<void> {
  // A weighted split's rule: the user puts the cursor on its first weight, which selects the rule
  // on the canvas and opens it in the inspector, and keeps the weight's line in view.
  const target = middleVirtualService(mesh, (design) => splitRule(design).virtualService);
  await editorCursorAtEndOf(page, lineOf(mesh.text, 'weight: ', target.start));
  await canvasNode(page, target.label).waitFor({ timeout: WAIT_MS });
  const label = `${mesh.resourceCount} resources`;
  const from = await page.evaluate(() => performance.now());
  const { result: times, trace } = await traced(browser, page, `edits-${mesh.resourceCount}`, () =>
    canvasEditsToYaml(page),
  );
  const to = await page.evaluate(() => performance.now());
  const applied = times.map((time) => time.applied);
  const drawn = times.map((time) => time.drawn);
  const inNextFrame = times.filter((time) => time.nextFrame).length;
  const validApplied = applied.filter((value) => Number.isFinite(value));
  const validDrawn = drawn.filter((value) => Number.isFinite(value));
  addRow(
    figures,
    `Canvas edit → YAML applied, and drawn, ${label}`,
    `applied: ${latencyCell(applied)}; drawn: ${latencyCell(drawn)}`,
    { longTask: await longestTask(page, from, to), trace, actions: times.length },
    `${times.length} weight edits of a rule selected on the canvas, typed in the inspector and committed with Enter; applied: until the key's handling ends with the text in the editor's model; drawn: until the editor's frame showing the new line is painted (${inNextFrame} of ${times.length} in the first frame after the key)`,
  );
  figures.results.push(
    {
      name: `canvas edit -> YAML applied, p50, ${label}`,
      value: Math.round(percentile(validApplied, 50)),
      unit: 'ms',
      budget,
    },
    {
      name: `canvas edit -> YAML applied, p95, ${label}`,
      value: Math.round(percentile(validApplied, 95)),
      unit: 'ms',
    },
    {
      name: `canvas edit -> YAML drawn, p50, ${label}`,
      value: Math.round(percentile(validDrawn, 50)),
      unit: 'ms',
    },
    {
      name: `canvas edit -> YAML drawn, p95, ${label}`,
      value: Math.round(percentile(validDrawn, 95)),
      unit: 'ms',
    },
    {
      name: `canvas edits drawn in the first frame after the key, ${label}`,
      value: inNextFrame,
      unit: `of ${times.length}`,
    },
  );
  if (trace !== undefined) {
    figures.results.push({
      name: `main-thread CPU per canvas edit (trace), ${label}`,
      value: Math.round(trace.busyCpu / times.length),
      unit: 'ms',
    });
  }
}

export async function measurePanAndZoom(
  browser: Browser,
  page: Page,
  resources: number,
  figures: Figures,
): Promise<void> {
  const canvasRegion = page.getByRole('region', { name: 'Canvas' });
  await canvasRegion.getByRole('button', { name: 'Fit View' }).click();
  await page.waitForTimeout(1500);
  const drawn = await canvasRegion.locator('.react-flow__node').count();
  const start = await emptyCanvasPoint(page);
  const pan = await traced(browser, page, 'pan', () =>
    framesDuring(page, async () => {
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(start.x + 200, start.y + 120, { steps: 60 });
      await page.mouse.move(start.x - 150, start.y - 80, { steps: 60 });
      await page.mouse.move(start.x, start.y, { steps: 60 });
      await page.mouse.up();
    }),
  );
  const box = await canvasRegion.getByRole('application').boundingBox();
  if (box === null) throw new Error('The canvas is not on screen');
  const zoom = await traced(browser, page, 'zoom', () =>
    framesDuring(page, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let step = 0; step < 40; step += 1) {
        await page.mouse.wheel(0, step < 20 ? -100 : 100);
        await page.waitForTimeout(40);
      }
    }),
  );
  const note = `${drawn} nodes drawn at fit view of the whole design; frames counted with requestAnimationFrame`;
  for (const [gesture, measured] of [
    ['Panning', pan],
    ['Zooming', zoom],
  ] as const) {
    addRow(
      figures,
      `${gesture} ${resources} resources (${gesture === 'Panning' ? 'drag on the background' : 'mouse wheel'})`,
      `${Math.round(measured.result.fps)} fps, longest frame ${milliseconds(measured.result.longestFrame)}`,
      {
        longTask: await longestTask(page, measured.result.from, measured.result.to),
        trace: measured.trace,
        actions: 1,
      },
      note,
    );
    figures.results.push({
      name: `frames per second ${gesture.toLowerCase()} ${resources} resources (${drawn} nodes drawn)`,
      value: Math.round(measured.result.fps),
      unit: 'fps',
    });
  }
}

/** Switches a large design from the namespaces view to the whole design: ms to the painted canvas. */
async function measureEverything(
  browser: Browser,
  page: Page,
  mesh: GeneratedMesh,
  figures: Figures,
): Promise<void> {
  const everything = await traced(browser, page, 'everything', async () => {
    await watchCanvas(page);
    const clickedAt = await page.evaluate(() => performance.now());
    await page
      .getByRole('toolbar', { name: 'Canvas view' })
      .getByRole('button', { name: 'Everything' })
      .click();
    const end = await waitForSettled(page);
    return { clickedAt, end, layouts: (await probeOf(page)).layoutRequests };
  });
  const { clickedAt, end, layouts } = everything.result;
  addRow(
    figures,
    `“Everything” view of ${mesh.resourceCount} resources → painted`,
    milliseconds(end - clickedAt),
    { longTask: await longestTask(page, clickedAt, end), trace: everything.trace, actions: 1 },
    layouts === 0
      ? 'the whole design was laid out with the paste: drawing it only'
      : `${layouts} layouts in the worker, then drawn`,
  );
  figures.results.push({
    name: `"Everything" view of ${mesh.resourceCount} resources -> painted (${layouts} layouts)`,
    value: Math.round(end - clickedAt),
    unit: 'ms',
  });
}

async function measureJourneys(browser: Browser, baseURL: string, figures: Figures): Promise<void> {
  if (runs('startup')) {
    console.log('startup...');
    await measureStartup(browser, baseURL, figures);
  }

  if (runs('paste-1000')) {
    console.log('paste of 1,000 resources...');
    const thousand = generateMesh({ resources: 1000, seed: 1 });
    const { context, page } = await openApp(browser, baseURL);
    await waitForEditorReady(page);
    const paste = await measurePaste(browser, page, thousand, 'paste-1000');
    addRow(
      figures,
      `Paste ${thousand.resourceCount} resources (${Math.round(thousand.text.length / 1024)} KB) → laid out and painted`,
      pasteCell(paste),
      paste.main,
      `from the paste event to the first frame after the layout worker’s last answer (${paste.layouts} layouts) is drawn; designs over 1,000 nodes open on the namespaces view`,
    );
    figures.results.push({
      name: `paste ${thousand.resourceCount} resources -> laid out and painted${paste.settled ? '' : ' (not settled: time watched)'}`,
      value: Math.round(paste.milliseconds),
      unit: 'ms',
    });

    console.log('the whole design of 1,000 resources...');
    const everythingButton = page
      .getByRole('toolbar', { name: 'Canvas view' })
      .getByRole('button', { name: 'Everything' });
    if ((await everythingButton.getAttribute('aria-pressed')) === 'true') {
      figures.rows.push([
        `“Everything” view of ${thousand.resourceCount} resources → painted`,
        'the paste opened on it',
        '',
        '',
        '',
        'the design has at most as many nodes as the canvas draws whole',
      ]);
    } else {
      await measureEverything(browser, page, thousand, figures);
    }

    console.log('panning and zooming...');
    await measurePanAndZoom(browser, page, thousand.resourceCount, figures);
    console.log('keystrokes at 1,000 resources...');
    await measureKeystrokes(browser, page, thousand, KEYSTROKE_1000_MILLISECONDS, figures);
    console.log('canvas edits at 1,000 resources...');
    await measureCanvasEdits(browser, page, thousand, CANVAS_EDIT_1000_MILLISECONDS, figures);
    await context.close();
  }

  if (runs('design-200')) {
    console.log('keystrokes and canvas edits at 200 resources...');
    const twoHundred = generateMesh({ resources: 200, seed: 1 });
    const { context, page } = await openApp(browser, baseURL);
    await waitForEditorReady(page);
    const paste = await measurePaste(browser, page, twoHundred, 'paste-200');
    addRow(
      figures,
      `Paste ${twoHundred.resourceCount} resources (${Math.round(twoHundred.text.length / 1024)} KB) → laid out and painted`,
      pasteCell(paste),
      paste.main,
      `${paste.layouts} layouts`,
    );
    await measureKeystrokes(browser, page, twoHundred, KEYSTROKE_200_MILLISECONDS, figures);
    await measureCanvasEdits(browser, page, twoHundred, CANVAS_EDIT_MILLISECONDS, figures);
    await context.close();
  }

  if (runs('paste-5mb')) {
    console.log('paste of 5 MB...');
    const large = generateMesh({ resources: 5000, seed: 1 });
    const { context, page } = await openApp(browser, baseURL);
    await waitForEditorReady(page);
    const paste = await measurePaste(browser, page, large, 'paste-5mb');
    const megabytes = round(large.text.length / (1024 * 1024), 1);
    addRow(
      figures,
      `Paste ${megabytes} MB (${large.resourceCount} resources) → laid out and painted`,
      pasteCell(paste),
      paste.main,
      `${paste.layouts} layouts; the budget is the longest main-thread task from the paste to the painted canvas`,
    );
    figures.results.push(
      {
        name: `paste ${megabytes} MB (${large.resourceCount} resources) -> laid out and painted${paste.settled ? '' : ' (not settled: time watched)'}`,
        value: Math.round(paste.milliseconds),
        unit: 'ms',
      },
      {
        name: `longest main-thread task while a ${megabytes} MB paste is parsed and drawn (Long Tasks API)`,
        value: Math.round(paste.main.longTask),
        unit: 'ms',
        budget: PASTE_LONGEST_TASK_MILLISECONDS,
      },
      ...(paste.main.trace === undefined
        ? []
        : [
            {
              name: `the same task's CPU time (trace), ${megabytes} MB paste`,
              value: Math.round(paste.main.trace.longestCpu),
              unit: 'ms',
            },
          ]),
    );
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: set CHROMIUM_PATH`);
  const finish = startSection('Browser', 'npm run bench:browser');
  const port = await freePort();
  const outDir = mkdtempSync(join(tmpdir(), 'sailplan-bench-dist-'));
  let preview: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    console.log(`building into ${outDir}...`);
    const build = spawnSync(
      'npx',
      [
        'vite',
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
        // Profiles name the app's own functions.
        ...(PROFILE ? ['--minify', 'false'] : []),
      ],
      { stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error('vite build failed');
    const initial = initialKilobytes(outDir);

    preview = spawn(
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
    const baseURL = `http://127.0.0.1:${port}/`;
    await waitForServer(baseURL, preview);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });

    const figures: Figures = {
      results: [
        {
          name: `initial JavaScript without Monaco (${initial.files} files, gzip)`,
          value: initial.gzip,
          unit: 'KB',
          budget: INITIAL_JAVASCRIPT_KILOBYTES,
        },
      ],
      rows: [],
    };
    await measureJourneys(browser, baseURL, figures);

    const table: BenchTable = {
      title: 'Journeys in the production build',
      columns: [
        'Journey',
        'Measured (wall clock)',
        'Longest task (Long Tasks API)',
        'Longest task (trace: wall, CPU)',
        'Main-thread CPU (trace)',
        'How',
      ],
      rows: figures.rows,
      notes: [
        `Headless Chromium ${browser.version()} (${CHROMIUM}, flags of playwright.config.ts, no GPU), viewport ${VIEWPORT.width}×${VIEWPORT.height}, the build of \`vite build\` served by \`vite preview\`.`,
        'Times are wall clock in the page (event timestamps to requestAnimationFrame), so they include the machine’s load. The longest task is the Long Tasks API’s (tasks over 50 ms) and the renderer main thread’s longest task in a Chromium trace of the same span, with its CPU (thread) time; the last column sums the main thread’s CPU time in the span (per action for repeated ones): on a loaded machine, what the work itself costs.',
        `Keystroke latencies are also given “after the debounce”: minus the store’s ${TYPING_DERIVE_DELAY_MS} ms wait for typing to pause.`,
      ],
    };
    for (const result of figures.results) console.log(formatResult(result));
    const section = finish([table], figures.results, `Chromium ${browser.version()}`);
    if (PARTIAL) console.log('\nA quick or partial run: nothing written.');
    else console.log(`\nwritten to ${saveSection('browser', section)}`);
  } finally {
    await browser?.close();
    if (preview?.pid !== undefined) {
      try {
        process.kill(-preview.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main();
