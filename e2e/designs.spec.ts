import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CanvasPane } from './fixtures/canvas';
import { openApp } from './fixtures/designFiles';

const seed = readFileSync(new URL('../examples/seed-ingress.yaml', import.meta.url), 'utf8');

test('what is typed survives a reload', async ({ page }) => {
  const { app, files } = await openApp(page);
  await app.typeAtEnd('\n# kept across reloads');
  await files.saved();
  await page.reload();
  await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible();
  expect(await files.designText()).toContain('# kept across reloads');
});

test('a crash loses nothing typed more than a second before', async ({ page }) => {
  const { app } = await openApp(page);
  await app.typeAtEnd('\n# typed a second ago');
  await page.waitForTimeout(1100);
  // What the storage holds now is what a crash would leave: no pagehide or unload has run.
  const stored = await page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sailplan', 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = (store: string, key: string) =>
      new Promise<unknown>((resolve) => {
        const request = database.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result);
      });
    const current = await read('session', 'current');
    const record = (await read('designs', String(current))) as { content: { text: string } };
    database.close();
    return record.content.text;
  });
  expect(stored).toContain('# typed a second ago');
});

test('moving a node is a change: it is autosaved, kept across a reload, and New asks before losing it', async ({
  page,
}) => {
  const { app, files } = await openApp(page);
  const canvas = new CanvasPane(app);
  await canvas.settled();
  await files.saved();
  const gateway = 'Gateway istio-system/default-gateway';
  const before = await canvas.flowPosition(gateway);
  await canvas.dragNode(gateway, 0, 120);
  await expect.poll(() => canvas.flowPosition(gateway)).not.toEqual(before);
  const moved = await canvas.flowPosition(gateway);
  await files.saved();
  await page.reload();
  await canvas.settled();
  expect(await canvas.flowPosition(gateway)).toEqual(moved);
  // The arrangement is work: replacing the design asks first.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  const question = page.getByRole('alertdialog', { name: 'Keep your changes?' });
  await expect(question).toBeVisible();
  // Each answer is drawn, not just present: the danger one on its red fill (white text on a
  // transparent one was once all it had).
  const discard = question.getByRole('button', { name: 'Discard changes' });
  await expect(discard).toBeVisible();
  await expect(discard).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await files.answer('Cancel');
  await expect(app.node('Service default/proxy')).toBeVisible();
});

test('two tabs on one design never overwrite each other silently: the other tab asks which version to keep', async ({
  page,
}) => {
  const { app, files } = await openApp(page);
  await app.typeAtEnd('\n# first tab');
  await files.saved();
  // A second tab opens the same design, then the first tab goes on typing.
  const other = await page.context().newPage();
  const { app: otherApp, files: otherFiles } = await openApp(other);
  expect(await otherFiles.designText()).toContain('# first tab');
  await app.insertAtEnd('\n# first tab again');
  await files.saved();

  // The second tab says so, and autosave stops there until the user chooses.
  const question = other.getByRole('alertdialog', { name: 'This design changed in another tab' });
  await expect(question).toBeVisible();
  await expect(otherFiles.toolbar.getByText('Not saved', { exact: true })).toBeVisible();
  await otherFiles.answer('Keep mine as a copy');
  await expect(otherFiles.designName()).toHaveText(/^Untitled design \(/);
  await otherFiles.saved();

  // From now on each tab writes its own design: neither is asked again, neither loses a line.
  await otherApp.insertAtEnd('\n# second tab');
  await otherFiles.saved();
  const designs = await otherFiles.openMenu('Designs');
  await expect(designs.getByRole('menuitemradio', { name: /^Untitled design \(/ })).toBeVisible();
  await other.keyboard.press('Escape');
  expect(await otherFiles.designText()).toContain('# second tab');
  expect(await files.designText()).toContain('# first tab again');
  expect(await files.designText()).not.toContain('# second tab');
  await expect(page.getByRole('alertdialog')).toBeHidden();
});

test('a tab can take the version another tab saved', async ({ page }) => {
  const { app, files } = await openApp(page);
  await app.typeAtEnd('\n# first tab');
  await files.saved();
  const other = await page.context().newPage();
  const { app: otherApp, files: otherFiles } = await openApp(other);
  await otherApp.insertAtEnd('\n# second tab');
  await otherFiles.saved();
  await files.answer('Load the other tab’s version');
  expect(await files.designText()).toContain('# second tab');
  await app.insertAtEnd('\n# and the first again');
  await files.saved();
  await expect(
    other.getByRole('alertdialog', { name: 'This design changed in another tab' }),
  ).toBeVisible();
});

test('designs are saved under names, renamed, reopened and deleted', async ({ page }) => {
  const { app, files } = await openApp(page);
  await files.choose('Designs', 'Save as…');
  const dialog = page.getByRole('dialog', { name: 'Save the design as' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Shop ingress');
  await files.answer('Save');
  await expect(files.designName()).toHaveText('Shop ingress');

  await files.choose('Designs', 'Rename…');
  await page
    .getByRole('dialog', { name: 'Rename the design' })
    .getByRole('textbox')
    .fill('Shop edge');
  await files.answer('Rename');
  await expect(files.designName()).toHaveText('Shop edge');
  await app.typeAtEnd('\n# shop edge');
  await files.saved();

  // A named design is kept: New asks nothing.
  await files.button('New').click();
  await expect(files.designName()).toHaveText('Untitled design');
  await expect(app.node('Gateway istio-system/default-gateway')).toHaveCount(0);
  expect(await files.designText()).toBe('');

  // A name in use is refused.
  await files.choose('Designs', 'Save as…');
  await page
    .getByRole('dialog', { name: 'Save the design as' })
    .getByRole('textbox')
    .fill('shop EDGE');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'already exists' })).toBeVisible();
  await files.answer('Cancel');

  await files.choose('Designs', 'Shop edge');
  await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible();
  expect(await files.designText()).toBe(`${seed}\n# shop edge`);
  const menu = await files.openMenu('Designs');
  await expect(menu.getByRole('menuitemradio', { name: 'Shop edge' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await page.keyboard.press('Escape');

  await files.choose('Designs', 'Delete…');
  await files.answer('Delete');
  const after = await files.openMenu('Designs');
  await expect(after.getByRole('menuitem', { name: 'No saved designs yet' })).toBeVisible();
  await page.keyboard.press('Escape');
  // The deleted design's content stays open, and is now unsaved work: New asks first.
  expect(await files.designText()).toBe(`${seed}\n# shop edge`);
  await files.button('New').click();
  await expect(page.getByRole('alertdialog', { name: 'Keep your changes?' })).toBeVisible();
  await files.answer('Cancel');
  expect(await files.designText()).toBe(`${seed}\n# shop edge`);
});

test('a saved design that cannot be read is never written over', async ({ page }) => {
  const { app, files } = await openApp(page);
  await files.saved();
  // A damaged record, as another version or a broken profile might leave it, made the current one.
  // It is written from a page of the same origin where the app is not running: the app saves its
  // own design when it is left, and that save must not race this write.
  await page.goto('./favicon.svg');
  await page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sailplan', 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const transaction = database.transaction(['designs', 'summaries', 'session'], 'readwrite');
    const damaged = { id: 'damaged', name: 'Damaged', named: true, updatedAt: 1, size: 1 };
    transaction.objectStore('designs').put({ ...damaged, content: { v: 1, text: 42 } }, 'damaged');
    transaction.objectStore('summaries').put(damaged, 'damaged');
    transaction.objectStore('session').put('damaged', 'current');
    await new Promise((resolve) => (transaction.oncomplete = resolve));
    database.close();
  });
  await app.open();
  await expect(files.notices.getByText(/could not be read/)).toBeVisible();
  // The starting design is open, and edits to it are saved elsewhere.
  expect(await files.designText()).toBe(seed);
  await app.typeAtEnd('\n# new work');
  await files.saved();
  const record = await page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sailplan', 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const value = await new Promise<unknown>((resolve) => {
      const request = database.transaction('designs').objectStore('designs').get('damaged');
      request.onsuccess = () => resolve(request.result);
    });
    database.close();
    return value;
  });
  expect(record).toEqual({
    id: 'damaged',
    name: 'Damaged',
    named: true,
    updatedAt: 1,
    size: 1,
    content: { v: 1, text: 42 },
  });
});
