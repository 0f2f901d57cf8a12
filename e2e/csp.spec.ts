import { expect, test, type Page } from '@playwright/test';
import { SailplanApp } from './fixtures/app';

/** What the page reported as blocked by its Content-Security-Policy. */
interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
}

/**
 * Records every `securitypolicyviolation` event from the first script on, before the app's own,
 * and every console message the browser writes about the policy (a directive it ignores, or
 * something it refused).
 */
async function watchPolicy(page: Page): Promise<{ console: string[] }> {
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { cspViolations: Violation[] }).cspViolations = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        seen.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
        }),
      true,
    );
  });
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy|Refused to/i.test(message.text())) {
      messages.push(message.text());
    }
  });
  return { console: messages };
}

function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
}

test('the built app runs under its strict Content-Security-Policy without one violation', async ({
  page,
}) => {
  // A long journey through every part of the app: on a busy two-core machine it takes minutes.
  test.setTimeout(180_000);
  const watched = await watchPolicy(page);
  const app = new SailplanApp(page);
  await app.open();

  // The policy is the page's first meta element, and forbids inline scripts and eval.
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);

  // The canvas draws the seed design (its layout runs in a worker).
  await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible();
  await app.node('VirtualService default/proxy').click();

  // The editor loads (Monaco, its workers, monaco-yaml's schemas), and completes a key.
  await expect(app.editorPane.locator('.view-lines')).toContainText('kind: VirtualService');
  await app.editorPane.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget')).toBeVisible();
  await page.keyboard.press('Escape');

  // The simulator sends a request through the design. (The Request form and the Export menu are
  // being committed by the engineers who build them: each step runs once its part is there.)
  await app.panels.getByRole('tab', { name: 'Simulator' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Simulator' })).toBeVisible();
  const url = page.getByRole('form', { name: 'Request' }).getByRole('textbox', { name: 'URL' });
  if ((await url.count()) > 0) {
    await url.fill('http://shop.example.com/');
    await url.press('Enter');
  }
  await app.panels.getByRole('tab', { name: /Problems/ }).click();

  // The diagram is exported as PNG and SVG (drawn through data: images and a canvas).
  const exportMenu = page.getByRole('button', { name: 'Export', exact: true });
  for (const format of (await exportMenu.count()) > 0 ? ['PNG', 'SVG'] : []) {
    await exportMenu.click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: new RegExp(`^Download ${format}`) }).click();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
  }

  expect(await violations(page)).toEqual([]);
  expect(watched.console).toEqual([]);

  // And the policy is enforced: an inline script put into the page does not run.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true';
    document.head.append(script);
    return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
  });
  expect(ran).toBe(false);
  await expect
    .poll(() => violations(page))
    .toEqual([expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' })]);
});
