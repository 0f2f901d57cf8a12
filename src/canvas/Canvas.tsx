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
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
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
import { FIT_PADDING, fitDrawing, revealViewport } from './model/fitDrawing';
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

/**
 * The controls' "fit view": the whole drawing, clear of the floating panels, at most 100%. With
 * the nodes never drawn yet too (a large design draws only what is on screen, so those have no
 * measured size): their estimated size counts (`initialWidth`/`initialHeight`, see projection).
 */
const FIT_VIEW_OPTIONS = {
  maxZoom: 1,
  includeHiddenNodes: true,
  padding: {
    left: `${FIT_PADDING.left}px`,
    top: `${FIT_PADDING.top}px`,
    right: `${FIT_PADDING.right}px`,
    bottom: `${FIT_PADDING.bottom}px`,
  },
} as const;

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

/** A refused connection's reason, shown where it was dropped for a few seconds. */
interface Refusal {
  readonly reason: string;
  readonly x: number;
  readonly y: number;
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
  const designNodes = useCanvas((state) => state.designNodes);
  const onNodesChange = useCanvas((state) => state.onNodesChange);
  const onEdgesChange = useCanvas((state) => state.onEdgesChange);
  const reactFlow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const [checker] = useState(() => createConnectionChecker(app));
  const [connecting, setConnecting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const addResource = useAddResource();
  // A boolean of the zoom, not the zoom: the canvas draws again only when it crosses the line.
  const edgeLabelsShown = useStore((state) => state.transform[2] >= EDGE_LABELS_MIN_ZOOM);

  useEffect(() => {
    if (fitRequest === 0) return;
    const frame = requestAnimationFrame(() => {
      const element = wrapper.current?.querySelector('.react-flow');
      if (!(element instanceof HTMLElement)) return;
      const viewport = fitDrawing(canvas.getState(), {
        width: element.clientWidth,
        height: element.clientHeight,
      });
      if (viewport !== undefined) {
        void reactFlow.setViewport(viewport, { duration: fitRequest > 1 ? 250 : 0 });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [canvas, fitRequest, reactFlow]);

  useRevealSelection(app, canvas, wrapper);

  // The namespaces view lays its grid out in the shape of the canvas, less its floating panels.
  useEffect(() => {
    const element = wrapper.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      const { width, height } = entry.contentRect;
      canvas
        .getState()
        .setScreenAspect(
          (width - FIT_PADDING.left - FIT_PADDING.right) /
            Math.max(height - FIT_PADDING.top - FIT_PADDING.bottom, 1),
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

  const refuse = useCallback(
    (reason: string, at: { x: number; y: number } | null) => {
      app.getState().notify('warning', `Not connected: ${reason}`);
      setRefusal({ reason, x: at?.x ?? 24, y: at?.y ?? 24 });
    },
    [app],
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
      style={GEOMETRY_CSS_VARIABLES as CSSProperties}
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
          <Controls
            showInteractive={false}
            position="bottom-left"
            fitViewOptions={FIT_VIEW_OPTIONS}
          />
          {designNodes > 0 && (
            <MiniMap
              position="bottom-right"
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={0}
              nodeBorderRadius={4}
              style={{ width: 168, height: 112 }}
              ariaLabel="Minimap"
            />
          )}
          <Panel position="top-left">
            <Palette disabled={readOnly} onAdd={onPaletteAdd} />
          </Panel>
          <Panel position="top-right">
            <ViewControls />
          </Panel>
          <ConnectionHint checker={checker} />
          <HiddenLinksNote />
          <TraceOverlay />
          {refusal !== null && (
            <div
              className="sp-connection-hint sp-connection-hint--refused sp-connection-refusal"
              role="tooltip"
              style={{ left: refusal.x + 16, top: refusal.y + 18 }}
            >
              <TriangleAlert size={13} aria-hidden="true" />
              <span>Not connected: {refusal.reason}</span>
            </div>
          )}
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
