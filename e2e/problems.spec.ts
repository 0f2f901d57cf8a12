import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { YamlEditorPane } from './fixtures/editor';
import { BottomPanels } from './fixtures/panels';

test('a problem clicked is revealed in the editor and selected on the canvas', async ({ page }) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const editor = new YamlEditorPane(page);
  await app.open();

  // The route is pointed at a host that does not exist.
  await editor.select('host: proxy');
  await editor.insert('host: proxy-v2');
  const problems = await panels.openTab('Problems');
  const list = problems.getByRole('list', { name: 'Problems' });
  const notFound = list.getByRole('button', {
    name: /^error: IST0101 VirtualService default\/proxy/,
  });
  await expect(notFound).toContainText('Referenced host not found: "proxy-v2"');
  await expect(notFound).toContainText('design.yaml:50:15');

  // The editor is scrolled away from it; the click brings its lines into view.
  await editor.goToStart();
  await expect.poll(() => editor.firstVisibleLine()).toBe(1);
  await notFound.click();
  await expect.poll(() => editor.highlightedLines()).toEqual([48, 49, 50]);
  expect(await editor.lineText(50)).toBe('        host: proxy-v2');
  // The rule it is about is selected: the inspector shows it.
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('rule 0');
  await expect(notFound).toBeFocused();
});

test('a silenced finding disappears and stays silenced after a reload', async ({ page }) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const editor = new YamlEditorPane(page);
  await app.open();

  // A Service port whose name does not tell Istio its protocol (IST0118, info).
  await editor.select('- name: http', 3);
  await editor.insert('- name: web');
  const problems = await panels.openTab('Problems');
  const list = problems.getByRole('list', { name: 'Problems' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('IST0118');

  await problems.getByRole('button', { name: 'What is IST0118?' }).click();
  await expect(list).toContainText('PortNameIsNotUnderNamingConvention');

  await problems.getByRole('button', { name: 'Silence IST0118 for Service default/proxy' }).click();
  await expect(problems.getByText('No problems found in the design.')).toBeVisible();
  await expect(problems.getByRole('button', { name: /^Silenced/ })).toContainText('1');

  // The edit and the silenced finding are kept: after a reload it stays silenced.
  await page.waitForTimeout(1200);
  await page.reload();
  expect(await app.findInEditor('- name: web')).toBe('1 of 1');
  const again = await panels.openTab('Problems');
  await expect(again.getByText('No problems found in the design.')).toBeVisible();
  await again.getByRole('button', { name: /^Silenced/ }).click();
  const silenced = again.getByRole('region', { name: 'Silenced findings' });
  await expect(silenced).toContainText(
    'IST0118 PortNameIsNotUnderNamingConvention for Service default/proxy',
  );

  // Reported again on request.
  await silenced.getByRole('button', { name: /^Report IST0118/ }).click();
  await expect(again.getByRole('list', { name: 'Problems' })).toContainText('IST0118');
});

test('problems are filtered by level and walked with the keyboard', async ({ page }) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const editor = new YamlEditorPane(page);
  await app.open();
  await editor.select('host: proxy');
  await editor.insert('host: proxy-v2');
  await editor.select('- name: http', 3);
  await editor.insert('- name: web');

  const problems = await panels.openTab('Problems');
  const list = problems.getByRole('list', { name: 'Problems' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(panels.tab('Problems')).toHaveAccessibleName('Problems');
  await expect(panels.tab('Problems')).toHaveAccessibleDescription('1 error');

  await problems.getByRole('button', { name: /^Errors/ }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('IST0118');
  await problems.getByRole('button', { name: /^Errors/ }).click();

  const rows = list.getByRole('button', { name: /^(error|warning|info):/ });
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
});

test('the cluster domain is set from the Problems panel, written into the design and kept', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const editor = new YamlEditorPane(page);
  await app.open();

  // The route names its Service in the corp.example domain: not found under cluster.local.
  await editor.select('host: proxy');
  await editor.insert('host: proxy.default.svc.corp.example');
  const problems = await panels.openTab('Problems');
  const list = problems.getByRole('list', { name: 'Problems' });
  await expect(list).toContainText('Referenced host not found: "proxy.default.svc.corp.example"');

  const domain = problems.getByRole('textbox', { name: 'Cluster domain' });
  await expect(domain).toHaveValue('cluster.local');
  await domain.fill('corp.example');
  await domain.press('Enter');
  await expect(list).not.toContainText('IST0101');
  await expect(list).toContainText('sets the cluster domain corp.example');
  expect(await app.findInEditor('clusterDomain: corp.example')).toBe('1 of 1');

  // Saved with the design: after a reload the domain is still in force.
  await page.waitForTimeout(1200);
  await page.reload();
  const again = await panels.openTab('Problems');
  await expect(again.getByRole('textbox', { name: 'Cluster domain' })).toHaveValue('corp.example');
  await expect(again.getByRole('list', { name: 'Problems' })).not.toContainText('IST0101');
});
