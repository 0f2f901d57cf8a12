/**
 * Kubernetes' default cluster domain suffix (routing-semantics §0). A design sets another one with
 * an IstioOperator's `spec.values.global.proxy.clusterDomain`; the model's `clusterDomain` is the
 * one in force, and every function below takes it (this default when omitted).
 */
export const CLUSTER_DOMAIN = 'cluster.local';

/** A Service's in-mesh name: `name.namespace.svc.<clusterDomain>`. */
export function serviceFqdn(
  name: string,
  namespace: string,
  clusterDomain: string = CLUSTER_DOMAIN,
): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/** The namespace a Service FQDN names (`web.shop.svc.cluster.local` -> `shop`); undefined for other hosts. */
export function namespaceOfServiceHost(
  host: string,
  clusterDomain: string = CLUSTER_DOMAIN,
): string | undefined {
  const suffix = `.svc.${clusterDomain}`;
  if (!host.endsWith(suffix)) return undefined;
  const labels = host.slice(0, -suffix.length).split('.');
  return labels.length === 2 ? labels[1] : undefined;
}

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

// Dotted decimal only, without leading zeros: netip rejects "010" as ambiguous (octal).
function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => IPV4_PART.test(part));
}

function isIpv6(text: string): boolean {
  // A link-local address may carry a zone (`fe80::1%eth0`); it must not be empty.
  const zoneAt = text.indexOf('%');
  if (zoneAt === text.length - 1) return false;
  const address = zoneAt === -1 ? text : text.slice(0, zoneAt);
  if (!address.includes(':')) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = groups(halves[1] ?? '');
  const all = [...head, ...tail];
  let count = all.length;
  // An embedded IPv4 address may only end the address, where it stands for two groups.
  const last = halves.length === 2 ? tail.at(-1) : head.at(-1);
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  // `::` stands for at least one group of zeros.
  return halves.length === 2 ? count < 8 : count === 8;
}

/**
 * True for an IPv4 or IPv6 address without a prefix length, as Go's netip.ParseAddr reads it (an
 * IPv6 zone allowed). Hosts that are IPs are never expanded or wildcard-matched.
 */
export function isIpAddress(host: string): boolean {
  return isIpv4(host) || isIpv6(host);
}

/**
 * Resolves a host as Istio does for VirtualService hosts and destinations, DestinationRule hosts
 * (routing-semantics §2.1, `ResolveShortnameToFQDN`): `*` and IP addresses stay; a name without a
 * dot becomes `name.<namespace>.svc.<clusterDomain>` in the referring resource's namespace; a name
 * with any dot is used literally (`reviews.prod` is not expanded). An empty host stays empty.
 */
export function resolveHost(
  host: string,
  namespace: string,
  clusterDomain: string = CLUSTER_DOMAIN,
): string {
  // Any dot keeps the name literal (an IPv4 address included); only IPv6 needs the address test.
  if (host === '' || host === '*' || host.includes('.')) return host;
  if (host.includes(':') && isIpAddress(host)) return host;
  return serviceFqdn(host, namespace, clusterDomain);
}

/** True for a wildcard host (`*` or `*.example.com`): Istio treats any leading `*` as one. */
export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/**
 * True when host `a` lies within host `b` (`Name.SubsetOf`): equal names; a name under a wildcard
 * (`a.example.com` within `*.example.com`, never `example.com`); a narrower wildcard within a wider
 * one (`*.a.example.com` within `*.example.com`); everything within `*`. Case-sensitive, as Istio
 * compares raw strings.
 */
export function hostSubsetOf(a: string, b: string): boolean {
  const aWildcard = isWildcardHost(a);
  if (!isWildcardHost(b)) return !aWildcard && a === b;
  const suffix = b.slice(1);
  if (aWildcard) return a.length >= b.length && a.slice(1).endsWith(suffix);
  return a.endsWith(suffix);
}

/**
 * True when two hosts overlap in either direction (`Name.Matches`), the symmetric test used to bind
 * tcp and tls routes (routing-semantics §2.11): `*.com` matches `foo.com` and vice versa.
 */
export function hostMatches(a: string, b: string): boolean {
  return hostSubsetOf(a, b) || hostSubsetOf(b, a);
}

/**
 * The hosts two host lists have in common (routing-semantics §2.4, `Names.Intersection`): for each
 * pair, the more specific of the two when one lies within the other. Server `*.example.com` and
 * VirtualService `*` give `*.example.com`; server `*` and `shop.example.com` give
 * `shop.example.com`; `*.example.com` and `example.com` give nothing. No duplicates; order follows
 * the server hosts, then the VirtualService hosts.
 */
export function intersectHosts(
  serverHosts: readonly string[],
  virtualServiceHosts: readonly string[],
): string[] {
  const common: string[] = [];
  for (const serverHost of serverHosts) {
    for (const virtualServiceHost of virtualServiceHosts) {
      let kept: string | undefined;
      if (hostSubsetOf(virtualServiceHost, serverHost)) kept = virtualServiceHost;
      else if (hostSubsetOf(serverHost, virtualServiceHost)) kept = serverHost;
      if (kept !== undefined && !common.includes(kept)) common.push(kept);
    }
  }
  return common;
}
