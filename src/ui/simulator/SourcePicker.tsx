import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import type { Labels, Request, RequestSource, TopologyNode } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';

type WorkloadNode = Extract<TopologyNode, { type: 'workload' }>;

/** `app=web, version=v1` for labels. */
export function formatLabelText(labels: Labels): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

/** Labels from `app=web, version=v1` (commas or spaces between pairs; a pair without `=` is skipped). */
export function parseLabelText(text: string): Labels {
  const labels: Record<string, string> = {};
  for (const pair of text.split(/[,\s]+/)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    labels[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return labels;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

const CUSTOM = '';

/**
 * The caller's labels as text, committed on blur or Enter (a half-typed `app=` must not be parsed
 * away while typing); Enter then sends the request with them.
 */
function LabelsField({
  id,
  labels,
  onCommit,
}: {
  id: string;
  labels: Labels;
  onCommit: (labels: Labels) => void;
}) {
  const [text, setText] = useState(() => formatLabelText(labels));
  const [shown, setShown] = useState(labels);
  if (shown !== labels) {
    // The labels changed elsewhere (a workload chosen, a ready request): show them.
    setShown(labels);
    setText(formatLabelText(labels));
  }
  const commit = () => {
    const parsed = parseLabelText(text);
    if (!sameLabels(parsed, labels)) onCommit(parsed);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };
  return (
    <label className="panel-field sim-source-labels" htmlFor={id}>
      <span className="panel-label">Labels</span>
      <input
        id={id}
        className="panel-input panel-input--mono"
        spellCheck={false}
        autoComplete="off"
        placeholder="app=web, version=v1"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    </label>
  );
}

/**
 * Where the request comes from: the internet through a LoadBalancer Service (any, or a chosen
 * one), or a workload in the mesh (one of the design's, or a namespace and labels).
 */
export function SourcePicker() {
  const store = useSailplanStoreApi();
  const request = useSailplan((state) => state.request);
  // Deferred: a keystroke's canvas update is drawn first, the pickers' lists after it.
  const nodes = useDeferredValue(useSailplan((state) => state.lastGood.topology.nodes));
  const id = useId();
  const loadBalancers = nodes.filter((node) => node.type === 'loadBalancer');
  const workloads = nodes.filter((node): node is WorkloadNode => node.type === 'workload');
  const from: RequestSource = request.from ?? 'ingress';
  const write = (patch: Partial<Request>) => {
    const { request: current, setRequest } = store.getState();
    const next: { -readonly [Key in keyof Request]: Request[Key] } = { ...current, ...patch };
    if (next.from !== undefined && next.from !== 'ingress') delete next.entry;
    if (patch.entry === undefined && 'entry' in patch) delete next.entry;
    setRequest(next);
  };
  const chosenWorkload =
    from === 'ingress'
      ? undefined
      : workloads.find(
          (workload) =>
            workload.namespace === from.namespace && sameLabels(workload.podLabels, from.labels),
        );
  const firstWorkload = workloads[0];
  const meshSource: RequestSource =
    firstWorkload === undefined
      ? { namespace: 'default', labels: {} }
      : { namespace: firstWorkload.namespace, labels: firstWorkload.podLabels };

  return (
    <fieldset className="sim-fieldset">
      <legend className="panel-label">Sent from</legend>
      <div className="sim-source">
        <label className="sim-radio">
          <input
            type="radio"
            name={`${id}-from`}
            checked={from === 'ingress'}
            onChange={() => write({ from: 'ingress' })}
          />
          The internet, through
        </label>
        <select
          className="panel-input"
          aria-label="LoadBalancer Service"
          disabled={from !== 'ingress'}
          value={request.entry ?? ''}
          onChange={(event) =>
            write({ entry: event.target.value === '' ? undefined : event.target.value })
          }
        >
          <option value="">
            {loadBalancers.length === 1
              ? `${loadBalancers[0]?.namespace}/${loadBalancers[0]?.name}`
              : 'any LoadBalancer'}
          </option>
          {loadBalancers.length > 1 &&
            loadBalancers.map((node) => (
              <option key={node.id} value={`${node.namespace}/${node.name}`}>
                {node.namespace}/{node.name}
              </option>
            ))}
        </select>
      </div>
      <div className="sim-source">
        <label className="sim-radio">
          <input
            type="radio"
            name={`${id}-from`}
            checked={from !== 'ingress'}
            onChange={() => write({ from: meshSource })}
          />
          A workload in the mesh
        </label>
        <select
          className="panel-input"
          aria-label="Workload"
          disabled={from === 'ingress'}
          value={chosenWorkload?.id ?? CUSTOM}
          onChange={(event) => {
            const workload = workloads.find((candidate) => candidate.id === event.target.value);
            if (workload !== undefined) {
              write({ from: { namespace: workload.namespace, labels: workload.podLabels } });
            }
          }}
        >
          {workloads.map((workload) => (
            <option key={workload.id} value={workload.id}>
              {workload.namespace}/{workload.name}
            </option>
          ))}
          <option value={CUSTOM}>namespace and labels…</option>
        </select>
      </div>
      {from !== 'ingress' && (
        <div className="sim-source sim-source-custom">
          <label className="panel-field" htmlFor={`${id}-namespace`}>
            <span className="panel-label">Namespace</span>
            <input
              id={`${id}-namespace`}
              className="panel-input panel-input--mono"
              spellCheck={false}
              autoComplete="off"
              value={from.namespace}
              onChange={(event) =>
                write({ from: { namespace: event.target.value, labels: from.labels } })
              }
            />
          </label>
          <LabelsField
            id={`${id}-labels`}
            labels={from.labels}
            onCommit={(labels) => write({ from: { namespace: from.namespace, labels } })}
          />
        </div>
      )}
    </fieldset>
  );
}
