import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { PanelRightClose, PanelRightOpen, X } from 'lucide-react';
import { parseNodeId, type Resource, type Topology } from '../../engine';
import { useSailplan, useSailplanStoreApi, type SailplanState } from '../../store';
import { DeleteConfirmation } from './DeleteConfirmation';
import { Note } from './fields';
import { Suggestions } from './Suggestions';
import { ReportContext } from './useInspectorEdit';
import { useResourceEditing } from './useResourceEditing';
import {
  IdentitySection,
  kindClass,
  MetadataSection,
  ProblemList,
  ResourceHeader,
} from './views/common';
import { DestinationRuleInspector } from './views/DestinationRuleInspector';
import { EdgeInspector } from './views/EdgeInspector';
import { GatewayInspector } from './views/GatewayInspector';
import { L4RuleInspector } from './views/L4RuleInspector';
import { RuleInspector } from './views/RuleInspector';
import { ServiceEntryInspector } from './views/ServiceEntryInspector';
import { ServiceInspector } from './views/ServiceInspector';
import { VirtualServiceInspector } from './views/VirtualServiceInspector';
import { WorkloadInspector } from './views/WorkloadInspector';
import './inspector.css';

const OPEN_STORAGE_KEY = 'sailplan.inspector.open';

/** The design the inspector shows: the current one, or the last valid one while the YAML is broken. */
function selectShown(state: SailplanState) {
  return state.derived.syntaxErrors === 0 ? state.derived : state.lastGood;
}

/** A resource's panel; `part` is the server, subset or port selected on the canvas, if any. */
function ResourceInspector({
  resource,
  part,
}: {
  readonly resource: Resource;
  readonly part?: { readonly section: string; readonly index: number };
}) {
  const editing = useResourceEditing(resource.key);
  const partIndex = (section: string) => (part?.section === section ? part.index : undefined);
  let body: ReactNode;
  switch (resource.kind) {
    case 'Gateway':
      body = (
        <GatewayInspector gateway={resource} editing={editing} focusServer={partIndex('servers')} />
      );
      break;
    case 'VirtualService':
      body = <VirtualServiceInspector virtualService={resource} editing={editing} />;
      break;
    case 'DestinationRule':
      body = (
        <DestinationRuleInspector
          destinationRule={resource}
          editing={editing}
          focusSubset={partIndex('subsets')}
        />
      );
      break;
    case 'ServiceEntry':
      body = (
        <ServiceEntryInspector
          serviceEntry={resource}
          editing={editing}
          focusPort={partIndex('ports')}
        />
      );
      break;
    case 'Service':
      body = (
        <ServiceInspector service={resource} editing={editing} focusPort={partIndex('ports')} />
      );
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      body = <WorkloadInspector workload={resource} editing={editing} />;
      break;
    default: {
      const unknown: never = resource;
      return unknown;
    }
  }
  return (
    <>
      <ResourceHeader resource={resource} />
      <ProblemList diagnostics={editing.diagnostics([])} />
      <IdentitySection resource={resource} editing={editing} />
      {body}
      <MetadataSection resource={resource} editing={editing} />
    </>
  );
}

/** With nothing selected: how to select, and every resource as a keyboard-reachable list. */
function NothingSelected({
  topology,
  gone = false,
}: {
  readonly topology: Topology;
  /** The selection names something the design no longer holds (an undo took it away, say). */
  readonly gone?: boolean;
}) {
  const store = useSailplanStoreApi();
  return (
    <div className="inspector-empty-state">
      {gone && <p role="status">The selected item is no longer in the design.</p>}
      <p>Select a node, a rule or a connection on the canvas to edit it here.</p>
      <ul className="inspector-resource-list" aria-label="Resources">
        {topology.nodes
          .filter((node) => node.type !== 'missing' && !node.implicit)
          .map((node) => (
            <li key={node.id}>
              <button
                type="button"
                className="inspector-resource-button"
                aria-label={node.label}
                onClick={() => store.getState().select({ id: node.id, origin: 'panel' })}
              >
                <span className={`inspector-kind ${kindClass(node.kind)}`}>{node.kind}</span>
                <span className="inspector-resource-name">
                  {node.namespace}/{node.name}
                </span>
              </button>
            </li>
          ))}
      </ul>
    </div>
  );
}

/** What the selection names, as the panel to show (keyed so that a view keeps its drafts). */
function InspectorBody() {
  const selection = useSailplan((state) => state.selection);
  const shown = useSailplan(selectShown);
  const { model } = shown.design;
  const topology = shown.topology;
  if (selection === null) return <NothingSelected topology={topology} />;
  const id = selection.id;

  const edge = topology.edges.find((candidate) => candidate.id === id);
  if (edge !== undefined) {
    return <EdgeInspector key={id} edge={edge} model={model} topology={topology} />;
  }
  const reference = parseNodeId(id);
  const resource = reference === undefined ? undefined : model.byKey.get(reference.key);
  if (resource !== undefined && reference !== undefined) {
    const part = reference.part;
    // Keyed by the resource's document, not its name: a rename keeps the panel (and the focus).
    const documentKey = `${resource.origin.file}#${resource.origin.documentIndex}/${resource.origin.path.join('/')}`;
    if (resource.kind === 'VirtualService' && part !== undefined) {
      if (part.section === 'http') {
        return <RuleView key={`${documentKey}:http`} resource={resource} ruleIndex={part.index} />;
      }
      if (part.section === 'tcp' || part.section === 'tls') {
        return (
          <L4RuleView
            key={`${documentKey}:${part.section}/${part.index}`}
            resource={resource}
            section={part.section}
            ruleIndex={part.index}
          />
        );
      }
    }
    return <ResourceInspector key={documentKey} resource={resource} part={part} />;
  }
  const node = topology.byId.get(id);
  if (node !== undefined) {
    return (
      <div className="inspector-empty-state">
        <div className="inspector-title-text">
          <span className={`inspector-kind ${kindClass(node.kind)}`}>{node.kind}</span>
          <span className="inspector-title-name">{node.name}</span>
        </div>
        {node.type === 'missing' ? (
          <Note tone="warning">
            Referenced but not in the design: {node.reference}. Add the{' '}
            {node.missingKind === 'host' ? 'Service or ServiceEntry' : node.missingKind}, or fix the
            reference.
          </Note>
        ) : (
          <Note>Not in the YAML: Sailplan assumes it the way Istio installs it.</Note>
        )}
      </div>
    );
  }
  return <NothingSelected topology={topology} gone />;
}

function RuleView({
  resource,
  ruleIndex,
}: {
  readonly resource: Extract<Resource, { kind: 'VirtualService' }>;
  readonly ruleIndex: number;
}) {
  const editing = useResourceEditing(resource.key);
  return <RuleInspector virtualService={resource} ruleIndex={ruleIndex} editing={editing} />;
}

function L4RuleView({
  resource,
  section,
  ruleIndex,
}: {
  readonly resource: Extract<Resource, { kind: 'VirtualService' }>;
  readonly section: 'tcp' | 'tls';
  readonly ruleIndex: number;
}) {
  const editing = useResourceEditing(resource.key);
  return (
    <L4RuleInspector
      virtualService={resource}
      section={section}
      ruleIndex={ruleIndex}
      editing={editing}
    />
  );
}

/** The user's own choice, open or folded, if they have made one (it outlasts a reload). */
function readChoice(): boolean | undefined {
  const stored = globalThis.localStorage?.getItem(OPEN_STORAGE_KEY);
  return stored === 'true' ? true : stored === 'false' ? false : undefined;
}

/**
 * Whether the inspector is open: as the user last chose; until they choose, folded (the canvas
 * gets the room) and opened by the first selection, and then left open.
 */
function useInspectorOpen(): readonly [boolean, () => void] {
  const [choice, setChoice] = useState(readChoice);
  const selected = useSailplan((state) => state.selection !== null);
  const [openedBySelection, setOpenedBySelection] = useState(selected);
  if (selected && !openedBySelection) setOpenedBySelection(true);
  const open = choice ?? openedBySelection;
  const toggle = () => {
    globalThis.localStorage?.setItem(OPEN_STORAGE_KEY, String(!open));
    setChoice(!open);
  };
  return [open, toggle] as const;
}

/**
 * The inspector: a properties panel on the right of the canvas, collapsible to a rail. Every
 * change it makes is one intent (one undo step); text commits on blur or Enter.
 */
export function Inspector() {
  const [open, toggle] = useInspectorOpen();
  const store = useSailplanStoreApi();
  // A message is about the gesture just made: it shows while the same thing stays selected.
  const [message, setMessage] = useState<{ text: string; selection: string | undefined }>();
  const panel = useRef<HTMLElement>(null);
  const bodyId = useId();
  const model = useSailplan((state) => selectShown(state).design.model);
  const broken = useSailplan((state) => state.derived.syntaxErrors > 0);
  const selectionId = useSailplan((state) => state.selection?.id);

  const report = useCallback(
    (text: string) => setMessage({ text, selection: store.getState().selection?.id }),
    [store],
  );
  const shownMessage = message?.selection === selectionId ? message?.text : undefined;

  const fallbackFocus = useCallback(() => panel.current, []);

  return (
    <aside
      ref={panel}
      className={open ? 'inspector' : 'inspector is-collapsed'}
      aria-label="Inspector"
      tabIndex={-1}
    >
      <div className="inspector-header">
        {open ? <h2 className="inspector-heading">Inspector</h2> : null}
        <button
          type="button"
          className="inspector-icon-button"
          aria-expanded={open}
          aria-controls={bodyId}
          aria-label={open ? 'Collapse the inspector' : 'Expand the inspector'}
          title={open ? 'Collapse the inspector' : 'Expand the inspector'}
          onClick={toggle}
        >
          {open ? (
            <PanelRightClose size={15} aria-hidden="true" />
          ) : (
            <PanelRightOpen size={15} aria-hidden="true" />
          )}
        </button>
      </div>
      <div id={bodyId} className="inspector-scroll" hidden={!open}>
        {open ? (
          <ReportContext.Provider value={report}>
            {broken ? (
              <p className="inspector-banner is-warning">
                The YAML has errors: this is the last valid version, read-only until they are fixed.
              </p>
            ) : null}
            {shownMessage !== undefined ? (
              <div className="inspector-banner is-error" role="alert">
                <span>{shownMessage}</span>
                <button
                  type="button"
                  className="inspector-icon-button"
                  aria-label="Dismiss the message"
                  onClick={() => setMessage(undefined)}
                >
                  <X size={14} aria-hidden="true" />
                </button>
              </div>
            ) : null}
            <Suggestions model={model} />
            <fieldset className="inspector-form" disabled={broken}>
              <legend className="visually-hidden">Properties</legend>
              <InspectorBody />
            </fieldset>
          </ReportContext.Provider>
        ) : null}
      </div>
      <DeleteConfirmation fallbackFocus={fallbackFocus} />
    </aside>
  );
}
