import { hostMatches, hostSubsetOf, isIpAddress } from '../../model';
import type {
  L4MatchAttributes,
  VirtualServiceResource,
  VirtualServiceSpec,
  YamlPath,
} from '../../model';
import { schemaReporter, type SchemaReporter } from '../schemaReporter';
import type { ResourceRule } from '../types';
import { validateExportTo } from '../validation/exportTo';
import { isJwtClaimKey } from '../validation/headers';
import { goQuote, validateIpSubnet, validateWildcardDomain } from '../validation/names';
import {
  goList,
  validateGatewayNames,
  validateWeightedDestinations,
  validateSourceMatch,
} from '../validation/routing';

/**
 * The webhook's VirtualService checks outside the http rules (analyzers.md §2.2: delegates, gateways,
 * hosts, JWT claim keys, tcp and tls routes, exportTo). The http rules are in
 * ist0106-httpRouteValidation.
 */
export const virtualServiceValidationRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0106-virtualServiceValidation',
  codes: ['IST0106', 'IST0133'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    const reporter = schemaReporter(resource, report);
    const spec = resource.spec;
    const hosts = spec.hosts ?? [];
    const gateways = spec.gateways ?? [];
    if (hosts.length === 0) validateDelegateShape(spec, reporter);

    const boundToGateway = isBoundToGatewaysOnly(spec);
    if (gateways.length > 0) validateGatewayNames(gateways, ['spec', 'gateways'], reporter);
    if (!boundToGateway) validateNoJwtClaimRouting(spec, reporter);
    validateHosts(spec, boundToGateway, reporter);

    if (
      (spec.http ?? []).length === 0 &&
      (spec.tcp ?? []).length === 0 &&
      (spec.tls ?? []).length === 0
    ) {
      reporter.error(['spec'], 'http, tcp or tls must be provided in virtual service');
    }
    for (const [index, route] of (spec.tls ?? []).entries()) {
      const path = ['spec', 'tls', index];
      const matches = route.match ?? [];
      if (matches.length === 0)
        reporter.error(path, 'TLS route must have at least one match condition');
      for (const [matchIndex, match] of matches.entries()) {
        const matchPath = [...path, 'match', matchIndex];
        const sniHosts = match.sniHosts ?? [];
        if (sniHosts.length === 0)
          reporter.error(matchPath, 'TLS match must have at least one SNI host');
        for (const [sniIndex, sniHost] of sniHosts.entries()) {
          validateSniHost(
            sniHost,
            resource,
            boundToGateway,
            [...matchPath, 'sniHosts', sniIndex],
            reporter,
          );
        }
        validateL4Match(match, matchPath, reporter);
      }
      if ((route.route ?? []).length === 0) reporter.error(path, 'TLS route is required');
      validateWeightedDestinations(route.route ?? [], [...path, 'route'], reporter);
    }
    for (const [index, route] of (spec.tcp ?? []).entries()) {
      const path = ['spec', 'tcp', index];
      for (const [matchIndex, match] of (route.match ?? []).entries()) {
        validateL4Match(match, [...path, 'match', matchIndex], reporter);
      }
      if ((route.route ?? []).length === 0) reporter.error(path, 'TCP route is required');
      validateWeightedDestinations(route.route ?? [], [...path, 'route'], reporter);
    }
    for (const problem of validateExportTo(spec.exportTo, {
      namespace: resource.namespace,
      isServiceEntry: false,
      isDestinationRuleWithSelector: false,
    })) {
      const path =
        problem.index === undefined ? ['spec', 'exportTo'] : ['spec', 'exportTo', problem.index];
      reporter.error(path, problem.message);
    }
  },
};

/** True when the VirtualService lists gateways and `mesh` is not among them. */
export function isBoundToGatewaysOnly(spec: VirtualServiceSpec): boolean {
  const gateways = spec.gateways ?? [];
  return gateways.length > 0 && !gateways.includes('mesh');
}

function validateDelegateShape(spec: VirtualServiceSpec, reporter: SchemaReporter): void {
  if ((spec.gateways ?? []).length > 0) {
    reporter.error(
      ['spec', 'gateways'],
      'delegate virtual service must have no gateways specified',
    );
  }
  if ((spec.tls ?? []).length > 0) {
    reporter.error(['spec', 'tls'], 'delegate virtual service must have no tls route specified');
  }
  if ((spec.tcp ?? []).length > 0) {
    reporter.error(['spec', 'tcp'], 'delegate virtual service must have no tcp route specified');
  }
}

function validateNoJwtClaimRouting(spec: VirtualServiceSpec, reporter: SchemaReporter): void {
  for (const [ruleIndex, rule] of (spec.http ?? []).entries()) {
    for (const [matchIndex, match] of (rule.match ?? []).entries()) {
      for (const field of ['headers', 'withoutHeaders'] as const) {
        for (const key of Object.keys(match[field] ?? {})) {
          if (!isJwtClaimKey(key)) continue;
          reporter.error(
            ['spec', 'http', ruleIndex, 'match', matchIndex, field, key],
            `JWT claim based routing (key: ${key}) is only supported for gateway, found no gateways: ${goList(spec.gateways ?? [])}`,
          );
        }
      }
    }
  }
}

function validateHosts(
  spec: VirtualServiceSpec,
  boundToGateway: boolean,
  reporter: SchemaReporter,
): void {
  const hosts = spec.hosts ?? [];
  const sni = (spec.tls ?? []).some((route) =>
    (route.match ?? []).some((match) => (match.sniHosts ?? []).length > 0),
  );
  let allHostsValid = true;
  for (const [index, host] of hosts.entries()) {
    const problem = boundToGateway
      ? validateGatewayBoundHost(host, sni)
      : validateWildcardDomain(host);
    if (problem !== undefined) {
      if (!isIpAddress(host)) {
        reporter.error(['spec', 'hosts', index], problem);
        allHostsValid = false;
      }
    } else if (!boundToGateway && host === '*') {
      reporter.error(
        ['spec', 'hosts', index],
        'wildcard host * is not allowed for virtual services bound to the mesh gateway',
      );
      allHostsValid = false;
    }
  }
  if (!allHostsValid) return;
  for (let first = 0; first < hosts.length; first += 1) {
    for (let second = first + 1; second < hosts.length; second += 1) {
      const a = hosts[first] ?? '';
      const b = hosts[second] ?? '';
      if (hostMatches(a, b)) {
        reporter.error(
          ['spec', 'hosts', second],
          `duplicate hosts in virtual service: ${a} & ${b}`,
        );
      }
    }
  }
}

// Gateway-bound hosts may also be the SNI form `outbound_.<port>_._.<host>` when tls routes use SNI.
function validateGatewayBoundHost(host: string, sni: boolean): string | undefined {
  const firstLabel = host.split('.')[0] ?? '';
  if (sni && firstLabel === 'outbound_' && host.length > 0 && host.length <= 255) {
    return /outbound_.([0-8].*).*/.test(host)
      ? undefined
      : `domain name ${goQuote(host)} invalid (label ${goQuote(firstLabel)} invalid)`;
  }
  return validateWildcardDomain(host);
}

function validateSniHost(
  sniHost: string,
  resource: VirtualServiceResource,
  boundToGateway: boolean,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const problem = boundToGateway
    ? validateGatewayBoundHost(sniHost, true)
    : validateWildcardDomain(sniHost);
  if (problem !== undefined) {
    if (isIpAddress(sniHost)) {
      reporter.warning(
        path,
        `using an IP address (${goQuote(sniHost)}) goes against SNI spec and most clients do not support this`,
      );
    } else {
      reporter.error(path, problem);
    }
    return;
  }
  const hosts = resource.spec.hosts ?? [];
  if (hosts.some((host) => hostSubsetOf(sniHost, host))) return;
  reporter.error(
    path,
    `SNI host ${goQuote(sniHost)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`,
  );
}

function validateL4Match(match: L4MatchAttributes, path: YamlPath, reporter: SchemaReporter): void {
  for (const [index, subnet] of (match.destinationSubnets ?? []).entries()) {
    const problem = validateIpSubnet(subnet);
    if (problem !== undefined) reporter.error([...path, 'destinationSubnets', index], problem);
  }
  validateSourceMatch(match, path, reporter);
}
