import { expect, test, type Locator } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { CanvasPane } from './fixtures/canvas';
import { BottomPanels } from './fixtures/panels';

const SEED_CHAIN = [
  'Service istio-system/istio-ingressgateway',
  'Gateway istio-system/default-gateway',
  'VirtualService default/proxy',
  'Service default/proxy',
];

/** A node is readable when drawn at 55% or more: its 264 px box at least this wide on screen. */
const READABLE_NODE_WIDTH = 264 * 0.55;

/** True when the whole of `inner` is inside `outer` on screen. */
async function within(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (a === null || b === null) return false;
  return (
    a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height
  );
}

test('a new user opens Sailplan and sees the seed design on the canvas and in the editor', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  await app.open();

  await expect(app.canvas).toBeVisible();
  await expect(app.editorPane).toBeVisible();
  await expect(app.panels.getByRole('tab', { name: 'Simulator' })).toBeVisible();
  await expect(app.panels.getByRole('tab', { name: 'Tests' })).toBeVisible();
  await expect(app.panels.getByRole('tab', { name: /Problems/ })).toBeVisible();

  for (const name of [
    'Service istio-system/istio-ingressgateway',
    'Gateway istio-system/default-gateway',
    'VirtualService default/proxy',
    'Service default/proxy',
  ]) {
    await expect(app.node(name)).toBeVisible();
  }

  const text = await app.editorText();
  expect(text).toContain('kind: Service');
  expect(text).toContain('name: istio-ingressgateway');
  expect(await app.findInEditor('name: default-gateway')).toMatch(/^1 of 1$/);
  expect(await app.findInEditor('kind: VirtualService')).toMatch(/^1 of 1$/);
});

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a new user sees the whole seed design, readable, beside the folded inspector, which opens on a selection and then stays as the user leaves it', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const drawing = app.canvas.getByRole('application');
    await app.open();
    await canvas.settled();

    // The inspector is folded to its rail: the canvas has the room, and the design fits in it.
    await expect(inspector.getByRole('button', { name: 'Expand the inspector' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    for (const name of SEED_CHAIN) {
      await expect.poll(() => within(app.node(name), drawing)).toBe(true);
      expect((await canvas.box(app.node(name))).width).toBeGreaterThanOrEqual(READABLE_NODE_WIDTH);
    }
    await expect(app.canvas.getByRole('img', { name: 'Minimap' })).toBeVisible();

    // Selecting the last node opens the inspector beside it, and the node stays in view.
    const service = app.node('Service default/proxy');
    await service.locator('.sp-node__header').click();
    await expect(inspector.getByRole('button', { name: 'Collapse the inspector' })).toBeVisible();
    await expect(inspector.getByRole('textbox', { name: 'Name', exact: true }).first()).toHaveValue(
      'proxy',
    );
    await expect.poll(() => within(service, drawing)).toBe(true);

    // Folded by the user, it stays folded: after a reload, and when something is selected.
    await inspector.getByRole('button', { name: 'Collapse the inspector' }).click();
    await page.reload();
    await canvas.settled();
    await app.node('Gateway istio-system/default-gateway').locator('.sp-node__header').click();
    await expect(inspector.getByRole('button', { name: 'Expand the inspector' })).toBeVisible();
    // Opened by the user, it is open from the start.
    await inspector.getByRole('button', { name: 'Expand the inspector' }).click();
    await page.reload();
    await expect(inspector.getByRole('button', { name: 'Collapse the inspector' })).toBeVisible();
    await expect(inspector.getByRole('list', { name: 'Resources' })).toBeVisible();
  });

  test('after Send, the seed design’s path and its outcome are in view and readable', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    const panels = new BottomPanels(page);
    const drawing = app.canvas.getByRole('application');
    await app.open();
    await canvas.settled();
    await panels.send();
    await panels.expectPath(SEED_CHAIN);
    await expect.poll(() => within(panels.canvasOutcome, drawing)).toBe(true);
    for (const name of SEED_CHAIN) {
      await expect.poll(() => within(app.node(name), drawing)).toBe(true);
      expect((await canvas.box(app.node(name))).width).toBeGreaterThanOrEqual(READABLE_NODE_WIDTH);
    }
  });
});

test.describe('the README', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('its screenshot: the seed design with its ready request traced across the canvas', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const panels = new BottomPanels(page);
    await app.open();
    // As a new user finds it: the inspector folded, the canvas beside the editor.
    await expect(page.getByRole('button', { name: 'Expand the inspector' })).toBeVisible();
    await app.editorText();

    await panels.send();
    await expect(panels.outcome).toHaveText('proxy.default.svc.cluster.local:80');
    await panels.expectPath([
      'Service istio-system/istio-ingressgateway',
      'Gateway istio-system/default-gateway',
      'VirtualService default/proxy',
      'Service default/proxy',
    ]);
    await expect(panels.canvasOutcome).toBeInViewport();
    await expect(panels.steps.first()).toContainText('GET http://shop.example.com/');
    // Nothing half-done on screen: no find widget, no selection, no pointer over a control.
    await expect(app.editorPane.locator('.find-widget.visible')).toHaveCount(0);
    await expect(app.editorPane.locator('.selected-text')).toHaveCount(0);
    await page.mouse.move(720, 2);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // The path's animation and Monaco's fading scrollbars are done.
    await page.waitForTimeout(2500);

    if (!process.env.CI) await page.screenshot({ path: 'docs/screenshot.png' });
  });
});

test('the theme follows the system and the toggle switches it', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  const app = new SailplanApp(page);
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await context.close();
});

test('the divider between canvas and editor moves with the keyboard', async ({ page }) => {
  const app = new SailplanApp(page);
  await app.open();
  const divider = page.getByRole('separator', { name: 'Resize the canvas and the editor' });
  const before = Number(await divider.getAttribute('aria-valuenow'));
  const canvasWidth = (await app.canvas.boundingBox())?.width ?? 0;
  await divider.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before - 10));
  await expect
    .poll(async () => (await app.canvas.boundingBox())?.width ?? 0)
    .toBeLessThan(canvasWidth);
});
