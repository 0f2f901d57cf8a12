/**
 * Checks of single values a form can make before any edit is planned, in the words of the API
 * server or Istio's webhook (what `kubectl apply` would print). Each returns the message, or
 * undefined when the value is acceptable.
 */

// The webhook's own single-value checks, for the inspector's inline checks (the UI reaches the
// engine only through its index): destination subnets, Gateway server hosts, header operations.
export { validateIpSubnet } from '../analyze/validation/names';
export { validateServerHost } from '../analyze/rules/ist0106-gatewayValidation';
export {
  validateHeaderOperationName,
  validateHeaderValue,
  validateRequestHeaderSetName,
} from '../analyze/validation/headers';

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes object name: a lower-case RFC 1123 subdomain of at most 253 characters. */
export function validateResourceName(name: string): string | undefined {
  if (name.length > 253) return 'must be no more than 253 characters';
  if (!DNS_1123_SUBDOMAIN.test(name)) {
    return `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')`;
  }
  return undefined;
}

/** A namespace name: a lower-case RFC 1123 label of at most 63 characters. */
export function validateNamespaceName(namespace: string): string | undefined {
  if (namespace.length > 63) return 'must be no more than 63 characters';
  if (!DNS_1123_LABEL.test(namespace)) {
    return `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name')`;
  }
  return undefined;
}

/** Istio's subset name check (a DNS-1123 label). */
export function validateSubsetName(name: string): string | undefined {
  return name.length <= 63 && DNS_1123_LABEL.test(name)
    ? undefined
    : `subset name is invalid: ${name}`;
}

/** Istio's percentage check (fault injection, mirroring): a number from 0 to 100. */
export function validatePercentage(value: number): string | undefined {
  return Number.isFinite(value) && value >= 0 && value <= 100
    ? undefined
    : `percentage ${value} is not in range 0..100`;
}

/** A destination weight: a whole number, not negative (Istio's message for a negative one). */
export function validateWeight(value: number): string | undefined {
  if (!Number.isInteger(value)) return `weight ${value} is not a whole number`;
  return value < 0 ? `weight ${value} < 0` : undefined;
}
