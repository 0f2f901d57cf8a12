import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type FinalConnectionState,
  type Node,
} from '@xyflow/react';
import { TriangleAlert } from 'lucide-react';
import type { TopologyEdge } from '../engine';
import { useSailplanStoreApi, type SailplanStore } from '../store';
import { EDGE_LABELS_MIN_ZOOM, EdgeLabelsShownContext } from './edges/edgeDetail';
import { EdgeMarkers } from './edges/EdgeMarkers';
import { edgeTypes } from './edges/edgeTypes';
import { ConnectionHint } from './interaction/ConnectionHint';
import { HiddenLinksNote } from './interaction/HiddenLinksNote';
import { createConnectionChecker, endpointId } from './interaction/connectionRules';
import { Palette } from './interaction/Palette';
import { PALETTE_DRAG_TYPE, PALETTE_ITEMS, type PaletteItem } from './interaction/paletteItems';
import { useAddResource } from './interaction/useAddResource';
import { ViewControls } from './interaction/ViewControls';
import { createLayoutEngine } from './layout/layoutEngine';
import { GEOMETRY_CSS_VARIABLES } from './model/geometry';
import { canvasChrome, fitDrawing, revealViewport, type Viewport } from './model/fitDrawing';
import { selectionNodeOf } from './model/projection';
import { RENDER_VISIBLE_ONLY_ABOVE } from './model/views';
import { nodeTypes } from './nodes/nodeTypes';
import { CanvasStoreProvider, useCanvas, useCanvasStoreApi } from './state/canvasContext';
import {
  createCanvasStore,
  type CanvasFlowEdge,
  type CanvasFlowNode,
  type CanvasStore,
} from './state/canvasStore';
import { TraceOverlay } from './trace/TraceOverlay';
import './canvas.css';

interface CanvasProps {
  readonly theme: 'light' | 'dark';
}

/** The design as a graph: nodes per resource, edges per reference, laid out left to right. */
export function Canvas({ theme }: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasWithStore theme={theme} />
    </ReactFlowProvider>
  );
}

function CanvasWithStore({ theme }: CanvasProps) {
  const app = useSailplanStoreApi();
  const [canvas] = useState(() =>
    createCanvasStore({
      app,
      layout: createLayoutEngine(),
      onLayoutError: (message) => app.getState().notify('error', message),
    }),
  );
  useEffect(() => canvas.getState().connect(), [canvas]);
  return (
    <CanvasStoreProvider store={canvas}>
      <CanvasSurface theme={theme} />
    </CanvasStoreProvider>
  );
}

const PRO_OPTIONS = { hideAttribution: true } as const;

const MINIMAP_COLORS: Record<string, string> = {
  loadBalancer: 'var(--kind-lb)',
  gateway: 'var(--kind-gateway)',
  virtualService: 'var(--kind-virtualservice)',
  service: 'var(--kind-service)',
  destinationRule: 'var(--kind-destinationrule)',
  serviceEntry: 'var(--kind-serviceentry)',
  workload: 'var(--kind-workload)',
  missing: 'var(--warning)',
  namespaceSummary: 'var(--text-faint)',
  namespaceGroup: 'transparent',
};

function minimapColor(node: Node): string {
  return MINIMAP_COLORS[node.type ?? ''] ?? 'var(--text-faint)';
}

/**
 * A refused connection's reason, shown for a few seconds where it was dropped: at that point of
 * the drawing (flow coordinates), so that it moves with the canvas when the view pans or zooms.
 */
interface Refusal {
  readonly reason: string;
  readonly x: number;
  readonly y: number;
}

/** The refusal note, kept at its point of the drawing (it alone draws again as the view moves). */
function RefusalNote({ refusal }: { readonly refusal: Refusal }) {
  const [x, y, zoom] = useStore((state) => state.transform);
  return (
    <div
      className="sp-connection-hint sp-connection-hint--refused sp-connection-refusal"
      role="status"
      style={{ left: refusal.x * zoom + x + 16, top: refusal.y * zoom + y + 18 }}
    >
      <TriangleAlert size={13} aria-hidden="true" />
      <span>Not connected: {refusal.reason}</span>
    </div>
  );
}

const REFUSAL_SHOWN_MS = 5000;

/**
 * Asks to remove the destination a route edge stands for (http, tcp or tls): the confirmation
 * lists what goes with it, such as the rule when it is the last destination.
 */
function deleteEdge(app: SailplanStore, edge: TopologyEdge): void {
  const { requestDelete, notify } = app.getState();
  if (edge.type === 'route') {
    requestDelete(edge.id);
    return;
  }
  notify('info', 'This connection is changed in the inspector or in the YAML.');
}

function CanvasSurface({ theme }: CanvasProps) {
  const app = useSailplanStoreApi();
  const canvas = useCanvasStoreApi();
  const nodes = useCanvas((state) => state.nodes);
  const edges = useCanvas((state) => state.edges);
  const readOnly = useCanvas((state) => state.readOnly);
  const layoutState = useCanvas((state) => state.layoutState);
  const fitRequest = useCanvas((state) => state.fitRequest);
  const placedRequest = useCanvas((state) => state.placedRequest);
  const designNodes = useCanvas((state) => state.designNodes);
  const onNodesChange = useCanvas((state) => state.onNodesChange);
  const onEdgesChange = useCanvas((state) => state.onEdgesChange);
  const reactFlow = useReactFlow();
  const flowStore = useStoreApi();
  const wrapper = useRef<HTMLDivElement>(null);
  const [checker] = useState(() => createConnectionChecker(app));
  const [connecting, setConnecting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const addResource = useAddResource();
  // A boolean of the zoom, not the zoom: the canvas draws again only when it crosses the line.
  const edgeLabelsShown = useStore((state) => state.transform[2] >= EDGE_LABELS_MIN_ZOOM);

  // The size of the canvas decides how its floating panels are drawn and the room they leave.
  const [screen, setScreen] = useState({ width: 0, height: 0 });
  const chrome = canvasChrome(screen);
  // The viewport the last fit set: while the view is still there, a resize fits again.
  const fitted = useRef<Viewport | null>(null);

  const fit = useCallback(
    (duration: number, options: { readonly whole?: boolean } = {}) => {
      const element = wrapper.current?.querySelector('.react-flow');
      if (!(element instanceof HTMLElement)) return;
      // Measured now, when the fit is made: the inspector may have opened or folded since.
      const size = { width: element.clientWidth, height: element.clientHeight };
      const viewport = fitDrawing(canvas.getState(), size, canvasChrome(size), options);
      if (viewport === undefined) return;
      fitted.current = viewport;
      void reactFlow.setViewport(viewport, { duration });
    },
    [canvas, reactFlow],
  );

  useEffect(() => {
    if (fitRequest === 0) return;
    const frame = requestAnimationFrame(() => fit(fitRequest > 1 ? 250 : 0));
    return () => cancelAnimationFrame(frame);
  }, [fit, fitRequest]);

  // The canvas resized (the inspector opened or folded, the window changed) while the view is the
  // fitted one and nothing is selected: it is fitted again, so that nothing is cut off or under a
  // panel. A view the user moved, or one that shows a selection, is left alone (useRevealSelection).
  useEffect(() => {
    const last = fitted.current;
    if (last === null || screen.width === 0 || app.getState().selection !== null) return;
    const now = reactFlow.getViewport();
    const same =
      Math.abs(now.x - last.x) < 1 &&
      Math.abs(now.y - last.y) < 1 &&
      Math.abs(now.zoom - last.zoom) < 0.001;
    if (!same) return;
    const frame = requestAnimationFrame(() => fit(0));
    return () => cancelAnimationFrame(frame);
  }, [app, fit, reactFlow, screen]);

  // Nodes typed or pasted in the YAML are placed beside their neighbours: the view pans to show
  // them, clear of the panels and the minimap, rather than leave them off screen or under it.
  useEffect(() => {
    if (placedRequest.count === 0) return;
    const frame = requestAnimationFrame(() => {
      const element = wrapper.current?.querySelector('.react-flow');
      if (!(element instanceof HTMLElement)) return;
      const drawn = placedRequest.ids.filter((id) => reactFlow.getInternalNode(id) !== undefined);
      if (drawn.length === 0) return;
      const next = revealViewport(
        reactFlow.getViewport(),
        { width: element.clientWidth, height: element.clientHeight },
        reactFlow.getNodesBounds(drawn),
      );
      if (next !== undefined) void reactFlow.setViewport(next, { duration: 250 });
    });
    return () => cancelAnimationFrame(frame);
  }, [placedRequest, reactFlow]);

  useRevealSelection(app, canvas, wrapper);

  // The namespaces view lays its grid out in the shape of the canvas, less its floating panels.
  useEffect(() => {
    const element = wrapper.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      const { width, height } = entry.contentRect;
      setScreen({ width, height });
      const { padding } = canvasChrome({ width, height });
      canvas
        .getState()
        .setScreenAspect(
          (width - padding.left - padding.right) /
            Math.max(height - padding.top - padding.bottom, 1),
        );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [canvas]);

  useEffect(() => {
    if (refusal === null) return;
    const timer = setTimeout(() => setRefusal(null), REFUSAL_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [refusal]);

  // The reason is given once: beside the pointer where the connection was dropped, or as a notice
  // when there is no such point (the connection was made, and the edit refused).
  const refuse = useCallback(
    (reason: string, at: { x: number; y: number } | null) => {
      if (at === null) {
        app.getState().notify('warning', `Not connected: ${reason}`);
        return;
      }
      const [x, y, zoom] = flowStore.getState().transform;
      setRefusal({ reason, x: (at.x - x) / zoom, y: (at.y - y) / zoom });
    },
    [app, flowStore],
  );

  const isValidConnection = useCallback(
    (connection: Connection | CanvasFlowEdge) =>
      checker.check(
        endpointId(connection.source, connection.sourceHandle),
        endpointId(connection.target, connection.targetHandle),
      ).allowed,
    [checker],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const meaning = checker.intent(
        endpointId(connection.source, connection.sourceHandle),
        endpointId(connection.target, connection.targetHandle),
      );
      if ('refused' in meaning) {
        refuse(meaning.refused, null);
        return;
      }
      const result = app.getState().dispatch(meaning.intent);
      if (!result.ok) refuse(result.reason, null);
    },
    [app, checker, refuse],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      setConnecting(false);
      if (state.isValid !== false || state.fromHandle === null || state.toHandle === null) return;
      const check = checker.check(
        endpointId(state.fromHandle.nodeId, state.fromHandle.id),
        endpointId(state.toHandle.nodeId, state.toHandle.id),
      );
      if (!check.allowed) refuse(check.reason, state.pointer);
    },
    [checker, refuse],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Delete' && event.key !== 'Backspace') return;
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable="true"]') !== null) return;
      const state = app.getState();
      const id = state.selection?.id;
      if (id === undefined) return;
      event.preventDefault();
      if (state.derived.syntaxErrors > 0) {
        state.notify('warning', 'The YAML has errors: fix them in the editor first.');
        return;
      }
      const topology = state.lastGood.topology;
      const edge = topology.edges.find((candidate) => candidate.id === id);
      if (edge !== undefined) {
        deleteEdge(app, edge);
        return;
      }
      // A part (a rule, a server) is removed from its resource in the inspector.
      if (id.includes('#')) return;
      const node = topology.byId.get(id);
      if (node === undefined) return;
      if (node.type === 'missing' || node.implicit) {
        state.notify('info', `${node.label} is not in the YAML: there is nothing to delete.`);
        return;
      }
      state.requestDelete(id);
    },
    [app],
  );

  // The reason of a dangling edge shows while it has the keyboard focus, as on hover.
  const onFocus = useCallback(
    (event: FocusEvent<HTMLDivElement>) => {
      const edge = (event.target as Element).closest('.react-flow__edge');
      canvas.getState().highlightEdge(edge?.getAttribute('data-id') ?? null);
    },
    [canvas],
  );

  const onDragOver = useCallback((event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent<HTMLDivElement>) => {
      const item = PALETTE_ITEMS.find(
        (candidate) => candidate.id === event.dataTransfer.getData(PALETTE_DRAG_TYPE),
      );
      if (item === undefined) return;
      event.preventDefault();
      if (readOnly) return;
      addResource(item, { dropAt: { x: event.clientX, y: event.clientY } });
    },
    [addResource, readOnly],
  );

  // While the view moves (a pan, a zoom), what is under the pointer changes on every frame: an edge
  // passing under the pointer is not highlighted (each highlight asks every drawn edge whether it
  // is the one), and while it is dragged, nodes and labels take no pointer events (canvas.css).
  const moving = useRef(false);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    moving.current = true;
    // A drag only: during a wheel zoom Chromium then repainted every node on every frame.
    if (event !== null && event.type !== 'wheel') {
      wrapper.current?.classList.add('sp-canvas--moving');
    }
  }, []);
  const onMoveEnd = useCallback(() => {
    moving.current = false;
    wrapper.current?.classList.remove('sp-canvas--moving');
  }, []);

  // Stable handlers: React Flow hands them to every drawn edge, which draws again when one changes.
  const onConnectStart = useCallback(() => setConnecting(true), []);
  const onPaneClick = useCallback(() => app.getState().select(null), [app]);
  const onEdgeMouseEnter = useCallback(
    (_event: unknown, edge: CanvasFlowEdge) => {
      if (!moving.current) canvas.getState().highlightEdge(edge.id);
    },
    [canvas],
  );
  const onEdgeMouseLeave = useCallback(() => canvas.getState().highlightEdge(null), [canvas]);

  const onPaletteAdd = useCallback(
    (item: PaletteItem) => {
      const bounds = wrapper.current?.getBoundingClientRect();
      const centre =
        bounds === undefined
          ? { x: window.innerWidth / 2, y: window.innerHeight / 2 }
          : { x: bounds.left + bounds.width / 2, y: bounds.top + bounds.height / 2 };
      addResource(item, { viewportCentre: centre });
    },
    [addResource],
  );

  const classes = [
    'sp-canvas',
    layoutState === 'initial' ? 'sp-canvas--waiting' : '',
    connecting ? 'sp-canvas--connecting' : '',
    readOnly ? 'sp-canvas--read-only' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      ref={wrapper}
      className={classes}
      style={
        {
          ...GEOMETRY_CSS_VARIABLES,
          '--sp-minimap-height': `${chrome.minimap?.height ?? 0}px`,
        } as CSSProperties
      }
      aria-busy={layoutState !== 'idle'}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      {readOnly && (
        <div className="sp-canvas-banner" role="status">
          <TriangleAlert size={14} aria-hidden="true" />
          The YAML has errors — the canvas is read-only until they are fixed
        </div>
      )}
      <EdgeLabelsShownContext.Provider value={edgeLabelsShown}>
        <ReactFlow<CanvasFlowNode, CanvasFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectStart={onConnectStart}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onPaneClick={onPaneClick}
          onEdgeMouseEnter={onEdgeMouseEnter}
          onEdgeMouseLeave={onEdgeMouseLeave}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          onDragOver={onDragOver}
          onDrop={onDrop}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={null}
          connectionRadius={28}
          onlyRenderVisibleElements={nodes.length > RENDER_VISIBLE_ONLY_ABOVE}
          minZoom={0.05}
          maxZoom={2}
          colorMode={theme}
          proOptions={PRO_OPTIONS}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
          <Controls showInteractive={false} showFitView={false} position="bottom-left">
            {/* The canvas's own fit, clear of the palette and the minimap: the whole drawing,
                however large (a large design opens readable, from its left). */}
            <ControlButton
              className="react-flow__controls-fitview"
              onClick={() => fit(250, { whole: true })}
              title="Fit View"
              aria-label="Fit View"
            >
              <svg viewBox="0 0 32 30" aria-hidden="true">
                <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
              </svg>
            </ControlButton>
          </Controls>
          {designNodes > 0 && chrome.minimap !== null && (
            <MiniMap
              position="bottom-right"
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={0}
              nodeBorderRadius={4}
              style={chrome.minimap}
              ariaLabel="Minimap"
            />
          )}
          <Panel position="top-left">
            <Palette disabled={readOnly} compact={chrome.compactPalette} onAdd={onPaletteAdd} />
          </Panel>
          <Panel position="top-right">
            <ViewControls />
          </Panel>
          <ConnectionHint checker={checker} />
          <HiddenLinksNote />
          <TraceOverlay />
          {refusal !== null && <RefusalNote refusal={refusal} />}
        </ReactFlow>
      </EdgeLabelsShownContext.Provider>
      <EdgeMarkers />
      {designNodes === 0 && layoutState !== 'initial' && (
        <div className="sp-canvas-empty">
          <p>Nothing here yet.</p>
          <p>Drag a resource from the palette, or write YAML in the editor.</p>
        </div>
      )}
    </div>
  );
}

/**
 * When the editor or a panel selects something, the canvas shows it: the node (or the edge's ends)
 * is panned into view if it is off screen, keeping the zoom. In a simplified view of a large
 * design, the canvas focuses on its request paths. When the canvas itself is resized (the
 * inspector opens or folds beside it), the selection is kept in view with its neighbours.
 */
function useRevealSelection(
  app: SailplanStore,
  canvas: CanvasStore,
  wrapper: RefObject<HTMLDivElement | null>,
) {
  const reactFlow = useReactFlow();
  useEffect(() => {
    let frame = 0;
    const reveal = (id: string, resized = false) => {
      const { topology } = app.getState().lastGood;
      const edge = topology.edges.find((candidate) => candidate.id === id);
      const ids = edge === undefined ? [selectionNodeOf(id) ?? id] : [edge.source, edge.target];
      const drawn = ids.filter((nodeId) => reactFlow.getInternalNode(nodeId) !== undefined);
      if (drawn.length === 0) {
        if (resized) return;
        const [first] = ids;
        if (
          first !== undefined &&
          topology.byId.has(first) &&
          canvas.getState().viewMode !== 'all'
        ) {
          canvas.getState().focusOn(first);
        }
        return;
      }
      const element = wrapper.current;
      if (element === null) return;
      // When the canvas narrows (the inspector opens beside it), the selection's neighbours are
      // kept in view with it, zoomed out a little if need be: what it connects to is what the
      // user looks at next. A selection made on the canvas is in view already: nothing moves.
      const neighbours = resized
        ? topology.edges.flatMap((candidate) =>
            ids.includes(candidate.source)
              ? [candidate.target]
              : ids.includes(candidate.target)
                ? [candidate.source]
                : [],
          )
        : [];
      const around = [...new Set([...drawn, ...neighbours])].filter(
        (nodeId) => reactFlow.getInternalNode(nodeId) !== undefined,
      );
      const next = revealViewport(
        reactFlow.getViewport(),
        { width: element.clientWidth, height: element.clientHeight },
        reactFlow.getNodesBounds(drawn),
        around.length > drawn.length ? reactFlow.getNodesBounds(around) : undefined,
      );
      if (next !== undefined) void reactFlow.setViewport(next, { duration: 300 });
    };
    const unsubscribe = app.subscribe((state, previous) => {
      const { selection } = state;
      if (selection === previous.selection || selection === null || selection.origin === 'canvas') {
        return;
      }
      // After React has drawn the change that came with the selection (a new node, a new view).
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => reveal(selection.id));
    });
    let resizeFrame = 0;
    let size = { width: 0, height: 0 };
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      const { width, height } = entry.contentRect;
      const changed = size.width !== 0 && (width !== size.width || height !== size.height);
      size = { width, height };
      const id = app.getState().selection?.id;
      if (!changed || id === undefined) return;
      cancelAnimationFrame(resizeFrame);
      resizeFrame = requestAnimationFrame(() => reveal(id, true));
    });
    if (wrapper.current !== null) observer.observe(wrapper.current);
    return () => {
      cancelAnimationFrame(frame);
      cancelAnimationFrame(resizeFrame);
      observer.disconnect();
      unsubscribe();
    };
  }, [app, canvas, reactFlow, wrapper]);
}
