import { expect, test, type Locator } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { CanvasPane } from './fixtures/canvas';

// Room for the canvas beside the inspector and the editor, as on a laptop screen.
test.use({ viewport: { width: 1600, height: 1000 } });

type Box = { x: number; y: number; width: number; height: number };
const meets = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether a node is in view: inside the canvas, clear of the palette and the minimap. */
async function inView(canvas: CanvasPane, node: Locator): Promise<boolean> {
  const region = await canvas.box(canvas.region.getByRole('application'));
  const box = await canvas.box(node);
  const minimap = canvas.region.getByRole('img', { name: 'Minimap' });
  const minimapBox = (await minimap.count()) > 0 ? await canvas.box(minimap) : null;
  return (
    box.x >= region.x &&
    box.y >= region.y &&
    box.x + box.width <= region.x + region.width &&
    box.y + box.height <= region.y + region.height &&
    !meets(box, await canvas.box(canvas.palette)) &&
    (minimapBox === null || !meets(box, minimapBox))
  );
}

/** The nodes (by name) whose boxes overlap another's. */
async function overlapping(canvas: CanvasPane): Promise<string[]> {
  const nodes = await canvas.region.locator('.react-flow__node[aria-label]').all();
  const boxes = await Promise.all(
    nodes.map(async (node) => ({
      name: (await node.getAttribute('aria-label')) ?? '',
      box: await canvas.box(node),
    })),
  );
  return boxes
    .filter((one) => boxes.some((other) => other !== one && meets(one.box, other.box)))
    .map((one) => one.name);
}

test.describe('the palette', () => {
  test('each kind clicked in the palette becomes a node and a document in the YAML', async ({
    page,
  }) => {
    // Seven additions, each checked in the editor's find widget.
    test.slow();
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();

    const kinds = [
      // What is found once in the YAML when the kind has been added, and not before.
      {
        title: 'LoadBalancer Service',
        node: 'Service istio-system/istio-ingressgateway-2',
        yaml: 'name: istio-ingressgateway-2',
      },
      { title: 'Gateway', node: 'Gateway istio-system/gateway', yaml: 'name: gateway' },
      {
        title: 'VirtualService',
        node: 'VirtualService default/virtual-service',
        yaml: 'name: virtual-service',
      },
      { title: 'Service', node: 'Service default/service', yaml: 'app: service' },
      {
        title: 'DestinationRule',
        node: 'DestinationRule default/destination-rule',
        yaml: 'name: destination-rule',
      },
      {
        title: 'ServiceEntry',
        node: 'ServiceEntry default/service-entry',
        yaml: 'name: service-entry',
      },
      { title: 'Deployment', node: 'Deployment default/deployment', yaml: 'kind: Deployment' },
    ];
    for (const kind of kinds) {
      await canvas.paletteItem(kind.title).click();
      const node = canvas.node(kind.node);
      await expect(node).toBeVisible();
      // The new node is selected, so the inspector shows it at once.
      await expect(node).toHaveClass(/selected/);
      // In free space in view: on no other node, under neither the palette nor the minimap.
      await expect.poll(() => inView(canvas, node)).toBe(true);
      expect(await overlapping(canvas)).toEqual([]);
      expect(await app.findInEditor(kind.yaml)).toBe('1 of 1');
    }
    expect(await app.findInEditor('kind: DestinationRule')).toBe('1 of 1');
    expect(await app.findInEditor('type: LoadBalancer')).toBe('1 of 2');
  });

  test('a kind dragged onto the canvas is added where it was dropped', async ({ page }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();
    // The inspector open first: opening it on the new selection would narrow the canvas, and the
    // view would then move to keep the new node and its neighbours in view.
    await page.getByRole('button', { name: 'Expand the inspector' }).click();
    await expect(page.getByRole('button', { name: 'Collapse the inspector' })).toBeVisible();
    await canvas.settled();

    const pane = await canvas.box(canvas.region.locator('.react-flow__pane'));
    // Below the drawing, clear of the minimap and the controls.
    const drop = { x: pane.x + pane.width * 0.45, y: pane.y + pane.height * 0.78 };
    await canvas.paletteItem('DestinationRule').dragTo(canvas.region.locator('.react-flow__pane'), {
      targetPosition: { x: drop.x - pane.x, y: drop.y - pane.y },
    });

    const node = canvas.node('DestinationRule default/destination-rule');
    await expect(node).toBeVisible();
    const header = await canvas.box(node.locator('.sp-node__header'));
    // The node is held by the middle of its header, where the pointer let it go.
    expect(Math.abs(header.x + header.width / 2 - drop.x)).toBeLessThan(4);
    expect(Math.abs(header.y + header.height / 2 - drop.y)).toBeLessThan(4);
    expect(await app.findInEditor('kind: DestinationRule')).toBe('1 of 1');
  });

  test('a kind dropped on a node is added beside it, not on top of it', async ({ page }) => {
    const app = new SailplanApp(page);
    const canvas = new CanvasPane(app);
    await app.open();
    await canvas.settled();

    const gateway = canvas.node('Gateway istio-system/default-gateway');
    const target = await canvas.box(gateway);
    const pane = await canvas.box(canvas.region.locator('.react-flow__pane'));
    await canvas.paletteItem('Gateway').dragTo(canvas.region.locator('.react-flow__pane'), {
      targetPosition: {
        x: target.x + target.width / 2 - pane.x,
        y: target.y + target.height / 2 - pane.y,
      },
      force: true,
    });

    const added = canvas.node('Gateway istio-system/gateway');
    await expect(added).toBeVisible();
    await expect.poll(() => inView(canvas, added)).toBe(true);
    expect(await overlapping(canvas)).toEqual([]);
  });
});
