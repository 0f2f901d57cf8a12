import type { RouteTestResult, Topology } from '../../engine';

/** A VirtualService rule, as the coverage lists it. */
export interface CoveredRule {
  /** The canvas part id (`VirtualService/default/proxy#http/0`). */
  readonly id: string;
  /** `default/proxy http[0] "name"`. */
  readonly label: string;
}

/** Which VirtualService rules the route tests reach, and which none does. */
export interface RuleCoverage {
  readonly reached: readonly CoveredRule[];
  readonly unreached: readonly CoveredRule[];
}

/**
 * The coverage of a test run: a rule is reached when some test's request goes through it (it is
 * on the trace's path: the rule that decided, or the root rule that delegated to it).
 */
export function ruleCoverage(
  topology: Topology,
  results: readonly RouteTestResult[],
): RuleCoverage {
  const onPaths = new Set<string>();
  for (const result of results) for (const id of result.trace.nodes) onPaths.add(id);
  const reached: CoveredRule[] = [];
  const unreached: CoveredRule[] = [];
  for (const node of topology.nodes) {
    if (node.type !== 'virtualService') continue;
    for (const rule of node.rules) {
      const name = rule.displayName.startsWith(
        `${rule.section === 'http' ? '' : `${rule.section} `}rule `,
      )
        ? ''
        : ` "${rule.displayName}"`;
      const entry = {
        id: rule.id,
        label: `${node.namespace}/${node.name} ${rule.section}[${rule.index}]${name}`,
      };
      (onPaths.has(rule.id) ? reached : unreached).push(entry);
    }
  }
  return { reached, unreached };
}
