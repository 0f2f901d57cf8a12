import { useEffect, useMemo, useState } from 'react';
import {
  isRefused,
  parseNodeId,
  planIntent,
  ruleDisplayName,
  type Intent,
  type Model,
  type PlanEffect,
  type RuleSection,
} from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';
import { Modal } from './Modal';

/** What deleting a node means: the intent and how to name it to the user. */
interface DeleteTarget {
  readonly intent: Intent;
  /** e.g. `Service default/proxy`, or `server 1 of Gateway istio-system/public`. */
  readonly description: string;
  /** True for a whole resource (the selection then goes), false for a part of one. */
  readonly whole: boolean;
}

/** A route edge's id (`route:<key>#<section>/<rule>/<destination>`) taken apart. */
const ROUTE_EDGE_ID = /^route:(.+)#(http|tcp|tls)\/(\d+)\/(\d+)$/;

function isRuleSection(section: string): section is RuleSection {
  return section === 'http' || section === 'tcp' || section === 'tls';
}

/** The intent that removes one destination of a rule (a route edge), named for the dialog. */
function destinationTargetOf(id: string, model: Model): DeleteTarget | undefined {
  const [, key = '', section = '', rule = '', destination = ''] = ROUTE_EDGE_ID.exec(id) ?? [];
  const resource = model.byKey.get(key);
  if (resource?.kind !== 'VirtualService' || !isRuleSection(section)) return undefined;
  const ruleIndex = Number(rule);
  const destinationIndex = Number(destination);
  const written = resource.spec[section]?.[ruleIndex];
  const host = written?.route?.[destinationIndex]?.destination?.host;
  const name = written !== undefined && 'name' in written ? written.name : undefined;
  return {
    intent: {
      type: 'route.removeDestination',
      virtualService: resource.key,
      ...(section === 'http' ? {} : { section }),
      rule: ruleIndex,
      destination: destinationIndex,
    },
    description: `the route to ${host ?? `destination ${destinationIndex + 1}`} of ${ruleDisplayName(section, ruleIndex, name)} of ${resource.kind} ${resource.namespace}/${resource.name}`,
    whole: false,
  };
}

/**
 * The intent that deletes a node: a resource, or a server, http rule or subset of one; or a route
 * edge (one destination of a rule).
 */
export function deleteTargetOf(id: string, model: Model): DeleteTarget | undefined {
  if (id.startsWith('route:')) return destinationTargetOf(id, model);
  const reference = parseNodeId(id);
  if (reference === undefined) return undefined;
  const resource = model.byKey.get(reference.key);
  if (resource === undefined) return undefined;
  const owner = `${resource.kind} ${resource.namespace}/${resource.name}`;
  const part = reference.part;
  if (part === undefined) {
    return {
      intent: { type: 'resource.delete', key: resource.key },
      description: owner,
      whole: true,
    };
  }
  if (resource.kind === 'Gateway' && part.section === 'servers') {
    return {
      intent: { type: 'server.remove', gateway: resource.key, server: part.index },
      description: `server ${part.index + 1} of ${owner}`,
      whole: false,
    };
  }
  if (resource.kind === 'VirtualService' && part.section === 'http') {
    const rule = resource.spec.http?.[part.index];
    return {
      intent: { type: 'rule.remove', virtualService: resource.key, rule: part.index },
      description: `${ruleDisplayName('http', part.index, rule?.name)} of ${owner}`,
      whole: false,
    };
  }
  if (resource.kind === 'VirtualService' && (part.section === 'tcp' || part.section === 'tls')) {
    return {
      intent: {
        type: 'rule.remove',
        virtualService: resource.key,
        section: part.section,
        rule: part.index,
      },
      description: `${ruleDisplayName(part.section, part.index, undefined)} of ${owner}`,
      whole: false,
    };
  }
  if (resource.kind === 'DestinationRule' && part.section === 'subsets') {
    const subset = resource.spec.subsets?.[part.index];
    return {
      intent: { type: 'subset.remove', destinationRule: resource.key, subset: part.index },
      description: `subset ${subset?.name ?? part.index + 1} of ${owner}`,
      whole: false,
    };
  }
  return undefined;
}

/** Effects grouped by the resource they change, in the order the plan lists them. */
function groupEffects(effects: readonly PlanEffect[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const effect of effects) {
    groups.set(effect.resource, [...(groups.get(effect.resource) ?? []), effect.description]);
  }
  return [...groups.entries()];
}

/** `Kind/namespace/name` as the canvas names it: `Kind namespace/name`. */
function describeKey(key: string): string {
  const [kind, ...rest] = key.split('/');
  return `${kind} ${rest.join('/')}`;
}

/**
 * The confirmation of a delete asked for with the store's `requestDelete` (the inspector's Delete
 * button, the Delete key on a canvas node): it lists what else the delete changes, from the plan's
 * effects, before anything is written.
 */
export function DeleteConfirmation({
  fallbackFocus,
}: {
  readonly fallbackFocus: () => HTMLElement | null;
}) {
  const request = useSailplan((state) => state.deleteRequest);
  if (request === null) return null;
  // Keyed by the node: asking again while the dialog is open (a key handled twice) keeps it.
  return <DeleteDialog key={request.id} id={request.id} fallbackFocus={fallbackFocus} />;
}

function DeleteDialog({
  id,
  fallbackFocus,
}: {
  readonly id: string;
  readonly fallbackFocus: () => HTMLElement | null;
}) {
  const store = useSailplanStoreApi();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const derived = useSailplan((state) => state.derived);
  // Keys just typed in the editor are derived before the user reads what the delete changes.
  useEffect(() => store.getState().flush(), [store]);
  const planned = useMemo(() => {
    const target = deleteTargetOf(id, derived.design.model);
    if (target === undefined) return { target, refused: `${id} cannot be deleted here` };
    if (derived.syntaxErrors > 0) {
      return { target, refused: 'The YAML has errors: fix them in the editor first.' };
    }
    const plan = planIntent(derived.design, target.intent);
    return isRefused(plan) ? { target, refused: plan.refused } : { target, effects: plan.effects };
  }, [id, derived]);
  const effects = useMemo(
    () => ('effects' in planned && planned.effects ? groupEffects(planned.effects) : []),
    [planned],
  );
  const close = () => store.getState().clearDeleteRequest();
  const confirm = () => {
    const target = planned.target;
    if (target === undefined) return;
    const result = store.getState().dispatch(target.intent);
    if (!result.ok) {
      setProblem(result.reason);
      return;
    }
    if (target.whole) store.getState().select(null);
    close();
  };

  const title =
    planned.target === undefined ? 'Nothing to delete' : `Delete ${planned.target.description}?`;
  const refused = 'refused' in planned ? planned.refused : undefined;
  return (
    <Modal
      title={title}
      tone="danger"
      onClose={close}
      fallbackFocus={fallbackFocus}
      actions={
        <>
          <button type="button" className="button button-outline" onClick={close}>
            {refused === undefined ? 'Cancel' : 'Close'}
          </button>
          {refused === undefined ? (
            <button type="button" className="button inspector-button-danger" onClick={confirm}>
              Delete
            </button>
          ) : null}
        </>
      }
    >
      {refused !== undefined ? (
        <p className="inspector-modal-text">{refused}</p>
      ) : effects.length === 0 ? (
        <p className="inspector-modal-text">Nothing else refers to it: only its YAML goes.</p>
      ) : (
        <>
          <p className="inspector-modal-text">Its YAML goes, and these change with it:</p>
          <ul className="inspector-effects" aria-label="What else changes">
            {effects.map(([resource, descriptions]) => (
              <li key={resource}>
                <span className="inspector-effect-resource">{describeKey(resource)}</span>
                <ul>
                  {descriptions.map((description, index) => (
                    <li key={index}>{description}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {refused === undefined ? <p className="inspector-modal-hint">You can undo it.</p> : null}
      {problem !== undefined ? (
        <p className="inspector-message inspector-message-error" role="alert">
          {problem}
        </p>
      ) : null}
    </Modal>
  );
}
