import { useId, useMemo } from 'react';
import { resolveHost, type Destination, type Model } from '../../../engine';
import { NumberField, TextField } from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import { optionalText, type ResourceEditing } from '../useResourceEditing';
import { PORT_RANGE } from './GatewayInspector';
import { hostProblem, subsetNameProblem } from '../validators';

/** The subset names DestinationRules define for a host written in `namespace`, in the design's domain. */
export function subsetsForHost(
  model: Model,
  host: string | undefined,
  namespace: string,
): string[] {
  if (host === undefined || host === '') return [];
  const { clusterDomain } = model;
  const resolved = resolveHost(host, namespace, clusterDomain);
  const names = new Set<string>();
  for (const destinationRule of model.destinationRules) {
    const written = destinationRule.spec.host;
    if (
      written === undefined ||
      resolveHost(written, destinationRule.namespace, clusterDomain) !== resolved
    ) {
      continue;
    }
    for (const subset of destinationRule.spec.subsets ?? []) {
      if (subset.name !== undefined) names.add(subset.name);
    }
  }
  return [...names].sort();
}

/**
 * Host, subset and port of a destination (a route's, a mirror's), each written on its own. The
 * subset suggestions are those the DestinationRules define for the host.
 */
export function DestinationFields({
  destination,
  path,
  editing,
  namespace,
  labelPrefix = '',
}: {
  readonly destination: Destination | undefined;
  /** The path of the `destination` object. */
  readonly path: readonly (string | number)[];
  readonly editing: ResourceEditing;
  /** The VirtualService's namespace, where short hosts resolve. */
  readonly namespace: string;
  /** Put before each label when several destinations share a panel (e.g. "Mirror "). */
  readonly labelPrefix?: string;
}) {
  const listId = useId();
  const subsets = useMemo(
    () => subsetsForHost(editing.design.model, destination?.host, namespace),
    [editing.design.model, destination?.host, namespace],
  );
  return (
    <>
      <TextField
        label={`${labelPrefix}Host`}
        value={destination?.host}
        monospace
        suggestions={SUGGESTIONS.hosts}
        diagnostics={editing.diagnostics([...path, 'host'])}
        validate={hostProblem}
        onCommit={(text) => {
          const host = optionalText(text);
          if (host === undefined) return 'A destination needs a host';
          return editing.set([...path, 'host'], host);
        }}
      />
      <TextField
        label={`${labelPrefix}Subset`}
        value={destination?.subset}
        monospace
        suggestions={listId}
        placeholder={subsets.length > 0 ? subsets.join(', ') : 'none'}
        diagnostics={editing.diagnostics([...path, 'subset'])}
        validate={subsetNameProblem}
        onCommit={(text) => editing.set([...path, 'subset'], optionalText(text))}
      />
      <datalist id={listId}>
        {subsets.map((subset) => (
          <option key={subset} value={subset} />
        ))}
      </datalist>
      <NumberField
        label={`${labelPrefix}Port`}
        value={destination?.port?.number}
        {...PORT_RANGE}
        placeholder="the service's only port"
        diagnostics={editing.diagnostics([...path, 'port'])}
        onCommit={(value) =>
          editing.set([...path, 'port'], value === undefined ? undefined : { number: value })
        }
      />
    </>
  );
}

/** A share of traffic as the panel shows it: `33.3%`, `100%`. */
export function formatPercent(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}
