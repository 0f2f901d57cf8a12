import { deflateSync, strToU8 } from 'fflate';
import { expect, test, type Browser } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { DesignFiles, openApp, type TestFile } from './fixtures/designFiles';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

// Comments, non-ASCII text, a tab in a comment and trailing spaces: a link must keep every byte.
const design: TestFile = {
  name: 'shop.yaml',
  text: [
    '# Boutique — “shop” ingress 🚢\t(v2)   ',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    'spec:',
    '  ports:',
    '  - name: http',
    '    port: 80',
    '---',
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    'spec:',
    '  hosts: [web]',
    '  http:',
    '  - route:',
    '    - destination: {host: web}',
    '',
  ].join('\n'),
};

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A context whose untitled design has an edit that is autosaved but not saved under a name. */
async function withUnsavedWork(browser: Browser) {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const { app, files } = await openApp(page);
  await app.typeAtEnd('\n# my unsaved work');
  await files.saved();
  const text = await files.designText();
  expect(text).toContain('# my unsaved work');
  return { context, page, app, files, text };
}

test('a share link opened in a fresh browser reproduces the design exactly', async ({
  page,
  browser,
}) => {
  const { app, files } = await openApp(page);
  await files.openFiles([design]);
  await files.answer('Replace the design');
  const node = app.node('Service shop/web');
  await expect(node).toBeVisible();
  // Move a node: its place is part of what a link carries.
  const box = await node.boundingBox();
  if (box === null) throw new Error('the node has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + 90, { steps: 8 });
  await page.mouse.up();
  await files.saved();
  const before = await files.nodeBoxes();

  const link = await files.shareLink();
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(2000);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const opened = new SailplanApp(other);
  const otherFiles = new DesignFiles(other);
  await expect(opened.node('VirtualService shop/web')).toBeVisible();
  await expect(otherFiles.designName()).toHaveText('Shared design');
  expect(await otherFiles.designText()).toBe(design.text);
  await expect.poll(() => otherFiles.nodeBoxes()).toEqual(before);
  // The link leaves the address once opened: a reload shows the autosaved design, not the link.
  expect(new URL(other.url()).hash).toBe('');
  await other.reload();
  expect(await otherFiles.designText()).toBe(design.text);
  await fresh.close();
});

test('damaged, cut, tampered and oversized links are refused and the work stays', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page, files, text } = await withUnsavedWork(browser);
  const link = await files.shareLink();
  const payload = link.slice(link.indexOf('#s=') + 3);
  const base = link.slice(0, link.indexOf('#'));
  const json = (value: string) => base64Url(deflateSync(strToU8(value)));
  const cases: readonly (readonly [string, string, RegExp])[] = [
    ['damaged', `${payload.slice(0, 20)}!*${payload.slice(22)}`, /damaged/],
    ['cut short', payload.slice(0, Math.floor(payload.length / 2)), /cut short/],
    [
      'tampered',
      json('{"v":1,"text":"a","tests":"","positions":{},"request":{"url":""},"__proto__":{"x":1}}'),
      /forbidden key "__proto__"/,
    ],
    ['not JSON', json('{"v":1,"text":'), /damaged/],
    [
      'oversized',
      base64Url(deflateSync(new Uint8Array(11 * 1024 * 1024), { level: 9 })),
      /more than 10 MB/,
    ],
  ];
  for (const [what, fragment, message] of cases) {
    await test.step(`a ${what} link`, async () => {
      await page.goto(`${base}#s=${fragment}`);
      const alert = page.getByRole('alertdialog', { name: 'This share link could not be opened' });
      await expect(alert).toContainText(message);
      await expect(alert).toContainText('Your design was not changed.');
      await files.answer('OK');
      expect(await files.designText()).toBe(text);
    });
  }
  // Opened in a new tab at start-up, a bad link is refused the same way.
  const tab = await context.newPage();
  await tab.goto(`${base}#s=${payload.slice(0, 30)}`);
  const tabFiles = new DesignFiles(tab);
  await expect(
    tab.getByRole('alertdialog', { name: 'This share link could not be opened' }),
  ).toBeVisible();
  await tabFiles.answer('OK');
  expect(await tabFiles.designText()).toBe(text);
  await context.close();
});

test('a link never replaces unsaved work without asking', async ({ browser }) => {
  const { context, page, app, files, text } = await withUnsavedWork(browser);
  const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const senderPage = await sender.newPage();
  const senderFiles = (await openApp(senderPage)).files;
  await senderFiles.openFiles([design]);
  await senderFiles.answer('Replace the design');
  const link = await senderFiles.shareLink();
  await sender.close();

  await page.goto(link);
  const question = page.getByRole('alertdialog', { name: 'Keep your changes?' });
  await expect(question).toContainText('has changes that are not saved under a name');
  await files.answer('Cancel');
  expect(await files.designText()).toBe(text);

  await page.goto(`${link.slice(0, link.indexOf('#'))}#`);
  await page.goto(link);
  await files.answer('Keep a copy and continue');
  await expect(app.node('VirtualService shop/web')).toBeVisible();
  expect(await files.designText()).toBe(design.text);
  const designs = await files.openMenu('Designs');
  await designs.getByRole('menuitemradio', { name: /^Untitled design \(/ }).click();
  await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible();
  expect(await files.designText()).toBe(text);
  await context.close();
});

test('a link over 32 KB warns and offers the file instead', async ({ page }) => {
  const { app, files } = await openApp(page);
  // Names that do not compress: the link grows with the design. Its text alone makes a link of
  // ~37 KB, whether or not the layout's positions have joined it yet (with 700 Services it was
  // under 32 KB until they had, and the test raced the layout).
  const documents = Array.from({ length: 900 }, (_, index) => {
    const name = `svc-${index}-${(index * 2654435761).toString(36)}${Math.sin(index).toString(36).slice(2, 14)}`;
    return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: load\n  labels: {owner: ${Math.cos(index).toString(36).slice(2, 12)}}\nspec:\n  ports:\n  - port: ${1000 + index}\n`;
  });
  await files.openFiles([{ name: 'many.yaml', text: documents.join('---\n') }]);
  await files.answer('Replace the design');
  await expect(app.node('Gateway istio-system/default-gateway')).toHaveCount(0);
  await files.button('Share').click();
  const warning = page.getByRole('dialog', { name: 'This link is long' });
  await expect(warning).toContainText(/The link is \d+ KB/);
  const download = page.waitForEvent('download');
  await files.answer('Download the YAML instead');
  expect((await download).suggestedFilename()).toBe('untitled-design.yaml');
});
