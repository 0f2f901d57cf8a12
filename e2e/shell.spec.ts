import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { BottomPanels } from './fixtures/panels';

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

test.describe('the README', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('its screenshot: the seed design with its ready request traced across the canvas', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const panels = new BottomPanels(page);
    await app.open();
    // Room for the drawing: the inspector folded to its rail, the canvas a little wider.
    await page.getByRole('button', { name: 'Collapse the inspector' }).click();
    const divider = page.getByRole('separator', { name: 'Resize the canvas and the editor' });
    await divider.focus();
    for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowRight');
    await expect(divider).toHaveAttribute('aria-valuenow', '66');
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
