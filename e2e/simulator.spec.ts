import { expect, test, type Page } from '@playwright/test';
import { SailplanApp } from './fixtures/app';
import { YamlEditorPane } from './fixtures/editor';
import { DesignFiles } from './fixtures/designFiles';
import { BottomPanels } from './fixtures/panels';

const LOAD_BALANCER = 'Service istio-system/istio-ingressgateway';
const GATEWAY = 'Gateway istio-system/default-gateway';
const VIRTUAL_SERVICE = 'VirtualService default/proxy';
const SERVICE = 'Service default/proxy';

/** The canvas nodes the outcome callout is drawn over. */
function nodesUnderOutcome(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const outcome = document.querySelector('.sp-trace-outcome')?.getBoundingClientRect();
    if (outcome === undefined) return ['(no outcome)'];
    return [...document.querySelectorAll('.react-flow__node[aria-label]')]
      .filter((node) => !node.classList.contains('react-flow__node-namespaceGroup'))
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return (
          box.left < outcome.right &&
          outcome.left < box.right &&
          box.top < outcome.bottom &&
          outcome.top < box.bottom
        );
      })
      .map((node) => node.getAttribute('aria-label') ?? '');
  });
}

test('a request to the seed design is traced from the LoadBalancer to the proxy Service, on the canvas and in the panel', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  await app.open();

  await panels.send('http://example.com/');

  // The outcome, in plain words, in the panel and at the end of the path on the canvas.
  await expect(panels.outcome).toHaveText('proxy.default.svc.cluster.local:80');
  await expect(panels.canvasOutcome).toHaveAccessibleName(
    /^Outcome: proxy\.default\.svc\.cluster\.local:80/,
  );
  // Every node of the ingress chain is on the path, and the rule taken is marked in its node.
  await panels.expectPath([LOAD_BALANCER, GATEWAY, VIRTUAL_SERVICE, SERVICE]);
  expect(await panels.ruleTaken(VIRTUAL_SERVICE, 'rule 0')).toBe(true);
  // The path is brought into view clear of the palette: where it starts is not under it.
  const palette = app.canvas.getByRole('toolbar', { name: 'Add resources' });
  const paletteRight = async () => {
    const box = await palette.boundingBox();
    return box === null ? 0 : box.x + box.width;
  };
  await expect
    .poll(
      async () => ((await app.node(LOAD_BALANCER).boundingBox())?.x ?? 0) - (await paletteRight()),
    )
    .toBeGreaterThan(0);

  // The steps read in order, each with its reason.
  const steps = panels.steps;
  await expect(steps.nth(1)).toContainText(
    'LoadBalancer istio-system/istio-ingressgateway port 80',
  );
  await expect(steps.nth(1)).toContainText('Service port http2 forwards to targetPort 8080');
  await expect(
    steps.filter({ hasText: 'Gateway server istio-system/default-gateway[0]' }),
  ).toHaveCount(1);
  await expect(steps.filter({ hasText: 'default/proxy http[0]' })).toContainText(
    'the rule has no match: it matches every request',
  );

  // A step clicked selects what decided it, and the editor shows those lines.
  const editor = new YamlEditorPane(page);
  await editor.focus();
  await page.getByRole('button', { name: /^default\/proxy http\[0\]/ }).click();
  await expect.poll(() => editor.highlightedLines()).toEqual([48, 49, 50]);
  expect(await editor.lineText(48)).toContain('- route:');
  // Within them, the exact range the step names is marked: the rule's route.
  await expect.poll(() => editor.revealedText()).toBe('route:');
  expect(await editor.revealedLines()).toEqual([48]);
  // Another step, another range: the LoadBalancer's port that let the request in.
  await page
    .getByRole('button', { name: /^LoadBalancer istio-system\/istio-ingressgateway port 80/ })
    .click();
  await expect.poll(() => editor.revealedText()).toBe('name: http2');
  expect(await editor.revealedLines()).toEqual([15]);
});

test('in the header-routing design, changing the header changes the highlighted path', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  await app.open();
  await panels.openExample('Header routing with subsets');

  // The example's request: reviews called by productpage as jason.
  await panels.openTab('Simulator');
  await expect(page.getByRole('textbox', { name: 'Header 1 value' })).toHaveValue('jason');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panels.outcome).toHaveText('reviews.bookinfo.svc.cluster.local:9080, subset v2');
  await panels.expectPath(
    [
      'VirtualService bookinfo/reviews',
      'DestinationRule bookinfo/reviews',
      'Deployment bookinfo/reviews-v2',
    ],
    ['Deployment bookinfo/reviews-v1', 'Gateway bookinfo/bookinfo-gateway'],
  );
  expect(await panels.ruleTaken('VirtualService bookinfo/reviews', 'jason-sees-v2')).toBe(true);
  // The outcome is beside reviews-v2 and on no node: reviews-v3 is drawn under it.
  await expect.poll(() => nodesUnderOutcome(page)).toEqual([]);

  // Another user: the header no longer matches, and the path moves to v1.
  await page.getByRole('textbox', { name: 'Header 1 value' }).fill('alice');
  await page.getByRole('textbox', { name: 'Header 1 value' }).press('Enter');
  await expect(panels.outcome).toHaveText('reviews.bookinfo.svc.cluster.local:9080, subset v1');
  await panels.expectPath(['Deployment bookinfo/reviews-v1'], ['Deployment bookinfo/reviews-v2']);
  expect(await panels.ruleTaken('VirtualService bookinfo/reviews', 'everyone-else')).toBe(true);
  // The rule passed over is listed with why it failed.
  await expect(panels.rulesTried.first()).toContainText(
    'header end-user: wanted exact "jason", got "alice"',
  );
});

test('a 404 is explained with the rules tried, near misses first', async ({ page }) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  await app.open();
  await panels.openExample('Header routing with subsets');

  await panels.openTab('Simulator');
  await page.getByRole('radio', { name: 'The internet, through' }).check();
  await page.getByRole('button', { name: 'Remove header end-user' }).click();
  await panels.send('http://bookinfo.example.com/api/v1/product');

  await expect(panels.outcome).toHaveText('404: no route (NR)');
  await expect(panels.canvasOutcome).toHaveAccessibleName(/^Outcome: 404: no route \(NR\)/);
  // The path ends at the VirtualService whose rules were all tried: it decided the 404.
  await panels.expectPath(
    ['Gateway bookinfo/bookinfo-gateway', 'VirtualService bookinfo/bookinfo'],
    ['Service bookinfo/productpage'],
  );
  await expect(panels.rulesTried).toHaveCount(5);
  await expect(panels.rulesTried.first()).toContainText('match[4]');
  await expect(panels.rulesTried.first()).toContainText('near miss');
  await expect(panels.rulesTried.first()).toContainText(
    'uri: wanted prefix "/api/v1/products", got "/api/v1/product"',
  );
  await expect(panels.steps.last()).toContainText('No route matched');
  // The nearest miss, clicked, shows the very condition that failed in the YAML.
  const editor = new YamlEditorPane(page);
  await page.getByRole('button', { name: /^Nearest miss: / }).click();
  await expect.poll(() => editor.revealedText()).toBe('uri:');
  expect(await editor.lineText((await editor.revealedLines())[0] ?? 0)).toContain('- uri:');
  expect(await editor.lineText(((await editor.revealedLines())[0] ?? 0) + 1)).toContain(
    'prefix: /api/v1/products',
  );
});

/** True when the canvas's outcome is pinned beside the node named `name`: under it, or above or right of it. */
async function outcomePinnedAt(panels: BottomPanels, name: string): Promise<boolean> {
  const node = await panels.canvasNode(name).boundingBox();
  const outcome = await panels.canvasOutcome.boundingBox();
  if (node === null || outcome === null) return false;
  // Under the node, or above or right of it when another node is drawn there.
  const below = outcome.y >= node.y + node.height - 1;
  const above = outcome.y + outcome.height <= node.y + 1;
  const right = outcome.x >= node.x + node.width - 1;
  return Math.abs(outcome.x - node.x) < 2
    ? below || above
    : Math.abs(outcome.y - node.y) < 2 && right;
}

/** True when the whole node is inside the canvas's visible area. */
async function inView(page: Page, panels: BottomPanels, name: string): Promise<boolean> {
  const canvas = await page.getByRole('region', { name: 'Canvas' }).boundingBox();
  const node = await panels.canvasNode(name).boundingBox();
  if (canvas === null || node === null) return false;
  return (
    node.x >= canvas.x &&
    node.y >= canvas.y &&
    node.x + node.width <= canvas.x + canvas.width &&
    node.y + node.height <= canvas.y + canvas.height
  );
}

test('a 404 near miss from the internet: the VirtualService tried is on the path, the 404 at it, the near miss marked', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  await app.open();
  await panels.openExample('Header routing with subsets');
  await panels.openTab('Simulator');
  await page.getByRole('radio', { name: 'The internet, through' }).check();
  await panels.send('http://bookinfo.example.com/productpag');

  await expect(panels.outcome).toHaveText('404: no route (NR)');
  await expect(panels.rulesTried).toHaveCount(5);
  await expect(panels.rulesTried.first()).toContainText('near miss');
  // On the canvas: the VirtualService whose rules were tried is on the path, in view, and the 404
  // is pinned at it.
  const virtualService = 'VirtualService bookinfo/bookinfo';
  await panels.expectPath(
    [
      'Service istio-system/istio-ingressgateway',
      'Gateway bookinfo/bookinfo-gateway',
      virtualService,
    ],
    ['Service bookinfo/productpage', 'VirtualService bookinfo/reviews'],
  );
  await expect(panels.canvasOutcome).toHaveAccessibleName(/^Outcome: 404: no route \(NR\)/);
  await expect.poll(() => outcomePinnedAt(panels, virtualService)).toBe(true);
  await expect.poll(() => inView(page, panels, virtualService)).toBe(true);
  // The near-miss rule is marked in its node, apart from a rule taken: dashed, and described.
  const nearMiss = panels
    .canvasNode(virtualService)
    .getByRole('button', { description: /near miss/ });
  await expect(nearMiss).toHaveCount(1);
  await expect
    .poll(() => nearMiss.evaluate((row) => getComputedStyle(row).outlineStyle))
    .toBe('dashed');
});

test('a Host no Gateway route table serves: the 404 is pinned at the Gateway, on the path', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  await app.open();
  await panels.openExample('Redirects and rewrites');
  await panels.send('http://nosuch.example.org/');

  await expect(panels.outcome).toHaveText('404: no route (NR)');
  await expect(panels.steps.last()).toContainText('No virtual host for Host nosuch.example.org');
  await panels.expectPath([LOAD_BALANCER, 'Gateway web/web-gateway']);
  await expect.poll(() => outcomePinnedAt(panels, 'Gateway web/web-gateway')).toBe(true);
});

test('Sample shows the trace of the destination drawn, on the canvas and in the steps, until All outcomes', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const files = new DesignFiles(page);
  await app.open();
  await files.choose('Examples', 'Canary split');
  // Sent once the example is open: opening a design clears the trace of the one before.
  await expect(files.designName()).toHaveText('Canary split');
  await panels.send('http://shop.example.com/cart');
  await expect(panels.outcome).toContainText('Split across 2 destinations');
  const stable = 'Deployment shop/storefront-v1';
  const canary = 'Deployment shop/storefront-v2';
  await panels.expectPath([stable, canary]);

  await page.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(panels.outcome).toHaveText(/subset (stable|canary) \(sampled\)$/);
  const drawn = (await panels.outcome.textContent())?.includes('subset stable')
    ? 'stable'
    : 'canary';
  const other = drawn === 'stable' ? 'canary' : 'stable';
  // The canvas highlights the drawn destination only, and the steps hold no other branch.
  await panels.expectPath(
    [drawn === 'stable' ? stable : canary],
    [drawn === 'stable' ? canary : stable],
  );
  await expect(panels.canvasOutcome).toHaveAccessibleName(/\(sampled\)/);
  await expect(panels.steps.filter({ hasText: new RegExp(`Subset ${drawn}`) })).toHaveCount(1);
  await expect(panels.steps.filter({ hasText: new RegExp(`subset ${other}`, 'i') })).toHaveCount(0);
  // The panel says it is a sample, and how to get the whole split back.
  await expect(page.getByText(/A sample: one request/)).toContainText('All outcomes');
  await page.getByRole('button', { name: 'All outcomes' }).click();
  await expect(panels.outcome).toContainText('Split across 2 destinations');
  await panels.expectPath([stable, canary]);
});

test('the trace follows an edit of the design, and Clear removes it from the canvas', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const editor = new YamlEditorPane(page);
  await app.open();
  await panels.send('http://example.com/');
  await expect(panels.outcome).toHaveText('proxy.default.svc.cluster.local:80');

  // The route's host is changed in the YAML: the trace is made again, with no new send.
  await editor.select('host: proxy');
  await editor.insert('host: nowhere');
  await expect(panels.outcome).toHaveText('503: no cluster (NC)');
  await expect(panels.canvasOutcome).toHaveAccessibleName(/^Outcome: 503: no cluster \(NC\)/);

  await page.getByRole('button', { name: 'Clear the trace' }).click();
  await expect(panels.canvasOutcome).toHaveCount(0);
  await expect.poll(() => panels.traceLook(GATEWAY)).toBe('plain');
});

test('picking a ready request is not a change to the design: opening another example does not ask', async ({
  page,
}) => {
  const app = new SailplanApp(page);
  const panels = new BottomPanels(page);
  const files = new DesignFiles(page);
  await app.open();
  await files.choose('Examples', 'Canary split');
  await expect(files.designName()).toHaveText('Canary split');

  // A ready request is picked and sent: the trace shows, the request field holds its URL.
  const ready = page.getByRole('combobox', { name: 'Ready requests' });
  await ready.selectOption({ index: 1 });
  await expect(panels.outcome).not.toHaveText('');
  await files.saved();

  // Opening another example replaces the design at once, with no "Keep your changes?".
  await files.choose('Examples', 'Fault injection');
  await expect(files.designName()).toHaveText('Fault injection');
  await expect(page.getByRole('alertdialog', { name: 'Keep your changes?' })).toHaveCount(0);
});
