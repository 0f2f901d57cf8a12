import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { CanvasPane, exampleText } from './fixtures/canvas';
import { DesignFiles } from './fixtures/designFiles';
import { YamlEditorPane } from './fixtures/editor';

// Room for the canvas beside the inspector and the editor, as on a laptop screen.
test.use({ viewport: { width: 1600, height: 1000 } });

test.describe('the canvas draws the design', () => {
  test('the seed design flows left to right, each reference an edge named for what it does', async ({
    page,
  }, testInfo) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();

    const chain = [
      'Service istio-system/istio-ingressgateway',
      'Gateway istio-system/default-gateway',
      'VirtualService default/proxy',
      'Service default/proxy',
    ];
    const lefts: number[] = [];
    for (const name of chain) lefts.push((await canvas.box(canvas.node(name))).x);
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);

    await expect(
      canvas.edge(
        'Service istio-system/istio-ingressgateway sends traffic to Gateway istio-system/default-gateway on port 80',
      ),
    ).toHaveCount(1);
    await expect(
      canvas.edge(
        'Gateway istio-system/default-gateway server 1 binds VirtualService default/proxy for *',
      ),
    ).toHaveCount(1);
    await expect(
      canvas.edge(
        'VirtualService default/proxy rule 0 routes 100% to Service default/proxy port 80',
      ),
    ).toHaveCount(1);

    // Parts are rows with their own names: the Gateway's server, the VirtualService's rule.
    await expect(canvas.part('Gateway istio-system/default-gateway', 'server 1')).toContainText(
      'HTTP',
    );
    await expect(canvas.part('VirtualService default/proxy', 'rule 0')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('seed.png') });
  });

  test('a larger design shows rules in order, subsets, weights and a mirror', async ({
    page,
  }, testInfo) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.loadDesign(exampleText('bookinfo-mesh'));
    await expect(canvas.node('VirtualService bookinfo/reviews')).toBeVisible();
    await canvas.settled();

    const rules = canvas
      .node('VirtualService bookinfo/reviews')
      .getByRole('region', { name: 'Rules' });
    await expect(rules.getByRole('button')).toHaveText([/jason/, /canary/]);
    await expect(canvas.part('DestinationRule bookinfo/reviews', 'subset v3')).toContainText(
      'version=v3',
    );
    await expect(canvas.part('Gateway bookinfo/bookinfo-gateway', 'server 2')).toContainText(
      'SIMPLE',
    );

    const canary = canvas.edge(
      'VirtualService bookinfo/reviews canary routes 90% to Service bookinfo/reviews subset v1 port 9080',
    );
    await expect(canary).toHaveCount(1);
    const labels = canvas.region.locator('.sp-edge-label');
    await expect(labels.filter({ hasText: /^90%/ })).toHaveText('90%v1');
    await expect(labels.filter({ hasText: /^10%/ })).toHaveText('10%v3');
    // The mirror is an edge of its own kind, drawn dashed.
    const mirror = canvas.edge(
      'VirtualService bookinfo/ratings rule 0 mirrors 10% of requests to Service bookinfo/ratings subset v2',
    );
    await expect(mirror.locator('.sp-edge--mirror')).toHaveCount(1);
    await expect(labels.filter({ hasText: 'mirror 10%' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('bookinfo.png') });
  });

  test('zoomed far out, the edges’ weights are not drawn; zoomed back in, they are', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.loadDesign(exampleText('bookinfo-mesh'));
    await canvas.settled();
    const weights = canvas.region.locator('.sp-edge-label').filter({ hasText: /^90%/ });
    await expect(weights).toHaveCount(1);

    // Below a quarter of their size the labels' text is two pixels high: not drawn.
    const zoomOut = canvas.region.getByRole('button', { name: 'Zoom Out' });
    for (let click = 0; click < 8; click += 1) await zoomOut.click();
    await expect(canvas.region.locator('.sp-edge-label')).toHaveCount(0);
    // The edges themselves still are, with their names.
    await expect(
      canvas.edge(
        'VirtualService bookinfo/reviews canary routes 90% to Service bookinfo/reviews subset v1 port 9080',
      ),
    ).toHaveCount(1);

    await canvas.fitView();
    await expect(weights).toHaveText('90%v1');
  });

  test('a reference to nothing is drawn in the warning style, with its reason on hover', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.loadDesign(exampleText('seed-ingress').replace('host: proxy', 'host: prxy'));

    const missing = canvas.node('Host prxy.default.svc.cluster.local (missing)');
    await expect(missing).toBeVisible();
    const dangling = canvas.edge(
      /routes 100% to Host prxy.default.svc.cluster.local \(missing\)\. Problem: no Service or ServiceEntry has host prxy/,
    );
    await expect(dangling).toHaveCount(1);
    await expect(dangling.locator('.sp-edge--dangling')).toHaveCount(1);
    // The VirtualService's badge counts the analyzer's problem.
    await expect(
      canvas.node('VirtualService default/proxy').getByRole('img', { name: /1 problem/ }),
    ).toBeVisible();

    await canvas.settled();
    await canvas.region.locator('.sp-edge-label').filter({ hasText: 'problem' }).hover();
    await expect(canvas.region.getByRole('tooltip')).toHaveText(
      'no Service or ServiceEntry has host prxy.default.svc.cluster.local',
    );
  });

  test('an empty design has no minimap, only how to begin; a design brings the minimap back', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    const minimap = canvas.region.getByRole('img', { name: 'Minimap' });
    await app.open();
    await canvas.settled();
    await expect(minimap).toBeVisible();

    await app.editorPane.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect(canvas.region.getByText('Nothing here yet.')).toBeVisible();
    await expect(minimap).toHaveCount(0);

    await canvas.loadDesign(exampleText('seed-ingress'));
    await expect(canvas.node('Gateway istio-system/default-gateway')).toBeVisible();
    await expect(minimap).toBeVisible();
  });

  test('invalid YAML shows a banner and keeps the last good diagram, frozen, until it is fixed', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();

    await app.insertAtEnd('\n  broken: [unclosed\n');

    await expect(canvas.readOnlyBanner).toBeVisible();
    for (const name of ['Gateway istio-system/default-gateway', 'Service default/proxy']) {
      await expect(canvas.node(name)).toBeVisible();
    }
    await expect(canvas.paletteItem('Gateway')).toBeDisabled();
    // Nodes cannot be moved while the YAML is broken (the drag pans the view instead).
    const before = await canvas.flowPosition('Service default/proxy');
    await canvas.dragNode('Service default/proxy', 0, 120);
    expect(await canvas.flowPosition('Service default/proxy')).toEqual(before);

    // Undone in the editor, the YAML parses again and the canvas follows.
    await app.editorPane.locator('.view-lines').click();
    await expect(async () => {
      await page.keyboard.press('ControlOrMeta+Z');
      await expect(canvas.readOnlyBanner).toHaveCount(0, { timeout: 1000 });
    }).toPass();
    await expect(canvas.paletteItem('Gateway')).toBeEnabled();
  });

  test('a dragged node stays where it was put across an edit, and the YAML does not change', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();
    const undo = page.getByRole('button', { name: 'Undo' });
    await expect(undo).toBeDisabled();

    const name = 'Gateway istio-system/default-gateway';
    const start = await canvas.flowPosition(name);
    await canvas.dragNode(name, 40, 140);
    const moved = await canvas.flowPosition(name);
    expect(moved.y - start.y).toBeGreaterThan(100);
    // The drag is view state: there is no edit to undo.
    await expect(undo).toBeDisabled();

    // An edit elsewhere: a new Service from the palette.
    await canvas.paletteItem('Service').click();
    await expect(canvas.node('Service default/service')).toBeVisible();
    await expect(undo).toBeEnabled();
    expect(await canvas.flowPosition(name)).toEqual(moved);
  });
});

test.describe('connecting on the canvas', () => {
  test('a Gateway server connected to a VirtualService binds it: gateways: changes in the YAML', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();
    await canvas.paletteItem('VirtualService').click();
    const added = canvas.node('VirtualService default/virtual-service');
    await expect(added).toBeVisible();
    await canvas.fitView();
    expect(await app.findInEditor('istio-system/default-gateway')).toBe('1 of 1');

    const hint = await canvas.connect(
      canvas.partSource('Gateway istio-system/default-gateway', 'server 1'),
      added,
    );
    expect(hint).toContain('Binds the VirtualService to server 1 of this Gateway');

    await expect(
      canvas.edge(
        /^Gateway istio-system\/default-gateway server 1 binds VirtualService default\/virtual-service/,
      ),
    ).toHaveCount(1);
    expect(await app.findInEditor('istio-system/default-gateway')).toMatch(/ of 2$/);
    expect(await app.findInEditor('gateways:')).toMatch(/ of 2$/);
  });

  test('a connection that means nothing is refused, and the canvas says why', async ({ page }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.fitView();
    const undo = page.getByRole('button', { name: 'Undo' });

    const hint = await canvas.connect(
      canvas.partSource('VirtualService default/proxy', 'rule 0'),
      canvas.node('Gateway istio-system/default-gateway'),
    );
    expect(hint).toContain(
      'Connect from the Gateway to the VirtualService: traffic flows that way',
    );
    const refusal = canvas.region
      .getByRole('status')
      .filter({ hasText: /^Not connected: / })
      .first();
    await expect(refusal).toHaveText(
      'Not connected: Connect from the Gateway to the VirtualService: traffic flows that way',
    );
    await expect(undo).toBeDisabled();
    // Said once: no notice repeats it.
    await expect(page.getByRole('region', { name: 'Notifications' })).not.toContainText(
      'Not connected',
    );

    // It belongs to the place it was dropped: panning the canvas moves it with the drawing.
    const gateway = canvas.node('Gateway istio-system/default-gateway');
    const before = { note: await canvas.box(refusal), node: await canvas.box(gateway) };
    const pane = await canvas.box(canvas.region.locator('.react-flow__pane'));
    // From the empty space below the drawing.
    const from = { x: pane.x + pane.width * 0.35, y: pane.y + pane.height * 0.9 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 60, from.y - 40, { steps: 6 });
    await page.mouse.up();
    // The note is drawn by React from the view's transform, the nodes' layer by React Flow: two
    // frames let the note catch up, and the two may still differ by a pixel or two of rounding (a
    // note left behind would be 40 to 60 px off).
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
        ),
    );
    const after = { note: await canvas.box(refusal), node: await canvas.box(gateway) };
    expect(after.node.x - before.node.x).toBeCloseTo(-60, 0);
    expect(Math.abs(after.note.x - before.note.x - (after.node.x - before.node.x))).toBeLessThan(3);
    expect(Math.abs(after.note.y - before.note.y - (after.node.y - before.node.y))).toBeLessThan(3);
  });
});

test.describe('selection and the keyboard', () => {
  test('Delete on a connection asks first and lists what changes: the rule goes with its last destination, and one undo restores it', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.loadDesign(exampleText('bookinfo-mesh'));
    await expect(canvas.node('Service bookinfo/reviews')).toBeVisible();
    await canvas.fitView();
    expect(await app.findInEditor('name: jason')).toBe('1 of 1');

    // The jason rule's only destination, selected and deleted from the keyboard.
    const jason = canvas.edge(/jason routes 100% to Service bookinfo\/reviews subset v2/);
    await jason.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');

    const dialog = page.getByRole('dialog', {
      name: 'Delete the route to reviews of jason of VirtualService bookinfo/reviews?',
    });
    await expect(dialog.getByRole('list', { name: 'What else changes' })).toContainText(
      'Rule "jason" routed only to reviews, so it is removed with it',
    );
    // Nothing changes until the user confirms.
    await expect(jason).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Delete' }).click();

    await expect(dialog).toHaveCount(0);
    await expect(jason).toHaveCount(0);
    await expect(
      canvas.edge(/canary routes 10% to Service bookinfo\/reviews subset v3/),
    ).toHaveCount(1);
    expect(await app.findInEditor('name: jason')).toBe('No results');

    // One undo brings back the rule and its destination.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(jason).toHaveCount(1);
    expect(await app.findInEditor('name: jason')).toBe('1 of 1');
  });

  test('nodes take the keyboard focus; Enter selects one, and Delete asks to confirm', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();

    const service = canvas.node('Service default/proxy');
    await service.focus();
    await page.keyboard.press('Enter');
    await expect(service).toHaveClass(/selected/);
    await page.keyboard.press('Delete');
    await expect(page.getByRole('dialog')).toContainText('proxy');
    // Nothing is deleted until the user confirms.
    await expect(service).toBeVisible();
  });

  test('a resource chosen in the editor is selected on the canvas', async ({ page }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    const editor = new YamlEditorPane(page);
    await app.open();
    await canvas.settled();
    await editor.placeCursorAfter('kind: VirtualService');
    await expect(canvas.node('VirtualService default/proxy')).toHaveClass(/selected/);
    await editor.placeCursorAfter('name: default-gateway');
    await expect(canvas.node('Gateway istio-system/default-gateway')).toHaveClass(/selected/);
    await expect(canvas.node('VirtualService default/proxy')).not.toHaveClass(/selected/);
  });
});

type Box = { x: number; y: number; width: number; height: number };
const meets = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every node of the drawing lies in the canvas, clear of the palette and of the minimap if shown. */
async function expectWholeAndClear(canvas: CanvasPane): Promise<void> {
  const region = await canvas.box(canvas.region.getByRole('application'));
  const palette = await canvas.box(canvas.palette);
  const minimap = canvas.region.getByRole('img', { name: 'Minimap' });
  const minimapBox = (await minimap.count()) > 0 ? await canvas.box(minimap) : null;
  const nodes = canvas.region.locator('.react-flow__node[aria-label]');
  expect(await nodes.count()).toBeGreaterThan(0);
  for (const node of await nodes.all()) {
    const name = await node.getAttribute('aria-label');
    const box = await canvas.box(node);
    expect(box.x, `${name} left of the canvas`).toBeGreaterThanOrEqual(region.x);
    expect(box.y, `${name} above the canvas`).toBeGreaterThanOrEqual(region.y);
    expect(box.x + box.width, `${name} past the right edge`).toBeLessThanOrEqual(
      region.x + region.width,
    );
    expect(box.y + box.height, `${name} below the canvas`).toBeLessThanOrEqual(
      region.y + region.height,
    );
    expect(meets(box, palette), `${name} under the palette`).toBe(false);
    if (minimapBox !== null)
      expect(meets(box, minimapBox), `${name} under the minimap`).toBe(false);
  }
}

test.describe('a design opens in view', () => {
  test('an example opened beside the open inspector is shown whole, clear of the palette and the minimap', async ({
    page,
  }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    const files = new DesignFiles(page);
    await app.open();
    await canvas.settled();
    await page.getByRole('button', { name: 'Expand the inspector' }).click();
    await expect(page.getByRole('button', { name: 'Collapse the inspector' })).toBeVisible();

    for (const [example, node] of [
      ['A gateway shared by teams', 'Service search/search-api'],
      ['Egress through a ServiceEntry', 'ServiceEntry shop/httpbin'],
    ] as const) {
      await files.choose('Examples', example);
      await expect(canvas.node(node)).toBeVisible();
      await canvas.settled();
      await expectWholeAndClear(canvas);
    }
  });

  test.describe('on a 1280 x 720 screen', () => {
    test.use({ viewport: { width: 1280, height: 720 } });

    test('the seed design is whole and readable, the palette compact; a selection keeps it and its neighbour in view', async ({
      page,
    }) => {
      const app = new SailplanApp(page);
      const canvas = new CanvasPane(app);
      await app.open();
      await canvas.settled();
      await expectWholeAndClear(canvas);
      // Icons only: each still named.
      await expect(canvas.paletteItem('Gateway')).toBeVisible();
      expect((await canvas.box(canvas.palette)).width).toBeLessThan(60);
      const service = canvas.node('Service default/proxy');
      // Readable: at least the zoom a small design was always shown at (0.55).
      expect((await canvas.box(service)).width).toBeGreaterThanOrEqual(264 * 0.5);

      await service.locator('.sp-node__header').click();
      await expect(page.getByRole('button', { name: 'Collapse the inspector' })).toBeVisible();
      const region = await canvas.box(canvas.region.getByRole('application'));
      const palette = await canvas.box(canvas.palette);
      for (const name of ['Service default/proxy', 'VirtualService default/proxy']) {
        await expect
          .poll(async () => {
            const box = await canvas.box(canvas.node(name));
            return (
              box.x >= palette.x + palette.width &&
              box.x + box.width <= region.x + region.width &&
              box.width >= 264 * 0.5
            );
          })
          .toBe(true);
      }
    });
  });
});
