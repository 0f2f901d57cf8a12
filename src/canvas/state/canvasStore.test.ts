import { describe, expect, it, vi } from 'vitest';
import { createSailplanStore, type SailplanStore } from '../../store';
import { createInThreadLayoutEngine, type LayoutEngine } from '../layout/layoutEngine';
import {
  DETAILED_LAYOUT_LIMIT,
  type LayoutPositions,
  type LayoutRequest,
} from '../layout/layoutRequest';
import { DESIGNS } from '../testing/designs';
import { SIMPLIFIED_VIEW_ABOVE } from '../model/views';
import { createCanvasStore, type CanvasStore } from './canvasStore';

const SEED_IDS = [
  'Service/istio-system/istio-ingressgateway',
  'Gateway/istio-system/default-gateway',
  'VirtualService/default/proxy',
  'Service/default/proxy',
];

async function openCanvas(
  text: string,
): Promise<{ app: SailplanStore; canvas: CanvasStore; stop: () => void }> {
  const app = createSailplanStore({ text });
  const canvas = createCanvasStore({ app, layout: createInThreadLayoutEngine() });
  const stop = canvas.getState().connect();
  // The first layout runs ELK; its positions land in the app store.
  await vi.waitFor(
    () => {
      const { positions } = app.getState();
      expect(
        app.getState().lastGood.topology.nodes.every((node) => positions[node.id] !== undefined),
      ).toBe(true);
      expect(canvas.getState().layoutState).toBe('idle');
    },
    { timeout: 20_000 },
  );
  return { app, canvas, stop };
}

/** The seed and as many Services again as the canvas draws whole, in three namespaces. */
function seedGrownLarge(): string {
  const services = Array.from(
    { length: SIMPLIFIED_VIEW_ABOVE },
    (_, index) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${index}\n  namespace: team-${index % 3}\nspec:\n  ports:\n  - port: 80\n`,
  );
  return `${DESIGNS.seedIngress}\n---\n${services.join('---\n')}`;
}

/** The ids of the nodes the canvas draws, sorted. */
function drawnIds(canvas: CanvasStore): string[] {
  return canvas
    .getState()
    .nodes.map((node) => node.id)
    .sort();
}

function nodeOf(canvas: CanvasStore, id: string) {
  return canvas.getState().nodes.find((node) => node.id === id);
}

describe('the canvas store', () => {
  it('given the seed, then it lays the design out left to right and draws every node there', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.seedIngress);
    const { positions } = app.getState();
    const xs = SEED_IDS.map((id) => positions[id]?.x ?? NaN);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const id of SEED_IDS) expect(nodeOf(canvas, id)?.position).toEqual(positions[id]);
    expect(canvas.getState().edges.map((edge) => edge.id)).toHaveLength(3);
    stop();
  });

  it('given an edit, then arranged nodes keep their positions and the new one lands beside its neighbour', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.seedIngress);
    app.getState().moveNode('VirtualService/default/proxy', { x: 1000, y: 700 });
    const before = app.getState().positions;
    const result = app.getState().dispatch({
      type: 'route.addDestination',
      virtualService: 'VirtualService/default/proxy',
      rule: 0,
      destination: { host: 'proxy-v2' },
    });
    expect(result.ok).toBe(true);
    // The new destination is a missing host: it gets a place right of the VirtualService.
    await vi.waitFor(() =>
      expect(
        app.getState().positions['missing:host/proxy-v2.default.svc.cluster.local'],
      ).toBeDefined(),
    );
    const after = app.getState().positions;
    for (const id of SEED_IDS) expect(after[id]).toEqual(before[id]);
    const placed = after['missing:host/proxy-v2.default.svc.cluster.local'];
    expect(placed?.x).toBeGreaterThan(1000 + 264);
    expect(nodeOf(canvas, 'VirtualService/default/proxy')?.position).toEqual({ x: 1000, y: 700 });
    stop();
  });

  it('given a drag, then the position is kept as view state and the YAML is untouched', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.seedIngress);
    const text = app.getState().text;
    const id = 'Gateway/istio-system/default-gateway';
    canvas
      .getState()
      .onNodesChange([{ type: 'position', id, position: { x: 5, y: 6 }, dragging: true }]);
    expect(nodeOf(canvas, id)?.position).toEqual({ x: 5, y: 6 });
    canvas
      .getState()
      .onNodesChange([{ type: 'position', id, position: { x: 15, y: 16 }, dragging: false }]);
    expect(app.getState().positions[id]).toEqual({ x: 15, y: 16 });
    expect(app.getState().text).toBe(text);
    stop();
  });

  it('given a rename typed in the YAML, then the renamed node keeps its place', async () => {
    const { app, stop } = await openCanvas(DESIGNS.seedIngress);
    app.getState().moveNode('Service/default/proxy', { x: 2000, y: 30 });
    app
      .getState()
      .replaceText(
        DESIGNS.seedIngress.replace(
          /name: proxy\nspec:\n {2}selector/,
          'name: proxy2\nspec:\n  selector',
        ),
      );
    await vi.waitFor(() =>
      expect(app.getState().positions['Service/default/proxy2']).toEqual({ x: 2000, y: 30 }),
    );
    stop();
  });

  it('given a click on a node and then its rule, then the selection is the node, then the rule, from the canvas', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.seedIngress);
    const id = 'VirtualService/default/proxy';
    canvas.getState().onNodesChange([{ type: 'select', id, selected: true }]);
    expect(app.getState().selection).toEqual({ id, origin: 'canvas' });
    // A click on the rule row selects the part first; the node's own select change keeps it.
    app.getState().select({ id: `${id}#http/0`, origin: 'canvas' });
    canvas.getState().onNodesChange([{ type: 'select', id, selected: true }]);
    expect(app.getState().selection?.id).toBe(`${id}#http/0`);
    expect(canvas.getState().selectedPart).toBe(`${id}#http/0`);
    expect(nodeOf(canvas, id)?.selected).toBe(true);
    canvas
      .getState()
      .onEdgesChange([
        { type: 'select', id: 'route:VirtualService/default/proxy#http/0/0', selected: true },
      ]);
    expect(app.getState().selection?.id).toBe('route:VirtualService/default/proxy#http/0/0');
    expect(canvas.getState().edges.find((edge) => edge.selected)?.id).toBe(
      'route:VirtualService/default/proxy#http/0/0',
    );
    stop();
  });

  it('given YAML that does not parse, then the last good diagram stays, frozen', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.seedIngress);
    const positions = app.getState().positions;
    app.getState().replaceText(`${DESIGNS.seedIngress}\n  bad: [unclosed\n`);
    expect(app.getState().derived.syntaxErrors).toBeGreaterThan(0);
    expect(canvas.getState().readOnly).toBe(true);
    expect(canvas.getState().nodes.map((node) => node.id)).toEqual(SEED_IDS);
    expect(canvas.getState().nodes.some((node) => node.draggable || node.connectable)).toBe(false);
    expect(app.getState().positions).toBe(positions);
    stop();
  });

  it('given the toolbar’s Auto layout, then the user’s arrangement is laid out again', async () => {
    const { app, stop } = await openCanvas(DESIGNS.seedIngress);
    const laidOut = app.getState().positions['Gateway/istio-system/default-gateway'];
    app.getState().moveNode('Gateway/istio-system/default-gateway', { x: -900, y: -900 });
    app.getState().requestLayout();
    await vi.waitFor(() =>
      expect(app.getState().positions['Gateway/istio-system/default-gateway']).toEqual(laidOut),
    );
    stop();
  });

  it('given a focus on a Service, then only the request paths through it are drawn, without moving the design', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.bookinfoMesh);
    const positions = app.getState().positions;
    canvas.getState().focusOn('Service/bookinfo/ratings');
    await vi.waitFor(() => expect(canvas.getState().layoutState).toBe('idle'));
    expect(canvas.getState().viewMode).toBe('path');
    expect(canvas.getState().focusLabel).toBe('Service bookinfo/ratings');
    expect(drawnIds(canvas)).toEqual(
      [
        'VirtualService/bookinfo/ratings',
        'Service/bookinfo/ratings',
        'DestinationRule/bookinfo/ratings',
        'Deployment/bookinfo/ratings-v1',
        'Deployment/bookinfo/ratings-v2',
      ].sort(),
    );
    expect(app.getState().positions).toBe(positions);
    canvas.getState().setViewMode('namespaces');
    await vi.waitFor(() =>
      expect(canvas.getState().nodes.map((node) => node.type)).toEqual([
        'namespaceSummary',
        'namespaceSummary',
      ]),
    );
    canvas.getState().setViewMode('all');
    expect(canvas.getState().nodes).toHaveLength(app.getState().lastGood.topology.nodes.length);
    stop();
  });

  it('given namespace groups, then each namespace gets a box behind its nodes, and dragging it moves them', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.bookinfoMesh);
    canvas.getState().setShowGroups(true);
    await vi.waitFor(() => expect(canvas.getState().layoutState).toBe('idle'));
    const group = canvas.getState().nodes.find((node) => node.id === 'namespace:istio-system');
    expect(group?.type).toBe('namespaceGroup');
    const member = 'Service/istio-system/istio-ingressgateway';
    const start = app.getState().positions[member] ?? { x: NaN, y: NaN };
    const origin = group?.position ?? { x: NaN, y: NaN };
    canvas.getState().onNodesChange([
      {
        type: 'position',
        id: 'namespace:istio-system',
        position: { x: origin.x + 50, y: origin.y + 20 },
        dragging: true,
      },
    ]);
    canvas.getState().onNodesChange([
      {
        type: 'position',
        id: 'namespace:istio-system',
        position: { x: origin.x + 50, y: origin.y + 20 },
        dragging: false,
      },
    ]);
    expect(app.getState().positions[member]).toEqual({ x: start.x + 50, y: start.y + 20 });
    expect(canvas.getState().namespaceAt({ x: start.x + 60, y: start.y + 30 })).toBe(
      'istio-system',
    );
    stop();
  });

  it('given a new selection, then only the selected edge changes and the others keep their objects', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.bookinfoMesh);
    const before = canvas.getState().edges;
    const id = 'route:VirtualService/bookinfo/reviews#http/1/0';
    app.getState().select({ id, origin: 'panel' });
    const after = canvas.getState().edges;
    expect(after.filter((edge, index) => edge !== before[index]).map((edge) => edge.id)).toEqual([
      id,
    ]);
    expect(after.find((edge) => edge.id === id)?.selected).toBe(true);
    stop();
  });

  it('given an edit that changes no resource, then the nodes, edges and views are the same objects', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.bookinfoMesh);
    const before = canvas.getState();
    const topology = app.getState().lastGood.topology;
    app.getState().replaceText(`# reviewed\n${DESIGNS.bookinfoMesh}`);
    // Derived again: a new topology, equal to the last.
    expect(app.getState().lastGood.topology).not.toBe(topology);
    const after = canvas.getState();
    expect(after.nodes).toBe(before.nodes);
    expect(after.edges).toBe(before.edges);
    expect(after.views).toBe(before.views);
    stop();
  });

  it('given more links between namespaces than the view draws, then it draws the ingress links and a selected namespace’s, and counts the rest as hidden', async () => {
    const teams = Array.from({ length: 14 }, (_, index) => `team-${index}`);
    const documents = teams.flatMap((team) => [
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: ${team}\nspec:\n  ports:\n  - port: 80\n`,
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: front\n  namespace: ${team}\nspec:\n  hosts: [${team}.example.com]\n  gateways: [istio-system/default-gateway]\n  http:\n${teams
        .filter((other) => other !== team)
        .map(
          (other) =>
            `  - match: [{uri: {prefix: /${other}}}]\n    route: [{destination: {host: api.${other}.svc.cluster.local}}]\n`,
        )
        .join('')}`,
    ]);
    const { canvas, stop } = await openCanvas(
      `${DESIGNS.seedIngress}\n---\n${documents.join('---\n')}`,
    );
    canvas.getState().setViewMode('namespaces');
    const drawn = () => canvas.getState().edges.map((edge) => `${edge.source}->${edge.target}`);
    const touches = (namespace: string) => (link: string) =>
      link.startsWith(`namespace:${namespace}->`) || link.endsWith(`->namespace:${namespace}`);
    // 14 x 13 links between the teams, and 15 out of istio-system, where the Gateway is (to the
    // teams and to the seed's default namespace).
    const ingress = 14 + 1;
    const total = 14 * 13 + ingress;
    await vi.waitFor(() => expect(canvas.getState().hiddenLinks.count).toBe(total - ingress));
    expect(drawn().every((link) => link.startsWith('namespace:istio-system->'))).toBe(true);
    expect(canvas.getState().hiddenLinks.ingress).toEqual(['istio-system']);

    // When the user selects team-3, its 26 links in and out are drawn too, with their counts.
    canvas.getState().onNodesChange([{ type: 'select', id: 'namespace:team-3', selected: true }]);
    expect(nodeOf(canvas, 'namespace:team-3')?.selected).toBe(true);
    expect(drawn().filter(touches('team-3'))).toHaveLength(26 + 1);
    expect(drawn()).toHaveLength(ingress + 26);
    expect(canvas.getState().hiddenLinks.count).toBe(total - ingress - 26);
    expect(
      canvas
        .getState()
        .edges.filter((edge) => touches('team-3')(`${edge.source}->${edge.target}`))
        .every((edge) => edge.data !== undefined && 'labelled' in edge.data && edge.data.labelled),
    ).toBe(true);

    // A click on the pane unselects it: the ingress links alone again.
    canvas.getState().onNodesChange([{ type: 'select', id: 'namespace:team-3', selected: false }]);
    expect(drawn()).toHaveLength(ingress);
    stop();
  }, 30_000);

  it('given a design that grows past a thousand nodes, then the canvas shows its namespaces', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.seedIngress);
    app.getState().replaceText(seedGrownLarge());
    await vi.waitFor(() => expect(canvas.getState().viewMode).toBe('namespaces'), {
      timeout: 20_000,
    });
    await vi.waitFor(() =>
      expect(drawnIds(canvas)).toEqual([
        'namespace:default',
        'namespace:istio-system',
        'namespace:team-0',
        'namespace:team-1',
        'namespace:team-2',
      ]),
    );
    stop();
  });

  it('given a large design undone back to a small one, then the canvas shows it whole again', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.seedIngress);
    app.getState().replaceText(seedGrownLarge());
    await vi.waitFor(() => expect(canvas.getState().viewMode).toBe('namespaces'), {
      timeout: 20_000,
    });
    app.getState().undo();
    await vi.waitFor(() => expect(canvas.getState().viewMode).toBe('all'), { timeout: 20_000 });
    await vi.waitFor(() => expect(drawnIds(canvas)).toEqual([...SEED_IDS].sort()));
    stop();
  });

  it('given the path of a resource that leaves the design, then the canvas opens on the design instead of an empty path', async () => {
    const { app, canvas, stop } = await openCanvas(DESIGNS.bookinfoMesh);
    canvas.getState().focusOn('Service/bookinfo/ratings');
    expect(canvas.getState().viewMode).toBe('path');
    // A change that keeps the focused Service keeps its path.
    app.getState().replaceText(`${DESIGNS.bookinfoMesh}\n# a comment\n`);
    await vi.waitFor(() => expect(app.getState().derived.version).toBe(app.getState().version));
    expect(canvas.getState().viewMode).toBe('path');
    // The seed has no bookinfo: nothing of the path is left.
    app.getState().replaceText(DESIGNS.seedIngress);
    await vi.waitFor(() => expect(canvas.getState().viewMode).toBe('all'));
    expect(canvas.getState().focusLabel).toBeNull();
    await vi.waitFor(() => expect(drawnIds(canvas)).toEqual([...SEED_IDS].sort()));
    stop();
  });

  it('given a large design waiting for its layout, then no node is drawn at the origin; when it answers, every node is drawn there with a size', async () => {
    const held: { request: LayoutRequest; answer: (positions: LayoutPositions) => void }[] = [];
    const layout: LayoutEngine = {
      layout: (request) => new Promise((answer) => held.push({ request, answer })),
      dispose: () => undefined,
    };
    const services = Array.from(
      { length: DETAILED_LAYOUT_LIMIT + 20 },
      (_, index) =>
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${index}\n  namespace: team-${index % 3}\nspec:\n  ports:\n  - port: 80\n`,
    );
    const app = createSailplanStore({ text: services.join('---\n') });
    const canvas = createCanvasStore({ app, layout });
    const stop = canvas.getState().connect();
    expect(canvas.getState().viewMode).toBe('all');
    expect(held).toHaveLength(1);
    // Drawn at the origin, every node would be on screen, so React Flow would mount them all.
    expect(canvas.getState().nodes).toEqual([]);
    expect(canvas.getState().edges).toEqual([]);

    const [first] = held;
    if (first === undefined) throw new Error('no layout requested');
    first.answer(
      Object.fromEntries(
        first.request.nodes.map((node, index) => [node.id, { x: 0, y: index * 200 }]),
      ),
    );
    await vi.waitFor(() => expect(canvas.getState().nodes).toHaveLength(services.length));
    const state = canvas.getState();
    for (const node of state.nodes) {
      expect(node.position).toEqual(app.getState().positions[node.id]);
      // Sized before React Flow draws it, so that its fit view counts the nodes off screen.
      expect(node.measured).toEqual(state.sizeOf(node.id));
    }
    stop();
  });
});
