import { expect, test } from '@playwright/test';
import { generateMesh } from '../src/engine/testing/generateMesh';
import { SailplanApp } from './fixtures/app';
import { DesignFiles } from './fixtures/designFiles';
import { YamlEditorPane } from './fixtures/editor';

// A design of 5 MB is read by the derive worker: the page shows how far it has got, keeps
// answering meanwhile, and then draws the design on its namespaces view (GitHub issue 7, point 1).

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a 5 MB design pasted into the editor shows its reading progress, then opens on its namespaces, while the page keeps answering', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const app = new SailplanApp(page);
  const files = new DesignFiles(page);
  await app.openSeed();
  await expect(app.editorPane.locator('.view-lines')).toContainText('apiVersion');
  const mesh = generateMesh({ resources: 4500, seed: 1 });
  expect(mesh.text.length).toBeGreaterThan(5 * 1000 * 1000);

  // When the user pastes the design over the seed in the editor,
  await page.evaluate((text) => navigator.clipboard.writeText(text), mesh.text);
  await app.editorPane.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');

  // then the page says how far the reading has got, over the last design it drew,
  const progress = page.getByRole('progressbar', { name: 'Reading the design' });
  await expect(progress).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ has: progress })).toContainText(
    /Reading the design: [\d,]+ of [\d,]+ documents/,
    { timeout: 60_000 },
  );
  await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible();

  // and the page answers input meanwhile: a toolbar menu opens and closes.
  const examples = await files.openMenu('Examples');
  await page.keyboard.press('Escape');
  await expect(examples).toBeHidden();
  await expect(progress).toBeVisible();

  // Once read, the design is drawn and the status is gone. The editor's cursor, at the end of the
  // paste, is in a VirtualService: the canvas shows the path through it.
  await expect(progress).toHaveCount(0, { timeout: 240_000 });
  await expect(app.canvas.getByText(/^Through VirtualService team-\d+\//)).toBeVisible({
    timeout: 60_000,
  });
  // The whole design is there on its namespaces view, one node per namespace.
  await app.canvas.getByRole('button', { name: 'Namespaces', exact: true }).click();
  await expect(
    app.canvas.getByRole('group', { name: /^Namespace team-0, [\d,]+ resources$/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(app.node('Gateway istio-system/default-gateway')).toHaveCount(0);
  // Its thousands of links between namespaces are not all drawn: the canvas says how many are
  // hidden and how to see them; a team's own links are not drawn yet.
  const hiddenLinks = app.canvas
    .getByRole('status')
    .filter({ hasText: /links between (other )?namespaces hidden/ });
  await expect(hiddenLinks).toContainText(
    /[\d,]+ links between namespaces hidden: select a namespace to see its links/,
  );
  const linksOutOfTeam = app.canvas.getByRole('group', {
    name: /^[\d,]+ references? from team-0 to /,
  });
  await expect(linksOutOfTeam).toHaveCount(0);
  // When the user selects the team's namespace, its links are drawn.
  await app.canvas.getByRole('group', { name: /^Namespace team-0, [\d,]+ resources$/ }).click();
  await expect(linksOutOfTeam.first()).toBeAttached();
  await expect(hiddenLinks).toContainText('Showing the links of team-0');
  // Drawn, not refused: no "too large" problem.
  await app.panels.getByRole('tab', { name: /Problems/ }).click();
  await expect(
    page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /SP0003/ }),
  ).toHaveCount(0);

  // The editor says which of its features a text this large turns off, its schema checks too;
  const note = app.editorPane.getByRole('status').filter({ hasText: /^Large text/ });
  await expect(note).toContainText('schema checks are off');
  // once the paste is taken back (Ctrl+Z in the editor), they are on again: a misspelt field
  // of the seed's Gateway is a schema problem at its line.
  const editor = new YamlEditorPane(page);
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(note).toHaveCount(0, { timeout: 60_000 });
  await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible({ timeout: 60_000 });
  await editor.placeCursorAfter('protocol: HTTP');
  await page.keyboard.press('Enter');
  await page.keyboard.type('protocl: TCP');
  // (The analyzer's SP1008 marks it too, at the same place: the schema's own marker is the one
  // that says the schema checks are on.)
  const problem = await editor.findProblem(/Property protocl is not allowed\./);
  expect(problem.line).toBeGreaterThan(0);
});
