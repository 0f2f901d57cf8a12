import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { YamlEditorPane } from './fixtures/editor';
import { BottomPanels } from './fixtures/panels';

test('a request saved as a test turns red when the route breaks, and the tab counts the failure', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const editor = new YamlEditorPane(page);
  await app.open();

  // The seed comes with one passing test; the user starts from a clean list.
  let tests = await panels.openTab('Tests');
  await expect(tests.getByRole('status')).toHaveText('1 passed, 0 failed');
  await tests.getByRole('button', { name: /^Remove the test/ }).click();
  await expect(tests.getByText('No route tests yet.', { exact: false })).toBeVisible();

  // A request sent in the Simulator is saved as a test.
  await panels.send('http://example.com/');
  await expect(panels.outcome).toHaveText('proxy.default.svc.cluster.local:80');
  tests = await panels.openTab('Tests');
  await tests.getByRole('button', { name: 'Save as test' }).click();
  const name = tests.getByRole('textbox', { name: 'Test name' });
  await expect(name).toHaveValue('GET example.com/ reaches proxy');
  await name.fill('the root reaches the proxy');
  await name.press('Enter');
  const rows = tests.getByRole('list', { name: 'Route tests' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('the root reaches the proxy');
  await expect(tests.getByRole('status')).toHaveText('1 passed, 0 failed');
  await expect(panels.tab('Tests')).toHaveAccessibleName('Tests');

  // The route is broken in the YAML: the test fails, says why, and the tab shows 1 failure.
  await editor.select('host: proxy');
  await editor.insert('host: web');
  await expect(tests.getByRole('status')).toHaveText('0 passed, 1 failed');
  await expect(rows.first()).toContainText('failed');
  const difference = tests.getByRole('table', {
    name: 'What differs in “the root reaches the proxy”',
  });
  await expect(difference.getByRole('row', { name: /destination/ })).toContainText(
    'proxy.default.svc.cluster.local port 80',
  );
  await expect(panels.tab('Tests')).toHaveAccessibleName('Tests');
  await expect(panels.tab('Tests')).toHaveAccessibleDescription('1 failing test');
  await expect(panels.tab('Tests').getByText('1', { exact: true })).toBeVisible();

  // Fixing the route turns it green again; the tests are kept with the design across a reload.
  await editor.select('host: web');
  await editor.insert('host: proxy');
  await expect(tests.getByRole('status')).toHaveText('1 passed, 0 failed');
  await page.waitForTimeout(1200);
  await page.reload();
  tests = await panels.openTab('Tests');
  await expect(tests.getByRole('list', { name: 'Route tests' })).toContainText(
    'the root reaches the proxy',
  );
});

test('tests are imported from a file and exported as one, and coverage names the rules no test reaches', async ({
  page,
}, testInfo) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  await app.open();
  await panels.openExample('Header routing with subsets');
  const tests = await panels.openTab('Tests');
  await expect(tests.getByRole('status')).toHaveText('4 passed, 0 failed');
  await expect(tests.getByText('3 of 3 rules reached by a test')).toBeVisible();

  // Export: the file is the design's tests, as they are.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    tests.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('design.tests.yaml');
  const exported = readFileSync((await download.path()) ?? '', 'utf8');
  expect(exported).toContain('- name: jason sees reviews v2');

  // Only the first test kept: two rules are reached by none.
  for (const name of [
    'other paths are not routed',
    'jason sees reviews v2',
    'everyone else sees reviews v1',
  ]) {
    await tests.getByRole('button', { name: `Remove the test “${name}”` }).click();
  }
  await expect(tests.getByText('1 of 3 rules reached by a test')).toBeVisible();
  const unreached = tests.getByRole('list', { name: 'Rules no test reaches' });
  await expect(unreached.getByRole('button')).toHaveText([
    'bookinfo/reviews http[0] "jason-sees-v2"',
    'bookinfo/reviews http[1] "everyone-else"',
  ]);

  // Import the exported file back, added to the one kept (its duplicate renamed).
  const file = testInfo.outputPath('bookinfo.tests.yaml');
  await download.saveAs(file);
  await tests.getByLabel('Tests file to import').setInputFiles(file);
  await tests
    .getByRole('group', { name: 'Import tests' })
    .getByRole('button', { name: 'Add them' })
    .click();
  await expect(tests.getByRole('status')).toHaveText('5 passed, 0 failed');
  await expect(tests.getByText('the product page is public through the gateway (2)')).toBeVisible();
  await expect(unreached).toHaveCount(0);
});
