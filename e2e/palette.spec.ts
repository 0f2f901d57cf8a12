import { expect, test } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { CanvasPane } from './fixtures/canvas';

// Room for the canvas beside the inspector and the editor, as on a laptop screen.
test.use({ viewport: { width: 1600, height: 1000 } });

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
});
