import type { Edge, EdgeChange, Node, NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Topology } from '../../engine';
import type { SailplanState, SailplanStore } from '../../store';
import type { LayoutEngine } from '../layout/layoutEngine';
import {
  DETAILED_LAYOUT_LIMIT,
  layoutColumn,
  toLayoutRequest,
  type LayoutPositions,
  type LayoutRequest,
} from '../layout/layoutRequest';
import { estimateNodeSize, NODE_WIDTH, type Size } from '../model/geometry';
import { selectNamespaceLinks } from '../model/namespaceLinks';
import { placeEdgeLabels } from '../model/labelPlacement';
import { placeNewNodes } from '../model/placement';
import { summarizeProblems } from '../model/problems';
import { isDeepEqual, keepIfEqual } from '../model/structuralSharing';
import {
  buildNodeViews,
  createEdgeMemo,
  selectionNodeOf,
  toFlowEdges,
  toFlowNodes,
  type NodeView,
  type Point,
  type ResourceFlowNode,
  type TrafficEdgeData,
  type TrafficFlowEdge,
} from '../model/projection';
import {
  groupBoxes,
  namespaceNodeId,
  requestPath,
  SIMPLIFIED_VIEW_ABOVE,
  summarizeNamespaces,
  type GroupBox,
  type NamespaceLink,
  type NamespaceSummary,
} from '../model/views';

/** Which nodes the canvas draws. */
export type CanvasViewMode = 'all' | 'namespaces' | 'path';

/** A namespace's box behind its nodes, when groups are shown. */
export type NamespaceGroupFlowNode = Node<
  { readonly namespace: string; readonly members: number },
  'namespaceGroup'
>;

/** A namespace as one node, in the namespaces view. */
export type NamespaceSummaryFlowNode = Node<NamespaceSummary, 'namespaceSummary'>;

/** Any node the canvas draws. */
export type CanvasFlowNode = ResourceFlowNode | NamespaceGroupFlowNode | NamespaceSummaryFlowNode;

/** Traffic between namespaces, in the namespaces view. */
export type NamespaceLinkFlowEdge = Edge<
  {
    readonly count: number;
    readonly labelled: boolean;
    /** Its label's place among the labels of the links into the same namespace (0 first). */
    readonly slot: number;
    /** How many labelled links go into that namespace. */
    readonly slots: number;
  },
  'namespaceLink'
>;

/** Any edge the canvas draws. */
export type CanvasFlowEdge = TrafficFlowEdge | NamespaceLinkFlowEdge;

/** The size of a namespace node in the namespaces view. */
export const SUMMARY_SIZE: Size = { width: 240, height: 132 };

/** The canvas's own view state: what React Flow draws, derived from the app store. */
export interface CanvasState {
  readonly nodes: CanvasFlowNode[];
  readonly edges: CanvasFlowEdge[];
  /** What each resource node draws, by node id; unchanged nodes keep their view object. */
  readonly views: ReadonlyMap<string, NodeView>;
  /** The selected part (`key#http/0`), for its row's highlight. */
  readonly selectedPart: string | null;
  /** True while the YAML has syntax errors: the last good diagram is shown, frozen. */
  readonly readOnly: boolean;
  readonly viewMode: CanvasViewMode;
  /** What the path view is focused on, for its title. */
  readonly focusLabel: string | null;
  readonly showGroups: boolean;
  /**
   * `initial` until something can be drawn (nodes are hidden until then), `running` while ELK
   * works (a small design is drawn meanwhile, each node beside its neighbours), then `idle`.
   */
  readonly layoutState: 'initial' | 'running' | 'idle';
  /** Incremented when the view should fit the drawing (after a layout, a view change). */
  readonly fitRequest: number;
  /**
   * Nodes placed beside their neighbours after an edit (typed or pasted in the YAML), for the view
   * to bring into view: `count` changes with each placement.
   */
  readonly placedRequest: { readonly ids: readonly string[]; readonly count: number };
  /** How many resource nodes the design has (whatever the view shows). */
  readonly designNodes: number;
  /** The edge under the pointer or with the keyboard focus: its reason shows. */
  readonly highlightedEdge: string | null;
  /** The namespace selected in the namespaces view (its node's id): its links are drawn. */
  readonly selectedNamespace: string | null;
  /** How many links between namespaces the namespaces view does not draw, and from where it does. */
  readonly hiddenLinks: { readonly count: number; readonly ingress: readonly string[] };

  readonly onNodesChange: (changes: NodeChange<CanvasFlowNode>[]) => void;
  readonly onEdgesChange: (changes: EdgeChange<CanvasFlowEdge>[]) => void;
  readonly setViewMode: (mode: CanvasViewMode) => void;
  /** Shows only the request paths through a node, or through a namespace's nodes. */
  readonly focusOn: (id: string) => void;
  readonly setShowGroups: (show: boolean) => void;
  readonly highlightEdge: (id: string | null) => void;
  /** The shape of the canvas on screen (width over height), for the namespaces view's grid. */
  readonly setScreenAspect: (ratio: number) => void;
  /** Selects a namespace's node in the namespaces view (null: none). */
  readonly selectNamespace: (id: string | null) => void;
  /** Size of a drawn node: measured once drawn, estimated before. */
  readonly sizeOf: (id: string) => Size;
  /** Where a node is drawn now. */
  readonly positionOf: (id: string) => Point | undefined;
  /** The namespace whose group box holds a point, when groups are shown. */
  readonly namespaceAt: (point: Point) => string | undefined;
  /** Starts watching the app store; returns the function that stops it. */
  readonly connect: () => () => void;
}

/** The canvas store's API. */
export type CanvasStore = StoreApi<CanvasState>;

/** What the canvas reads from the app store. */
function inputsOf(state: SailplanState) {
  return {
    topology: state.lastGood.topology,
    diagnostics: state.lastGood.diagnostics,
    readOnly: state.derived.syntaxErrors > 0,
    positions: state.positions,
    selection: state.selection?.id ?? null,
    layoutRequest: state.layoutRequest,
  };
}

type Inputs = ReturnType<typeof inputsOf>;

function sameInputs(a: Inputs, b: Inputs): boolean {
  return (
    a.topology === b.topology &&
    a.diagnostics === b.diagnostics &&
    a.readOnly === b.readOnly &&
    a.positions === b.positions &&
    a.selection === b.selection &&
    a.layoutRequest === b.layoutRequest
  );
}

/** React Flow compares node objects by identity: keep the previous one when nothing changed. */
function sameFlowNode(a: CanvasFlowNode, b: CanvasFlowNode): boolean {
  return (
    a.type === b.type &&
    a.data === b.data &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.selected === b.selected &&
    a.draggable === b.draggable &&
    a.connectable === b.connectable &&
    a.ariaLabel === b.ariaLabel &&
    a.measured?.width === b.measured?.width &&
    a.measured?.height === b.measured?.height &&
    a.width === b.width &&
    a.height === b.height &&
    // An edited resource's geometry is measured again: equal handles keep the node.
    (a.handles === b.handles || isDeepEqual(a.handles, b.handles))
  );
}

function sameFlowEdge(a: CanvasFlowEdge, b: CanvasFlowEdge): boolean {
  return (
    a.data === b.data &&
    a.selected === b.selected &&
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle
  );
}

function reuse<T extends { readonly id: string }>(
  previous: ReadonlyMap<string, T>,
  next: readonly T[],
  same: (a: T, b: T) => boolean,
): T[] {
  return next.map((item) => {
    const before = previous.get(item.id);
    return before !== undefined && same(before, item) ? before : item;
  });
}

/**
 * `previous` when `next` holds the same objects in the same order. React Flow takes a new array as
 * a new graph (its lookups rebuilt over every node or edge, the canvas drawn again): an edit that
 * changes no node or edge object must not hand it one.
 */
function keepArray<T>(previous: T[], next: T[]): T[] {
  if (previous.length !== next.length) return next;
  for (let index = 0; index < next.length; index += 1) {
    if (previous[index] !== next[index]) return next;
  }
  return previous;
}

/** Options of a canvas store. */
export interface CanvasStoreOptions {
  readonly app: SailplanStore;
  readonly layout: LayoutEngine;
  /** Called when a layout fails, with the reason. */
  readonly onLayoutError?: (message: string) => void;
}

/** Builds the canvas store over the app store. Call `connect()` to follow the app store. */
export function createCanvasStore({ app, layout, onLayoutError }: CanvasStoreOptions): CanvasStore {
  let inputs = inputsOf(app.getState());
  let views: ReadonlyMap<string, NodeView> = new Map();
  let edgeViews = new Map<string, TrafficEdgeData>();
  let flowNodes = new Map<string, CanvasFlowNode>();
  let flowEdges = new Map<string, CanvasFlowEdge>();
  let problems = summarizeProblems(inputs.diagnostics);
  let edgeIds = new Set<string>();
  let lastTopology: Topology | undefined;
  let groups: readonly GroupBox[] = [];
  /**
   * The namespaces view's nodes and links, summarised from the topology when that view reads
   * them: not on every edit of a design shown whole (~10 ms of each keystroke at 1,000).
   */
  let namespacesFor:
    | {
        readonly topology: Topology;
        readonly problems: unknown;
        readonly summaries: readonly NamespaceSummary[];
        readonly links: readonly NamespaceLink[];
      }
    | undefined;
  const namespaceView = () => {
    if (namespacesFor?.topology !== inputs.topology || namespacesFor.problems !== problems) {
      namespacesFor = {
        topology: inputs.topology,
        problems,
        ...summarizeNamespaces(inputs.topology, problems),
      };
    }
    return namespacesFor;
  };
  /** Sizes React Flow measured, by node id. */
  const measured = new Map<string, Size>();
  /** Positions of nodes being dragged, until the drag ends. */
  let dragging: Record<string, Point> = {};
  /** The group being dragged: where its members started. */
  let groupDrag:
    | { readonly id: string; readonly start: Point; readonly members: Record<string, Point> }
    | undefined;
  /** Positions placed for new nodes, until the app store holds them. */
  let placed: Record<string, Point> = {};
  /** Positions of the namespaces and path views: view-local, the design's arrangement stays. */
  let localPositions: Record<string, Point> = {};
  let focusSeeds: readonly string[] = [];
  let handledLayoutRequest = inputs.layoutRequest;
  let layoutGeneration = 0;
  /** The view a layout is running for, if any. */
  let layoutInFlight: string | undefined;
  /** The canvas's width over its height on screen, once known: the namespaces grid takes it. */
  let screenAspect: number | undefined;
  /** Whether the design's arrangement was made with groups (toggling them lays out again). */
  let laidOutAll: string | undefined;
  let viewsBuiltFor: { topology?: Topology; problems?: unknown } = {};

  const store = createStore<CanvasState>()((set, get) => {
    let visibleCache:
      { topology: Topology; seeds: readonly string[]; ids: ReadonlySet<string> } | undefined;
    const visibleIds = (): ReadonlySet<string> | undefined => {
      const { viewMode } = get();
      if (viewMode !== 'path') return undefined;
      if (visibleCache?.topology !== inputs.topology || visibleCache.seeds !== focusSeeds) {
        visibleCache = {
          topology: inputs.topology,
          seeds: focusSeeds,
          ids: requestPath(inputs.topology, focusSeeds),
        };
      }
      return visibleCache.ids;
    };

    const sizeOf = (id: string): Size => {
      const size = measured.get(id);
      if (size !== undefined) return size;
      const node = inputs.topology.byId.get(id);
      if (node !== undefined) return estimateNodeSize(node);
      return id.startsWith('namespace:') ? SUMMARY_SIZE : { width: NODE_WIDTH, height: 80 };
    };

    const usesLocalPositions = () => get().viewMode !== 'all';

    // The same object while nothing moved, so that what depends on positions is not redone.
    let positionsCache:
      { stored: object; placed: object; merged: Readonly<Record<string, Point>> } | undefined;
    const basePositions = (): Readonly<Record<string, Point>> => {
      if (usesLocalPositions()) return localPositions;
      if (positionsCache?.stored !== inputs.positions || positionsCache.placed !== placed) {
        positionsCache = {
          stored: inputs.positions,
          placed,
          merged:
            Object.keys(placed).length === 0
              ? inputs.positions
              : { ...inputs.positions, ...placed },
        };
      }
      return positionsCache.merged;
    };

    /** Lays out the current view's nodes, then draws them there and fits the view. */
    const runLayout = (request: LayoutRequest, viewKey: string) => {
      layoutGeneration += 1;
      const generation = layoutGeneration;
      layoutInFlight = viewKey;
      if (viewKey.startsWith('all|')) laidOutAll = viewKey;
      if (get().layoutState !== 'initial') set({ layoutState: 'running' });
      layout.layout(request).then(
        (positions: LayoutPositions) => {
          if (generation !== layoutGeneration) return;
          layoutInFlight = undefined;
          if (usesLocalPositions()) {
            localPositions = { ...positions };
            dragging = {};
            set({ layoutState: 'idle', fitRequest: get().fitRequest + 1 });
            recompute();
          } else {
            set({ layoutState: 'idle', fitRequest: get().fitRequest + 1 });
            placed = {};
            app.getState().setPositions({ ...app.getState().positions, ...positions });
          }
        },
        (error: unknown) => {
          if (generation !== layoutGeneration) return;
          layoutInFlight = undefined;
          const message = error instanceof Error ? error.message : String(error);
          onLayoutError?.(`Auto layout failed: ${message}`);
          // Still draw the design: new nodes are placed by kind, next to their neighbours.
          if (!usesLocalPositions()) {
            const ids = inputs.topology.nodes.map((node) => node.id);
            placed = placeNewNodes(inputs.topology, ids, { positions: inputs.positions });
          }
          set({ layoutState: 'idle', fitRequest: get().fitRequest + 1 });
          recompute();
        },
      );
    };

    const layoutRequestFor = (visible: ReadonlySet<string> | undefined): LayoutRequest => {
      const { viewMode, showGroups } = get();
      if (viewMode === 'namespaces') {
        const columns = new Map<string, number>();
        for (const node of inputs.topology.nodes) {
          const id = namespaceNodeId(node.namespace === '' ? '(no namespace)' : node.namespace);
          columns.set(id, Math.min(columns.get(id) ?? Infinity, layoutColumn(node)));
        }
        // The ingress namespaces first, then the others by name.
        const ordered = [...namespaceView().summaries].sort(
          (a, b) =>
            (columns.get(a.id) ?? 0) - (columns.get(b.id) ?? 0) ||
            a.namespace.localeCompare(b.namespace),
        );
        return {
          nodes: ordered.map((summary) => ({
            id: summary.id,
            ...SUMMARY_SIZE,
            column: columns.get(summary.id) ?? 0,
            ports: [],
          })),
          // The grid does not route edges: thousands of links need not cross to the worker.
          edges: [],
          grouped: false,
          detail: 'nodes',
          arrangement: 'grid',
          ...(screenAspect === undefined ? {} : { aspectRatio: screenAspect }),
        };
      }
      return toLayoutRequest(inputs.topology, {
        sizes: measured,
        ...(visible === undefined ? {} : { visible }),
        grouped: showGroups && viewMode === 'all',
      });
    };

    /** Starts a layout when the view needs one; places new nodes beside their neighbours. */
    const arrange = (visible: ReadonlySet<string> | undefined) => {
      const { viewMode, showGroups } = get();
      const requested = inputs.layoutRequest !== handledLayoutRequest;
      handledLayoutRequest = inputs.layoutRequest;
      const viewKey =
        viewMode === 'all'
          ? `all|${showGroups}`
          : viewMode === 'namespaces'
            ? 'namespaces'
            : `path|${focusSeeds.join(',')}`;
      if (layoutInFlight === viewKey && !requested) return;
      const ids =
        viewMode === 'namespaces'
          ? namespaceView().summaries.map((summary) => summary.id)
          : inputs.topology.nodes
              .filter((node) => visible === undefined || visible.has(node.id))
              .map((node) => node.id);
      const positions = basePositions();
      const missing = ids.filter((id) => positions[id] === undefined);
      const groupsToggled =
        viewMode === 'all' && laidOutAll !== undefined && laidOutAll !== viewKey;
      if (ids.length > 0 && (requested || groupsToggled || missing.length > ids.length / 2)) {
        runLayout(layoutRequestFor(visible), viewKey);
        // A small design is drawn at once, each node beside its neighbours, until ELK answers
        // (loading ELK in the worker takes a moment); a large one waits hidden.
        if (
          missing.length > 0 &&
          viewMode !== 'namespaces' &&
          ids.length <= DETAILED_LAYOUT_LIMIT
        ) {
          const provisional = placeNewNodes(inputs.topology, missing, {
            positions,
            sizes: measured,
          });
          if (usesLocalPositions()) localPositions = { ...localPositions, ...provisional };
          else placed = { ...placed, ...provisional };
          if (get().layoutState === 'initial') {
            set({ layoutState: 'running', fitRequest: get().fitRequest + 1 });
          }
        }
        return;
      }
      if (viewMode === 'all') laidOutAll = viewKey;
      if (get().layoutState === 'initial' && layoutInFlight === undefined) {
        set({ layoutState: 'idle', fitRequest: get().fitRequest + 1 });
      }
      if (missing.length === 0 || viewMode === 'namespaces') return;
      const renamed = carryRenames(missing);
      const spots = placeNewNodes(
        inputs.topology,
        missing.filter((id) => renamed[id] === undefined),
        { positions: { ...positions, ...renamed }, sizes: measured },
      );
      const newPositions = { ...renamed, ...spots };
      // What the user wrote, not the placeholders of what it refers to (drawn beside it).
      const newIds = Object.keys(spots).filter((id) => {
        const node = inputs.topology.byId.get(id);
        return node !== undefined && node.type !== 'missing' && node.implicit !== true;
      });
      if (newIds.length > 0) {
        set({ placedRequest: { ids: newIds, count: get().placedRequest.count + 1 } });
      }
      if (usesLocalPositions()) {
        localPositions = { ...localPositions, ...newPositions };
        return;
      }
      placed = { ...placed, ...newPositions };
      // Written after this update has reached every subscriber of the app store.
      queueMicrotask(() => {
        const current = app.getState().positions;
        const additions = Object.fromEntries(
          Object.entries(newPositions).filter(([id]) => current[id] === undefined),
        );
        if (Object.keys(additions).length > 0) {
          app.getState().setPositions({ ...current, ...additions });
        }
      });
    };

    /**
     * A node renamed in the YAML gets a new id; when exactly one node of a type is gone and one of
     * that type is new, the new one takes the old one's place (a rename also leaves references to
     * the old name dangling, whose placeholders are new nodes of their own type).
     */
    const carryRenames = (missing: readonly string[]): Record<string, Point> => {
      if (lastTopology === undefined || lastTopology === inputs.topology) return {};
      const positions = basePositions();
      const goneByType = new Map<string, string[]>();
      for (const node of lastTopology.nodes) {
        if (inputs.topology.byId.has(node.id) || positions[node.id] === undefined) continue;
        goneByType.set(node.type, [...(goneByType.get(node.type) ?? []), node.id]);
      }
      if (goneByType.size === 0) return {};
      const addedByType = new Map<string, string[]>();
      for (const id of missing) {
        const type = inputs.topology.byId.get(id)?.type;
        if (type !== undefined) addedByType.set(type, [...(addedByType.get(type) ?? []), id]);
      }
      const carried: Record<string, Point> = {};
      for (const [type, gone] of goneByType) {
        const added = addedByType.get(type) ?? [];
        const [from] = gone;
        const [to] = added;
        const position = from === undefined ? undefined : positions[from];
        if (gone.length === 1 && added.length === 1 && to !== undefined && position !== undefined) {
          carried[to] = position;
        }
      }
      return carried;
    };

    /** Edges as the topology draws them, before label spots and selection: once per version. */
    let edgeBase:
      | { topology: Topology; visible: ReadonlySet<string> | undefined; edges: TrafficFlowEdge[] }
      | undefined;
    /** Each edge's inputs and object, so that an edit elsewhere keeps it. */
    const edgeMemo = createEdgeMemo();
    /** Label spots for those edges at those positions; kept while a node is dragged. */
    let labelled:
      { base: TrafficFlowEdge[]; positions: object; edges: TrafficFlowEdge[] } | undefined;
    /** Each labelled edge by id with the base edge and spot it was made of. */
    let labelledById = new Map<
      string,
      { base: TrafficFlowEdge; at?: number; dy?: number; edge: TrafficFlowEdge }
    >();

    const trafficEdgesFor = (
      topology: Topology,
      visible: ReadonlySet<string> | undefined,
      positions: Readonly<Record<string, Point>>,
      selectedEdge: string | null,
    ): TrafficFlowEdge[] => {
      if (edgeBase?.topology !== topology || edgeBase.visible !== visible) {
        edgeBase = {
          topology,
          visible,
          edges: toFlowEdges(
            topology,
            { selection: null, views, ...(visible === undefined ? {} : { visible }) },
            edgeMemo,
          ),
        };
      }
      const base = edgeBase.edges;
      const dragged = Object.keys(dragging).length > 0;
      if (labelled?.base !== base || (!dragged && labelled.positions !== positions)) {
        const spots = placeEdgeLabels(topology, base, positions, sizeOf);
        const byId = new Map<
          string,
          { base: TrafficFlowEdge; at?: number; dy?: number; edge: TrafficFlowEdge }
        >();
        const edges = base.map((edge) => {
          if (edge.data === undefined) return edge;
          const spot = spots.get(edge.id);
          const prior = labelledById.get(edge.id);
          // The same edge with its label at the same spot: the edge made for it last time.
          if (prior?.base === edge && prior.at === spot?.at && prior.dy === spot?.dy) {
            byId.set(edge.id, prior);
            return prior.edge;
          }
          const data = keepIfEqual(
            edgeViews.get(edge.id),
            spot === undefined ? edge.data : { ...edge.data, labelAt: spot.at, labelDy: spot.dy },
          );
          const labelledEdge = data === edge.data ? edge : { ...edge, data };
          byId.set(edge.id, {
            base: edge,
            ...(spot === undefined ? {} : { at: spot.at, dy: spot.dy }),
            edge: labelledEdge,
          });
          return labelledEdge;
        });
        labelledById = byId;
        edgeViews = new Map(
          edges.flatMap((edge) => (edge.data === undefined ? [] : [[edge.id, edge.data]])),
        );
        labelled = { base, positions, edges };
      }
      if (selectedEdge === null) return labelled.edges;
      return labelled.edges.map((edge) =>
        edge.id === selectedEdge ? { ...edge, selected: true, zIndex: 1 } : edge,
      );
    };

    /** Each link's edge, labelled or not, made once per design version. */
    let linkEdges = new Map<string, NamespaceLinkFlowEdge>();
    let linkEdgesFor: readonly NamespaceLink[] | undefined;
    let namespaceEdgesCache:
      | { links: readonly NamespaceLink[]; focus: string | null; edges: NamespaceLinkFlowEdge[] }
      | undefined;
    /** The namespaces view's edges: all links of a small design, the ones that matter in a large. */
    const namespaceEdges = (): NamespaceLinkFlowEdge[] => {
      const focus = get().selectedNamespace;
      const { summaries, links } = namespaceView();
      if (namespaceEdgesCache?.links === links && namespaceEdgesCache.focus === focus) {
        return namespaceEdgesCache.edges;
      }
      if (linkEdgesFor !== links) {
        linkEdges = new Map();
        linkEdgesFor = links;
      }
      const selection = selectNamespaceLinks(links, summaries, focus);
      // Labels sit beside the namespace a link goes into: those into the same one are stacked.
      const slotsOf = new Map<string, number>();
      const slotOf = new Map<string, number>();
      for (const { link, labelled } of selection.drawn) {
        if (!labelled) continue;
        const taken = slotsOf.get(link.target) ?? 0;
        slotOf.set(link.id, taken);
        slotsOf.set(link.target, taken + 1);
      }
      // A focused namespace's links are drawn over the others (later), but under the boxes:
      // a link across the grid drawn over them struck their text through.
      const ordered = [
        ...selection.drawn.filter(({ labelled }) => !labelled),
        ...selection.drawn.filter(({ labelled }) => labelled),
      ];
      const edges = ordered.map(({ link, labelled }) => {
        const slot = slotOf.get(link.id) ?? 0;
        const slots = slotsOf.get(link.target) ?? 0;
        const key = `${link.id}|${labelled}|${slot}/${slots}`;
        const known = linkEdges.get(key);
        if (known !== undefined) return known;
        const edge: NamespaceLinkFlowEdge = {
          id: link.id,
          type: 'namespaceLink',
          source: link.source,
          target: link.target,
          data: { count: link.count, labelled, slot, slots },
          ariaLabel: `${link.count} ${link.count === 1 ? 'reference' : 'references'} from ${link.source.slice('namespace:'.length)} to ${link.target.slice('namespace:'.length)}`,
          deletable: false,
          selectable: false,
        };
        linkEdges.set(key, edge);
        return edge;
      });
      const hidden = get().hiddenLinks;
      if (hidden.count !== selection.hidden || hidden.ingress.join() !== selection.ingress.join()) {
        set({ hiddenLinks: { count: selection.hidden, ingress: selection.ingress } });
      }
      namespaceEdgesCache = { links, focus, edges };
      return edges;
    };

    const recompute = () => {
      const { topology, readOnly, selection } = inputs;
      const { viewMode, showGroups } = get();
      if (topology !== viewsBuiltFor.topology || problems !== viewsBuiltFor.problems) {
        views = buildNodeViews(topology, problems, views);
        viewsBuiltFor = { topology, problems };
      }
      if (
        lastTopology !== undefined &&
        topology.nodes.length > SIMPLIFIED_VIEW_ABOVE &&
        lastTopology.nodes.length <= SIMPLIFIED_VIEW_ABOVE &&
        viewMode === 'all'
      ) {
        // A design that has just grown large (a paste, an opened file) opens on its namespaces,
        // as a large design loaded at the start does.
        localPositions = {};
        dragging = {};
        set({ viewMode: 'namespaces', fitRequest: get().fitRequest + 1 });
        recompute();
        return;
      }
      const openingView = topology.nodes.length > SIMPLIFIED_VIEW_ABOVE ? 'namespaces' : 'all';
      const shrank =
        lastTopology !== undefined &&
        topology.nodes.length <= SIMPLIFIED_VIEW_ABOVE &&
        lastTopology.nodes.length > SIMPLIFIED_VIEW_ABOVE &&
        viewMode === 'namespaces';
      const pathGone =
        viewMode === 'path' &&
        topology !== lastTopology &&
        focusSeeds.length > 0 &&
        !focusSeeds.some((id) => topology.byId.has(id));
      if (shrank || pathGone) {
        // A design that has just become small again (an undone paste) opens whole; a path whose
        // resources are all gone would draw nothing: the design's opening view instead.
        localPositions = {};
        dragging = {};
        focusSeeds = [];
        set({ viewMode: openingView, focusLabel: null, fitRequest: get().fitRequest + 1 });
        recompute();
        return;
      }
      if (topology !== lastTopology) {
        edgeIds = new Set(topology.edges.map((edge) => edge.id));
      }
      const visible = visibleIds();
      arrange(visible);
      lastTopology = topology;

      const selectionIsEdge = selection !== null && edgeIds.has(selection);
      const selectedNode = selectionIsEdge ? null : selectionNodeOf(selection);
      const positions = { ...basePositions(), ...dragging };
      let nodes: CanvasFlowNode[];
      let edges: CanvasFlowEdge[];
      if (viewMode === 'namespaces') {
        nodes = namespaceView().summaries.map((summary): NamespaceSummaryFlowNode => ({
          id: summary.id,
          type: 'namespaceSummary',
          position: positions[summary.id] ?? { x: 0, y: 0 },
          // The minimap draws a node only with a size (React Flow's measure is not stored here).
          initialWidth: SUMMARY_SIZE.width,
          initialHeight: SUMMARY_SIZE.height,
          data: summary,
          ariaLabel: `Namespace ${summary.namespace}, ${summary.total} resources`,
          ariaRole: 'group',
          connectable: false,
          deletable: false,
          selected: summary.id === get().selectedNamespace,
          draggable: true,
        }));
        edges = namespaceEdges();
      } else {
        const resourceNodes = toFlowNodes(topology, {
          positions,
          selection: selectedNode,
          readOnly,
          views,
          ...(visible === undefined ? {} : { visible }),
        });
        groups =
          showGroups && viewMode === 'all' ? groupBoxes(topology, positions, sizeOf, visible) : [];
        const groupNodes = groups.map((group): NamespaceGroupFlowNode => ({
          id: group.id,
          type: 'namespaceGroup',
          position: group.position,
          width: group.size.width,
          height: group.size.height,
          data: { namespace: group.namespace, members: group.members.length },
          ariaLabel: `Namespace ${group.namespace}`,
          ariaRole: 'region',
          zIndex: -1,
          selectable: false,
          focusable: false,
          connectable: false,
          deletable: false,
          draggable: !readOnly,
        }));
        // A large view waits for its layout with nodes it has no place for yet: React Flow is not
        // given them, for they would all be drawn at the origin (in view, so all mounted, a
        // thousand nodes and their edges) only to be moved off screen when the layout answers.
        const waiting = layoutInFlight !== undefined;
        const placedNodes = waiting
          ? resourceNodes.filter((node) => positions[node.id] !== undefined)
          : resourceNodes;
        nodes = [
          ...groupNodes,
          // Measured once drawn, estimated before: a large design draws only what is on screen,
          // and React Flow fits the view only to nodes with a size (it would wait for the others
          // to be drawn).
          ...placedNodes.map((node) => ({ ...node, measured: sizeOf(node.id) })),
        ];
        const trafficEdges = trafficEdgesFor(
          topology,
          visible,
          positions,
          selectionIsEdge ? selection : null,
        );
        edges =
          placedNodes.length === resourceNodes.length
            ? trafficEdges
            : trafficEdges.filter(
                (edge) =>
                  positions[edge.source] !== undefined && positions[edge.target] !== undefined,
              );
      }
      nodes = keepArray(get().nodes, reuse(flowNodes, nodes, sameFlowNode));
      edges = keepArray(get().edges, reuse(flowEdges, edges, sameFlowEdge));
      if (nodes !== get().nodes) flowNodes = new Map(nodes.map((node) => [node.id, node]));
      if (edges !== get().edges) flowEdges = new Map(edges.map((edge) => [edge.id, edge]));
      set({
        nodes,
        edges,
        views,
        readOnly,
        selectedPart: !selectionIsEdge && selection?.includes('#') ? selection : null,
        designNodes: topology.nodes.length,
      });
    };

    const commitDrag = () => {
      const moved = dragging;
      dragging = {};
      groupDrag = undefined;
      if (Object.keys(moved).length === 0) return;
      if (usesLocalPositions()) {
        localPositions = { ...localPositions, ...moved };
        recompute();
        return;
      }
      // Only view state: the YAML is not touched.
      app.getState().setPositions({ ...app.getState().positions, ...moved });
    };

    return {
      nodes: [],
      edges: [],
      views,
      selectedPart: null,
      readOnly: inputs.readOnly,
      viewMode: inputs.topology.nodes.length > SIMPLIFIED_VIEW_ABOVE ? 'namespaces' : 'all',
      focusLabel: null,
      showGroups: false,
      layoutState: 'initial',
      fitRequest: 0,
      placedRequest: { ids: [], count: 0 },
      designNodes: inputs.topology.nodes.length,
      highlightedEdge: null,
      selectedNamespace: null,
      hiddenLinks: { count: 0, ingress: [] },

      onNodesChange: (changes) => {
        let changed = false;
        let dragEnded = false;
        for (const change of changes) {
          if (change.type === 'dimensions' && change.dimensions !== undefined) {
            const before = measured.get(change.id);
            const { width, height } = change.dimensions;
            if (before?.width !== width || before?.height !== height) {
              measured.set(change.id, { width, height });
              changed = true;
            }
          } else if (change.type === 'position' && change.position !== undefined) {
            if (change.id.startsWith('namespace:') && get().viewMode === 'all') {
              const box = groups.find((group) => group.id === change.id);
              if (box === undefined) continue;
              if (groupDrag?.id !== change.id) {
                const base = basePositions();
                groupDrag = {
                  id: change.id,
                  start: box.position,
                  members: Object.fromEntries(
                    box.members.flatMap((member) => {
                      const position = base[member];
                      return position === undefined ? [] : [[member, position]];
                    }),
                  ),
                };
              }
              const dx = change.position.x - groupDrag.start.x;
              const dy = change.position.y - groupDrag.start.y;
              for (const [member, position] of Object.entries(groupDrag.members)) {
                dragging[member] = { x: position.x + dx, y: position.y + dy };
              }
            } else {
              dragging[change.id] = change.position;
            }
            changed = true;
            if (change.dragging === false) dragEnded = true;
          } else if (change.type === 'position' && change.dragging === false) {
            dragEnded = true;
          } else if (change.type === 'select' && change.id.startsWith('namespace:')) {
            if (get().viewMode !== 'namespaces') continue;
            if (change.selected) get().selectNamespace(change.id);
            else if (get().selectedNamespace === change.id) get().selectNamespace(null);
          } else if (change.type === 'select' && change.selected) {
            const current = app.getState().selection?.id ?? null;
            const currentIsEdge = current !== null && edgeIds.has(current);
            // A click on a row selected its part first: the node's own selection must not undo it.
            if (!currentIsEdge && selectionNodeOf(current) === change.id) continue;
            app.getState().select({ id: change.id, origin: 'canvas' });
          }
        }
        if (dragEnded) commitDrag();
        else if (changed) recompute();
      },
      onEdgesChange: (changes) => {
        for (const change of changes) {
          if (change.type === 'select' && change.selected && edgeIds.has(change.id)) {
            app.getState().select({ id: change.id, origin: 'canvas' });
          }
        }
      },
      setViewMode: (mode) => {
        if (mode === get().viewMode) return;
        localPositions = {};
        dragging = {};
        set({ viewMode: mode, ...(mode === 'path' ? {} : { focusLabel: null }) });
        if (mode === 'path' && focusSeeds.length === 0) {
          const selected = selectionNodeOf(inputs.selection);
          focusSeeds = selected === null ? [] : [selected];
        }
        recompute();
        set({ fitRequest: get().fitRequest + 1 });
      },
      focusOn: (id) => {
        const namespace = id.startsWith('namespace:') ? id.slice('namespace:'.length) : undefined;
        if (namespace !== undefined) {
          focusSeeds =
            inputs.topology.namespaces.find((candidate) => candidate.name === namespace)?.nodeIds ??
            inputs.topology.nodes.filter((node) => node.namespace === '').map((node) => node.id);
        } else {
          focusSeeds = [id];
        }
        const label =
          namespace === undefined
            ? (inputs.topology.byId.get(id)?.label ?? id)
            : `namespace ${namespace}`;
        localPositions = {};
        dragging = {};
        set({ viewMode: 'path', focusLabel: label });
        recompute();
      },
      setShowGroups: (show) => {
        if (show === get().showGroups) return;
        set({ showGroups: show });
        recompute();
      },
      highlightEdge: (id) => {
        if (get().highlightedEdge !== id) set({ highlightedEdge: id });
      },
      setScreenAspect: (ratio) => {
        if (Number.isFinite(ratio) && ratio > 0) screenAspect = ratio;
      },
      selectNamespace: (id) => {
        if (get().selectedNamespace === id) return;
        set({ selectedNamespace: id });
        if (get().viewMode === 'namespaces') recompute();
      },
      sizeOf,
      positionOf: (id) => dragging[id] ?? basePositions()[id],
      namespaceAt: (point) => {
        if (!get().showGroups || get().viewMode !== 'all') return undefined;
        const box = groups.find(
          (group) =>
            point.x >= group.position.x &&
            point.y >= group.position.y &&
            point.x <= group.position.x + group.size.width &&
            point.y <= group.position.y + group.size.height,
        );
        return box?.namespace;
      },
      connect: () => {
        recompute();
        const unsubscribe = app.subscribe((state) => {
          const next = inputsOf(state);
          if (sameInputs(next, inputs)) return;
          const diagnosticsChanged = next.diagnostics !== inputs.diagnostics;
          if (next.positions !== inputs.positions) {
            // Placed positions the app store now holds are no longer needed here.
            placed = Object.fromEntries(
              Object.entries(placed).filter(([id]) => next.positions[id] === undefined),
            );
          }
          inputs = next;
          if (diagnosticsChanged) problems = summarizeProblems(inputs.diagnostics);
          recompute();
        });
        return () => {
          unsubscribe();
          // A layout still running is for a canvas that is gone; a new connect starts another.
          layoutGeneration += 1;
          layoutInFlight = undefined;
          // Provisional positions were waiting for that layout: the next connect lays out again.
          placed = {};
          laidOutAll = undefined;
          layout.dispose();
        };
      },
    };
  });
  return store;
}
