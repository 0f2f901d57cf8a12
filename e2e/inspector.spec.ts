import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { DesignFiles } from './fixtures/designFiles';
import { findRegexInEditor, InspectorPanel } from './fixtures/inspector';

test.describe('the inspector', () => {
  let app: SailplanApp;
  let inspector: InspectorPanel;

  test.beforeEach(async ({ page }) => {
    app = new SailplanApp(page);
    inspector = new InspectorPanel(app);
    await app.open();
    await app.editorText();
  });

  test('a user adds a header match to the seed rule and finds it in the YAML', async ({ page }) => {
    await inspector.selectPart('VirtualService default/proxy', 'rule 0');
    await expect(inspector.panel).toContainText('First match wins: this rule is tried first.');
    await expect(inspector.panel).toContainText('No conditions: this rule matches every request.');

    await inspector.button('Add condition').click();
    const condition = inspector.card('Condition 1');
    await condition.getByRole('textbox', { name: 'Condition 1 New header name' }).fill('x-canary');
    await condition
      .getByRole('combobox', { name: 'Condition 1 New header match type' })
      .selectOption('exact');
    await condition.getByRole('textbox', { name: 'Condition 1 New header value' }).fill('beta');
    await condition.getByRole('button', { name: 'Condition 1 Add header match' }).click();

    await expect(
      condition.getByRole('textbox', { name: 'Condition 1 Header x-canary value' }),
    ).toHaveValue('beta');
    expect(await findRegexInEditor(app, 'x-canary:\\n\\s+exact: beta')).toBe('1 of 1');

    // One undo per gesture: the header goes, the condition stays.
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await app.findInEditor('x-canary')).toBe('No results');
    expect(await findRegexInEditor(app, 'match:\\n\\s+- uri:\\n\\s+prefix: /\\n')).toBe('1 of 1');
  });

  test('a user splits the traffic and changes a weight', async () => {
    await inspector.select('VirtualService default/proxy');
    await inspector.button('Edit rule 0').click();
    await inspector.field('New destination host', 'combobox').fill('proxy-canary');
    await inspector.button('Add destination').click();
    await expect(inspector.card(/^Destination 2/)).toContainText('50%');

    const first = inspector.card(/^Destination 1/);
    await inspector.commit(first.getByRole('textbox', { name: 'Destination 1 Weight' }), '80');

    await expect(first).toContainText('= 80%');
    await expect(inspector.card(/^Destination 2/)).toContainText('20%');
    expect(await findRegexInEditor(app, 'host: proxy\\n\\s+weight: 80')).toBe('1 of 1');
    expect(await findRegexInEditor(app, 'host: proxy-canary\\n\\s+weight: 20')).toBe('1 of 1');
  });

  test('removing the last destination of a rule asks first: the rule goes with it', async ({
    page,
  }) => {
    await inspector.select('VirtualService default/proxy');
    await inspector.button('Add rule').click();
    // The new rule routes to proxy only; removing that destination would leave `route: []`.
    await inspector.button('Remove destination 1').click();
    const dialog = page.getByRole('dialog', { name: /^Delete the route to proxy of / });
    await expect(dialog.getByRole('list', { name: 'What else changes' })).toContainText(
      'so it is removed with it',
    );
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toBeHidden();
    expect(await app.findInEditor('prefix: /new')).toBe('No results');
    expect(await app.findInEditor('route: []')).toBe('No results');
  });

  test('renaming a subset: the routes follow, a bad name is refused in Istio’s words', async ({
    page,
  }) => {
    await new DesignFiles(page).choose('Examples', 'Canary split');
    await expect(app.node('VirtualService shop/storefront')).toBeVisible();
    await app.node('DestinationRule shop/storefront').click();
    const subset = inspector.card('Subset canary');
    const name = subset.getByRole('textbox', { name: 'Subset canary Name' });

    await inspector.commit(name, 'Canary_2');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(subset.getByRole('alert')).toHaveText('subset name is invalid: Canary_2');
    expect(await app.findInEditor('Canary_2')).toBe('No results');

    await inspector.commit(name, 'next');
    await expect(inspector.card('Subset next')).toBeVisible();
    expect(await app.findInEditor('subset: next')).toMatch(/^[12] of 2$/);
    expect(await app.findInEditor('subset: canary')).toBe('No results');

    // One gesture, one undo: the subset and both routes go back together.
    await page.getByRole('button', { name: 'Undo' }).click();
    expect(await app.findInEditor('subset: canary')).toMatch(/^[12] of 2$/);
  });

  test('a port out of range is refused where it was typed', async () => {
    await inspector.select('Gateway istio-system/default-gateway');
    const port = inspector
      .card(/^Server 1/)
      .getByRole('textbox', { name: 'Server 1 Port', exact: true });
    await inspector.commit(port, '70000');
    await expect(port).toHaveAttribute('aria-invalid', 'true');
    await expect(inspector.panel.getByRole('alert')).toHaveText(
      'port number 70000 must be in the range 1..65535',
    );
    expect(await app.findInEditor('70000')).toBe('No results');
  });

  test('a user reorders rules by drag and by keyboard: first match wins', async ({ page }) => {
    await inspector.select('VirtualService default/proxy');
    await inspector.button('Add rule').click();
    // The new rule (before the catch-all) is selected: it gets a name.
    await inspector.commit(inspector.field('Name'), 'canary');
    await inspector.button('Back to VirtualService default/proxy').click();
    await expect(inspector.panel).toContainText('First match wins');
    await expect.poll(() => inspector.ruleNames()).toEqual(['canary', 'rule 1']);

    // Drag the catch-all above the canary rule.
    const rules = inspector.panel.getByRole('list', { name: 'HTTP rules in match order' });
    await rules
      .getByRole('listitem')
      .nth(1)
      .dragTo(rules.getByRole('listitem').nth(0), {
        targetPosition: { x: 40, y: 4 },
      });
    await expect.poll(() => inspector.ruleNames()).toEqual(['rule 0', 'canary']);

    // And back with the keyboard: the focus stays on the moved rule's buttons.
    await inspector.button('Move canary up').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => inspector.ruleNames()).toEqual(['canary', 'rule 1']);
    await expect(inspector.button('Move canary down')).toBeFocused();

    // Undo takes back the keyboard move only: the YAML has the dragged order.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => inspector.ruleNames()).toEqual(['rule 0', 'canary']);
    expect(await findRegexInEditor(app, '- route:(\\n.*)*\\n\\s+prefix: /new')).toBe('1 of 1');
    expect(await findRegexInEditor(app, 'prefix: /new(\\n.*)*\\n  - route:')).toBe('No results');
  });

  test('deleting a Service lists the VirtualService that goes with it', async ({ page }) => {
    await inspector.select('Service default/proxy');
    const dialog = page.getByRole('dialog', { name: 'Delete Service default/proxy?' });

    // The Delete key on the selected canvas node asks first; Escape closes the dialog.
    await page.keyboard.press('Delete');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // So does the inspector's Delete button, and the focus comes back to it.
    const deleteButton = inspector.button('Delete Service default/proxy…');
    await deleteButton.click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(deleteButton).toBeFocused();

    await deleteButton.click();
    const effects = dialog.getByRole('list', { name: 'What else changes' });
    await expect(effects).toContainText('VirtualService default/proxy');
    await expect(effects).toContainText('every route it has goes only to Service default/proxy');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Delete' }).click();

    await expect(dialog).toBeHidden();
    await expect(app.node('Service default/proxy')).toHaveCount(0);
    // Every route of the VirtualService went to the Service: it goes too, never as `http: []`.
    await expect(app.node('VirtualService default/proxy')).toHaveCount(0);
    expect(await app.findInEditor('host: proxy')).toBe('No results');
    expect(await app.findInEditor('http: []')).toBe('No results');

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(app.node('Service default/proxy')).toBeVisible();
    expect(await app.findInEditor('host: proxy')).toBe('1 of 1');
  });

  test('renaming a Gateway: the VirtualService follows, undo restores', async ({ page }) => {
    await inspector.select('Gateway istio-system/default-gateway');
    await inspector.commit(inspector.field('Name'), 'public-gateway');

    await expect(app.node('Gateway istio-system/public-gateway')).toBeVisible();
    await expect(inspector.field('Name')).toHaveValue('public-gateway');
    expect(await app.findInEditor('- istio-system/public-gateway')).toBe('1 of 1');
    expect(await app.findInEditor('default-gateway')).toBe('No results');

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(app.node('Gateway istio-system/default-gateway')).toBeVisible();
    expect(await app.findInEditor('- istio-system/default-gateway')).toBe('1 of 1');
  });
});
