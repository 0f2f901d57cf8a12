import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ArrowDown, ArrowUp, GripVertical } from 'lucide-react';
import {
  ruleDisplayName,
  type HTTPRoute,
  type RuleSection,
  type StringMatch,
  type TCPRoute,
  type TLSRoute,
  type VirtualServiceResource,
} from '../../../engine';
import { useSailplanStoreApi } from '../../../store';
import type { ResourceEditing } from '../useResourceEditing';

function describeStringMatch(match: StringMatch | undefined): string | undefined {
  if (match === undefined) return undefined;
  if (match.exact !== undefined) return `= ${match.exact}`;
  if (match.prefix !== undefined) return `${match.prefix}*`;
  if (match.regex !== undefined) return `~ ${match.regex}`;
  return undefined;
}

/** A one-line summary of an http rule: what it matches and what it does. */
export function summarizeRule(rule: HTTPRoute): string {
  const matches = rule.match ?? [];
  const condition =
    matches.length === 0
      ? 'every request'
      : matches
          .map((match) => {
            const parts = [
              describeStringMatch(match.uri),
              match.method?.exact,
              ...Object.keys(match.headers ?? {}).map((name) => `${name}:`),
            ].filter((part) => part !== undefined);
            return parts.length === 0 ? 'any' : parts.join(' ');
          })
          .join(' | ');
  let action = 'no action';
  if (rule.redirect !== undefined) action = `redirect ${rule.redirect.redirectCode ?? 301}`;
  else if (rule.directResponse !== undefined) {
    action = `respond ${rule.directResponse.status ?? ''}`;
  } else if (rule.delegate !== undefined) action = `delegate ${rule.delegate.name ?? ''}`;
  else if (rule.route !== undefined) {
    action = rule.route.map((route) => route.destination?.host ?? '?').join(', ');
  }
  return `${condition} → ${action}`;
}

/** A one-line summary of a tcp or tls rule: its ports and SNI hosts, and where it sends. */
export function summarizeL4Rule(rule: TCPRoute | TLSRoute): string {
  const matches = rule.match ?? [];
  const condition =
    matches.length === 0
      ? 'every connection'
      : matches
          .map((match) => {
            const parts = [
              ...('sniHosts' in match && Array.isArray(match.sniHosts) ? match.sniHosts : []),
              match.port === undefined ? undefined : `:${match.port}`,
              ...(match.destinationSubnets ?? []),
            ].filter((part) => part !== undefined);
            return parts.length === 0 ? 'any' : parts.join(' ');
          })
          .join(' | ');
  const destinations = (rule.route ?? []).map((route) => route.destination?.host ?? '?');
  return `${condition} → ${destinations.length === 0 ? 'no route' : destinations.join(', ')}`;
}

/** Where a dragged rule would land: before rule `gap` (0..n). */
function gapAt(event: DragEvent<HTMLLIElement>, index: number): number {
  const box = event.currentTarget.getBoundingClientRect();
  return event.clientY < box.top + box.height / 2 ? index : index + 1;
}

/**
 * The rules of one section (http, tcp or tls) in order, reordered by drag or with the move
 * buttons (first match wins, so the order is the routing). Each move is one rule.move intent.
 */
export function RuleList({
  virtualService,
  editing,
  section = 'http',
}: {
  readonly virtualService: VirtualServiceResource;
  readonly editing: ResourceEditing;
  readonly section?: RuleSection;
}) {
  const store = useSailplanStoreApi();
  const rules: readonly (HTTPRoute | TCPRoute | TLSRoute)[] = virtualService.spec[section] ?? [];
  const nameOf = (rule: HTTPRoute | TCPRoute | TLSRoute | undefined, index: number) =>
    ruleDisplayName(
      section,
      index,
      rule !== undefined && 'name' in rule && typeof rule.name === 'string' ? rule.name : undefined,
    );
  const [dragged, setDragged] = useState<number | null>(null);
  const [gap, setGap] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // After a keyboard move the focus follows the rule to its new place, once it is rendered there.
  const focusAfterMove = useRef<{ index: number; direction: 'up' | 'down' } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    const pending = focusAfterMove.current;
    if (pending === null) return;
    focusAfterMove.current = null;
    const preferred = buttons.current.get(`${pending.index}:${pending.direction}`);
    const other = buttons.current.get(
      `${pending.index}:${pending.direction === 'up' ? 'down' : 'up'}`,
    );
    (preferred && !preferred.disabled ? preferred : other)?.focus();
  });

  const move = (from: number, to: number, direction?: 'up' | 'down') => {
    if (from === to || to < 0 || to >= rules.length) return;
    const name = nameOf(rules[from], from);
    const moved = editing.act({
      type: 'rule.move',
      virtualService: virtualService.key,
      section,
      from,
      to,
    });
    if (!moved) return;
    setAnnouncement(`Moved ${name} to position ${to + 1} of ${rules.length}`);
    if (direction !== undefined) focusAfterMove.current = { index: to, direction };
  };

  const endDrag = () => {
    setDragged(null);
    setGap(null);
  };

  return (
    <>
      <ol
        className="inspector-rule-list"
        aria-label={`${section.toUpperCase()} rules in match order`}
      >
        {rules.map((rule, index) => {
          const name = nameOf(rule, index);
          const classes = ['inspector-rule'];
          if (dragged === index) classes.push('is-dragged');
          if (gap === index && dragged !== null) classes.push('drop-before');
          if (gap === index + 1 && index === rules.length - 1 && dragged !== null) {
            classes.push('drop-after');
          }
          return (
            <li
              key={index}
              className={classes.join(' ')}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', String(index));
                setDragged(index);
              }}
              onDragOver={(event) => {
                if (dragged === null) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setGap(gapAt(event, index));
              }}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged !== null) {
                  const target = gapAt(event, index);
                  // Landing before rule `target`: past itself, the rule's own slot closes up.
                  move(dragged, target > dragged ? target - 1 : target);
                }
                endDrag();
              }}
              onDragEnd={endDrag}
            >
              <span className="inspector-rule-grip" aria-hidden="true">
                <GripVertical size={14} />
              </span>
              <span className="inspector-rule-index" aria-hidden="true">
                {index + 1}
              </span>
              <button
                type="button"
                className="inspector-rule-open"
                aria-label={`Edit ${name}`}
                onClick={() =>
                  store
                    .getState()
                    .select({ id: `${virtualService.key}#${section}/${index}`, origin: 'panel' })
                }
              >
                <span className="inspector-rule-name">{name}</span>
                <span className="inspector-rule-summary">
                  {section === 'http'
                    ? summarizeRule(rule as HTTPRoute)
                    : summarizeL4Rule(rule as TCPRoute | TLSRoute)}
                </span>
              </button>
              <button
                type="button"
                ref={(element) => {
                  if (element) buttons.current.set(`${index}:up`, element);
                  else buttons.current.delete(`${index}:up`);
                }}
                className="inspector-icon-button"
                aria-label={`Move ${name} up`}
                title="Move up"
                disabled={index === 0}
                onClick={() => move(index, index - 1, 'up')}
              >
                <ArrowUp size={14} aria-hidden="true" />
              </button>
              <button
                type="button"
                ref={(element) => {
                  if (element) buttons.current.set(`${index}:down`, element);
                  else buttons.current.delete(`${index}:down`);
                }}
                className="inspector-icon-button"
                aria-label={`Move ${name} down`}
                title="Move down"
                disabled={index === rules.length - 1}
                onClick={() => move(index, index + 1, 'down')}
              >
                <ArrowDown size={14} aria-hidden="true" />
              </button>
            </li>
          );
        })}
      </ol>
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
    </>
  );
}
