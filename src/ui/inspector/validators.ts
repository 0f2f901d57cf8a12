import {
  isIpAddress,
  validateDuration,
  validateHeaderOperationName,
  validateHeaderValue,
  validateIpSubnet,
  validateRequestHeaderSetName,
  validateServerHost,
  validatePartialWildcard,
  validatePercentage,
  validatePort,
  validatePortName,
  validateResourceName,
  validateNamespaceName,
  validateSubsetName,
  validateWeight,
  validateWildcardDomain,
} from '../../engine';
import type { CommitResult } from './fields';

/**
 * The inspector's inline checks: a value Istio's webhook (or the API server) would reject is
 * refused where it was typed, in their words, before any edit is planned. An empty field is
 * left to the field (it usually means "remove").
 */
function whenWritten(check: (text: string) => CommitResult): (text: string) => CommitResult {
  return (text) => {
    const trimmed = text.trim();
    return trimmed === '' ? undefined : check(trimmed);
  };
}

/** A duration (timeout, per-try timeout, fault delay): Go syntax, at least 1ms, whole ms. */
export const durationProblem = whenWritten(validateDuration);

/** A Kubernetes object name. */
export const resourceNameProblem = whenWritten(validateResourceName);

/** A namespace name. */
export const namespaceProblem = whenWritten(validateNamespaceName);

/** A subset name. */
export const subsetNameProblem = whenWritten(validateSubsetName);

/** A port name (a DNS label). */
export const portNameProblem = whenWritten(validatePortName);

/** A host as a VirtualService, DestinationRule or destination names it: `*`, a name, an IP. */
export const hostProblem = whenWritten(
  (host) =>
    validatePartialWildcard(host) ?? (isIpAddress(host) ? undefined : validateWildcardDomain(host)),
);

/** An SNI host of a tls match: a domain, `*` or `*.` wildcards; an IP is only warned about. */
export const sniHostProblem = whenWritten((host) =>
  isIpAddress(host) ? undefined : validateWildcardDomain(host),
);

/** A Gateway server host: `dnsName` or `namespace/dnsName`, every problem the webhook finds. */
export const serverHostProblem = whenWritten((host) => {
  const problems = validateServerHost(host);
  return problems.length === 0 ? undefined : problems.join('; ');
});

/** A destination subnet of a tcp or tls match: an IP address or a CIDR block. */
export const subnetProblem = whenWritten(validateIpSubnet);

/** A match's source namespace: a DNS label, in the webhook's words. */
export const sourceNamespaceProblem = whenWritten((namespace) =>
  validateNamespaceName(namespace) === undefined
    ? undefined
    : `sourceNamespace match ${namespace} is invalid`,
);

/** A header a request or response header operation removes (never `host` or a pseudo-header). */
export const headerToRemoveProblem = whenWritten(validateHeaderOperationName);

/**
 * The headers a `set` or `add` map gains or changes: their names (a request may set `:authority`
 * and `host`, a response neither) and values (no control characters, well-formed %VARIABLES%).
 * Entries already written are left to the analyzer, so that a bad one never blocks the others.
 */
export function headerMapProblem(
  side: 'request' | 'response',
  operation: 'set' | 'add',
  next: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
): CommitResult {
  for (const [name, value] of Object.entries(next)) {
    if (name in current && current[name] === value) continue;
    const nameProblem =
      side === 'request' ? validateRequestHeaderSetName(name) : validateHeaderOperationName(name);
    if (nameProblem !== undefined) return `${side} ${operation}: ${nameProblem}`;
    const valueProblem = validateHeaderValue(value);
    if (valueProblem !== undefined) return `${side} ${operation} ${name}: ${valueProblem}`;
  }
  return undefined;
}

/** Number checks for NumberField's `check`, in Istio's words. */
export const PORT_CHECK = { integer: true, check: validatePort } as const;
export const PERCENT_CHECK = { check: validatePercentage } as const;
export const WEIGHT_CHECK = { integer: true, check: validateWeight } as const;
