/**
 * Name checks of Istio's admission webhook (DNS labels, domains, IPs, label maps, ports), restated
 * from analyzers.md §2.0. Each check returns the webhook's error text, or undefined when valid.
 */

import { isIpAddress } from '../../model';

const DNS_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
// A first label may be `*`, `*foo`, `*-foo` or an ordinary label.
const WILDCARD_DNS_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const DNS_LABEL_MAX_LENGTH = 63;
const QUALIFIED_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const DNS_NAME_PREFIX_MAX_LENGTH = 253;
const ALL_DIGITS = /^[+-]?[0-9]+$/;

/** True for an RFC 1123 label as Istio defines it (upper case accepted, 1-63 characters). */
export function isDnsLabel(value: string): boolean {
  return value.length <= DNS_LABEL_MAX_LENGTH && DNS_LABEL.test(value);
}

/** True for a DNS label that may also be `*`, `*foo` or `*-foo`. */
export function isWildcardDnsLabel(value: string): boolean {
  return value.length <= DNS_LABEL_MAX_LENGTH && WILDCARD_DNS_LABEL.test(value);
}

function checkDomainPreconditions(name: string): string | undefined {
  if (name.length > 255) return `domain name ${goQuote(name)} too long (max 255)`;
  if (name.length === 0) return 'empty domain name not allowed';
  return undefined;
}

function checkDomainLabels(domain: string): string | undefined {
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1] ?? '';
  // Go's strconv.Atoi accepts a sign, so `+1` counts as all-numeric too.
  if (ALL_DIGITS.test(topLevel)) {
    return `domain name ${goQuote(domain)} invalid (top level domain ${goQuote(topLevel)} cannot be all-numeric)`;
  }
  for (const [index, label] of labels.entries()) {
    // A trailing dot (`istio.io.`) is allowed: the last label may be empty.
    if (index === labels.length - 1 && label === '') return undefined;
    if (!isDnsLabel(label))
      return `domain name ${goQuote(domain)} invalid (label ${goQuote(label)} invalid)`;
  }
  return undefined;
}

/** Istio's ValidateFQDN: every label a DNS label, top-level label not all digits. */
export function validateFqdn(fqdn: string): string | undefined {
  return checkDomainPreconditions(fqdn) ?? checkDomainLabels(fqdn);
}

/** Istio's ValidateWildcardDomain: as validateFqdn, but the first label may be a wildcard. */
export function validateWildcardDomain(domain: string): string | undefined {
  const precondition = checkDomainPreconditions(domain);
  if (precondition !== undefined) return precondition;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!isWildcardDnsLabel(first)) {
    return `domain name ${goQuote(domain)} invalid (label ${goQuote(first)} invalid)`;
  }
  return dot < 0 ? undefined : checkDomainLabels(domain.slice(dot + 1));
}

/** A host containing `*` must be exactly `*` or start with `*.`. */
export function validatePartialWildcard(host: string): string | undefined {
  if (host.includes('*') && host.length !== 1 && !host.startsWith('*.')) {
    return `partial wildcard ${goQuote(host)} not allowed`;
  }
  return undefined;
}

/** Istio's ValidateIPSubnet: an IP address or a CIDR block. */
export function validateIpSubnet(subnet: string): string | undefined {
  const slashes = subnet.split('/').length - 1;
  if (slashes === 1) {
    const [address = '', bits = ''] = subnet.split('/');
    // A CIDR block takes no IPv6 zone; an address with a colon is IPv6, one without is IPv4.
    const maxBits =
      !isIpAddress(address) || address.includes('%') ? -1 : address.includes(':') ? 128 : 32;
    const valid = maxBits > 0 && /^(?:0|[1-9][0-9]*)$/.test(bits) && Number(bits) <= maxBits;
    return valid ? undefined : `${subnet} is not a valid CIDR block`;
  }
  return isIpAddress(subnet) ? undefined : `${subnet} is not a valid IP`;
}

/** Istio's ValidatePort: a port number in 1..65535. */
export function validatePort(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535
    ? undefined
    : `port number ${port} must be in the range 1..65535`;
}

/** A port name must be a DNS label. */
export function validatePortName(name: string): string | undefined {
  return isDnsLabel(name) ? undefined : `invalid port name: ${name}`;
}

/** Kubernetes label-map syntax: one message per invalid key or value. */
export function validateLabels(labels: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = validateLabelKey(key);
    if (keyProblem !== undefined) problems.push(keyProblem);
    if (!LABEL_VALUE.test(value)) problems.push(`invalid tag value: ${goQuote(value)}`);
  }
  return problems;
}

function validateLabelKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    const prefixLabels = prefix.split('.');
    if (prefix.includes('/') || !prefixLabels.every((label) => DNS_LABEL.test(label))) {
      return `invalid tag key: ${goQuote(key)}`;
    }
  }
  if (!QUALIFIED_NAME.test(name)) return `invalid tag key: ${goQuote(key)}`;
  if (prefix !== undefined && prefix.length > DNS_NAME_PREFIX_MAX_LENGTH) {
    return `invalid tag key: ${goQuote(key)} (DNS prefix is too long)`;
  }
  if (name.length > DNS_LABEL_MAX_LENGTH)
    return `invalid tag key: ${goQuote(key)} (name is too long)`;
  return undefined;
}

/** Go's `%q` for the plain strings these messages quote: double quotes, escaped `"` and `\`. */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** The prefix of a unix domain socket address (`bind`, STATIC endpoints). */
export const UNIX_ADDRESS_PREFIX = 'unix://';

/** A unix socket path: absolute and not a directory, or an abstract name starting with `@`. */
export function validateUnixAddress(address: string): string | undefined {
  if (address === '') return 'unix address must not be empty';
  if (address.startsWith('@')) return undefined;
  if (!address.startsWith('/') || address.endsWith('/'))
    return `${address} is not an absolute path to a file`;
  return undefined;
}
