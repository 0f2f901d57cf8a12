import {
  isIpAddress,
  validateDuration,
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

/** Number checks for NumberField's `check`, in Istio's words. */
export const PORT_CHECK = { integer: true, check: validatePort } as const;
export const PERCENT_CHECK = { check: validatePercentage } as const;
export const WEIGHT_CHECK = { integer: true, check: validateWeight } as const;
