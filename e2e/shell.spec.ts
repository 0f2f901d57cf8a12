import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';

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

  // The README's screenshot is made here, from the real app with the default design.
  if (!process.env.CI) await page.screenshot({ path: 'docs/screenshot.png' });
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
