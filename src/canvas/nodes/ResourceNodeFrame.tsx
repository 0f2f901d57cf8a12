import {
  memo,
  useCallback,
  useEffect,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { Handle, Position } from '@xyflow/react';
import { TriangleAlert, type LucideIcon } from 'lucide-react';
import { useSailplan } from '../../store';
import { HANDLE, HEADER_HANDLES } from '../model/geometry';
import { kindTitle, nodeSections, type NodeRow, type RowChip } from '../model/nodeContent';
import { useNodeView, useSelectedPart } from '../state/canvasContext';
import { useRemeasureNode } from './useRemeasureNode';

interface ResourceNodeFrameProps {
  readonly id: string;
  readonly icon: LucideIcon;
  /** The `--kind-*` colour token the node is tinted with. */
  readonly kindToken: string;
  readonly selected: boolean;
  readonly connectable: boolean;
}

function Chip({ chip }: { chip: RowChip }) {
  return (
    <span className={`sp-chip sp-chip--${chip.tone}`} title={chip.title}>
      {chip.text}
    </span>
  );
}

const Row = memo(function Row({
  row,
  selected,
  connectable,
  onSelect,
}: {
  row: NodeRow;
  selected: boolean;
  connectable: boolean;
  onSelect: (partId: string) => void;
}) {
  const { partId } = row;
  const isPart = partId !== undefined;
  const onClick = isPart ? () => onSelect(partId) : undefined;
  const onKeyDown = isPart
    ? (event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          event.stopPropagation();
          onSelect(partId);
        }
      }
    : undefined;
  return (
    <div
      className={`sp-row sp-row--${row.tone ?? 'normal'}${isPart ? ' sp-row--part' : ''}${selected ? ' sp-row--selected' : ''}`}
      data-part-id={partId}
      role={isPart ? 'button' : undefined}
      tabIndex={isPart ? 0 : undefined}
      aria-label={row.accessibleName}
      aria-current={selected ? 'true' : undefined}
      title={row.title}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      {isPart && row.target && (
        <Handle
          type="target"
          id={partId}
          position={Position.Left}
          className="sp-handle sp-handle--row"
          isConnectable={connectable}
          isConnectableStart={false}
        />
      )}
      {row.ordinal !== undefined && <span className="sp-row__ordinal">{row.ordinal}</span>}
      {row.leadingChips?.map((chip) => (
        <Chip key={`lead-${chip.text}`} chip={chip} />
      ))}
      <span className="sp-row__primary">{row.primary}</span>
      {row.secondary !== undefined && <span className="sp-row__secondary">{row.secondary}</span>}
      {row.trailingChips !== undefined && row.trailingChips.length > 0 && (
        <span className="sp-row__trailing">
          {row.trailingChips.map((chip) => (
            <Chip key={`trail-${chip.text}`} chip={chip} />
          ))}
        </span>
      )}
      {isPart && row.source && (
        <Handle
          type="source"
          id={partId}
          position={Position.Right}
          className="sp-handle sp-handle--row"
          isConnectable={connectable}
        />
      )}
    </div>
  );
});

/**
 * The frame every resource node shares: a header with the kind's icon, name, kind and namespace
 * and a problems badge, then the node's sections of rows (servers, rules, ports, subsets...), each
 * part row with its own handles. It selects its own view by id, so it renders again only when its
 * resource changes.
 */
export const ResourceNodeFrame = memo(function ResourceNodeFrame({
  id,
  icon: Icon,
  kindToken,
  selected,
  connectable,
}: ResourceNodeFrameProps) {
  const view = useNodeView(id);
  const selectedPart = useSelectedPart(id);
  const select = useSailplan((state) => state.select);
  const remeasure = useRemeasureNode();
  const onSelectPart = useCallback(
    (partId: string) => select({ id: partId, origin: 'canvas' }),
    [select],
  );
  const stopDoubleClickZoom = useCallback((event: MouseEvent) => event.stopPropagation(), []);

  const sections = view === undefined ? [] : nodeSections(view.node);
  const handleKey = sections
    .flatMap((section) => section.rows.map((row) => row.partId ?? ''))
    .join('|');
  // Handles come and go with rows (a rule added in the YAML): React Flow must measure them again.
  // Not on mount: React Flow measures new nodes itself, and an early update would end a queued
  // fitView before the other nodes are measured.
  const measuredHandles = useRef(handleKey);
  useEffect(() => {
    if (measuredHandles.current === handleKey) return;
    measuredHandles.current = handleKey;
    remeasure(id);
  }, [handleKey, id, remeasure]);

  if (view === undefined) return null;
  const { node, problems } = view;
  const handles = HEADER_HANDLES[node.type];
  // Inside the top border: the header's middle, as model/geometry places it for the layout.
  const headerMiddle = { top: 'calc(var(--sp-node-header-height) / 2)' };

  return (
    <div
      className={`sp-node sp-node--${node.type}${node.implicit ? ' sp-node--implicit' : ''}${
        selected ? ' sp-node--selected' : ''
      }`}
      style={{ '--kind': `var(${kindToken})` } as CSSProperties}
      onDoubleClick={stopDoubleClickZoom}
    >
      {handles.in && (
        <>
          <Handle
            type="target"
            id={HANDLE.drop}
            position={Position.Left}
            className="sp-handle-drop"
            isConnectable={connectable}
            isConnectableStart={false}
          />
          <Handle
            type="target"
            id={HANDLE.in}
            position={Position.Left}
            className="sp-handle sp-handle--header"
            style={headerMiddle}
            isConnectable={connectable}
            isConnectableStart={false}
          />
        </>
      )}
      {handles.policy && (
        <Handle
          type="source"
          id={HANDLE.policy}
          position={Position.Left}
          className="sp-handle sp-handle--header sp-handle--policy"
          style={headerMiddle}
          isConnectable={connectable}
        />
      )}
      <header className="sp-node__header">
        <span className="sp-node__icon" aria-hidden="true">
          <Icon size={16} strokeWidth={2} />
        </span>
        <span className="sp-node__titles">
          <span className="sp-node__name" title={node.name}>
            {node.name}
          </span>
          <span className="sp-node__meta">
            <span className="sp-node__kind">{kindTitle(node)}</span>
            {node.namespace !== '' && (
              <>
                <span aria-hidden="true"> · </span>
                <span className="sp-node__namespace">{node.namespace}</span>
              </>
            )}
          </span>
        </span>
        {problems.count > 0 && (
          <span
            className="sp-badge"
            role="img"
            aria-label={`${problems.count} ${problems.count === 1 ? 'problem' : 'problems'}`}
            title={problems.messages.join('\n')}
          >
            <TriangleAlert size={11} strokeWidth={2.5} aria-hidden="true" />
            {problems.count}
          </span>
        )}
      </header>
      {sections.map((section) => (
        <section key={section.title} className="sp-node__section" aria-label={section.title}>
          <div className="sp-node__caption">
            <span>{section.title}</span>
            {section.aside !== undefined && <span className="sp-node__aside">{section.aside}</span>}
          </div>
          {section.rows.map((row) => (
            <Row
              key={row.key}
              row={row}
              selected={row.partId !== undefined && row.partId === selectedPart}
              connectable={connectable}
              onSelect={onSelectPart}
            />
          ))}
        </section>
      ))}
      {handles.policyIn && (
        <Handle
          type="target"
          id={HANDLE.policyIn}
          position={Position.Right}
          className="sp-handle sp-handle--header sp-handle--policy-in"
          style={headerMiddle}
          isConnectable={connectable}
          isConnectableStart={false}
        />
      )}
      {handles.out && (
        <Handle
          type="source"
          id={HANDLE.out}
          position={Position.Right}
          className="sp-handle sp-handle--header"
          style={headerMiddle}
          isConnectable={connectable}
        />
      )}
    </div>
  );
});
