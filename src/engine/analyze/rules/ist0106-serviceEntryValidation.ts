import {
  isHttpProtocol,
  isIpAddress,
  isTcpProtocol,
  isTlsProtocol,
  parseProtocol,
} from '../../model';
import type { ServiceEntryResource, ServiceEntrySpec, WorkloadEntry, YamlPath } from '../../model';
import { schemaReporter, type SchemaReporter } from '../schemaReporter';
import type { ResourceRule } from '../types';
import { validateExportTo } from '../validation/exportTo';
import {
  validateFqdn,
  validateIpSubnet,
  validateLabels,
  validatePartialWildcard,
  validatePort,
  validatePortName,
  validateWildcardDomain,
  UNIX_ADDRESS_PREFIX,
  validateUnixAddress,
} from '../validation/names';

const AUTO_ALLOCATE_LABEL = 'networking.istio.io/enable-autoallocate-ip';
const USE_WAYPOINT = 'istio.io/use-waypoint';

type Resolution = NonNullable<ServiceEntrySpec['resolution']>;

/** The webhook's ServiceEntry checks (analyzers.md §2.4): IST0106 errors, IST0133 warnings. */
export const serviceEntryValidationRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0106-serviceEntryValidation',
  codes: ['IST0106', 'IST0133'],
  check(resource, report) {
    if (resource.kind !== 'ServiceEntry') return;
    const reporter = schemaReporter(resource, report);
    const spec = resource.spec;
    const resolution = spec.resolution ?? 'NONE';
    const selectorLabels = spec.workloadSelector?.labels;
    if (spec.workloadSelector !== undefined) {
      let selectorValid = true;
      for (const [key, value] of Object.entries(selectorLabels ?? {})) {
        const pair = JSON.stringify(`${key}=${value}`);
        if (key === '') {
          reporter.error(
            ['spec', 'workloadSelector', 'labels'],
            `empty key is not supported in selector: ${pair}`,
          );
          selectorValid = false;
        }
        if (key.includes('*') || value.includes('*')) {
          reporter.error(
            ['spec', 'workloadSelector', 'labels', key],
            `wildcard is not supported in selector: ${pair}`,
          );
          selectorValid = false;
        }
      }
      // The webhook stops at a bad selector; the other checks would only add noise.
      if (!selectorValid) return;
      if (Object.keys(selectorLabels ?? {}).length === 0) {
        reporter.warning(
          ['spec', 'workloadSelector'],
          'service entry: workload selector specified without labels, will be applied to all services in namespace',
        );
      }
      if (spec.endpoints !== undefined) {
        reporter.error(
          ['spec', 'endpoints'],
          'only one of WorkloadSelector or Endpoints is allowed in Service Entry',
        );
      }
    }
    validateHosts(resource, resolution, reporter);
    validateAddresses(resource, resolution, reporter);
    const portNames = validatePorts(resource, resolution, reporter);
    validateByResolution(resource, resolution, portNames, reporter);

    const hosts = spec.hosts ?? [];
    if (resolution !== 'NONE' && hosts.length > 1) {
      const index = (spec.ports ?? []).findIndex((port) => {
        const protocol = parseProtocol(port.protocol);
        return !isHttpProtocol(protocol) && !isTlsProtocol(protocol);
      });
      if (index >= 0)
        reporter.error(
          ['spec', 'ports', index, 'protocol'],
          'multiple hosts provided with non-HTTP, non-TLS ports',
        );
    }
    for (const problem of validateExportTo(spec.exportTo, {
      namespace: resource.namespace,
      isServiceEntry: true,
      isDestinationRuleWithSelector: false,
    })) {
      reporter.error(
        problem.index === undefined ? ['spec', 'exportTo'] : ['spec', 'exportTo', problem.index],
        problem.message,
      );
    }
  },
};

function validateHosts(
  resource: ServiceEntryResource,
  resolution: Resolution,
  reporter: SchemaReporter,
): void {
  const hosts = resource.spec.hosts ?? [];
  if (hosts.length === 0)
    reporter.error(['spec', 'hosts'], 'service entry must have at least one host');
  if (hosts.length > 256)
    reporter.error(['spec', 'hosts'], 'service entry may have at most 256 hosts');
  for (const [index, host] of hosts.entries()) {
    const path = ['spec', 'hosts', index];
    if (host === '*') {
      reporter.error(path, `invalid host ${host}`);
      continue;
    }
    const problem = validateWildcardDomain(host);
    if (problem !== undefined) reporter.error(path, problem);
    const partial = validatePartialWildcard(host);
    if (partial !== undefined && resolution !== 'DYNAMIC_DNS') reporter.warning(path, partial);
  }
}

function validateAddresses(
  resource: ServiceEntryResource,
  resolution: Resolution,
  reporter: SchemaReporter,
): void {
  const addresses = resource.spec.addresses ?? [];
  if (addresses.length > 256)
    reporter.error(['spec', 'addresses'], 'service entry may have at most 256 addresses');
  let cidrIndex = -1;
  for (const [index, address] of addresses.entries()) {
    const path = ['spec', 'addresses', index];
    if (cidrIndex < 0 && address.includes('/')) cidrIndex = index;
    if (address.length > 64)
      reporter.error(path, `address ${address} is longer than 64 characters`);
    const problem = validateIpSubnet(address);
    if (problem !== undefined) reporter.error(path, problem);
  }
  if (cidrIndex >= 0 && resolution !== 'NONE' && resolution !== 'STATIC') {
    reporter.error(
      ['spec', 'addresses', cidrIndex],
      'CIDR addresses are allowed only for NONE/STATIC resolution types',
    );
  }
}

// Returns the declared port names, which endpoint ports must refer to.
function validatePorts(
  resource: ServiceEntryResource,
  resolution: Resolution,
  reporter: SchemaReporter,
): Set<string> {
  const spec = resource.spec;
  const names = new Set<string>();
  const numbers = new Set<number>();
  const ports = spec.ports ?? [];
  if (ports.length > 256)
    reporter.error(['spec', 'ports'], 'service entry may have at most 256 ports');
  // Auto-allocation of addresses is on by default; resolution NONE or the label turns it off.
  const autoAllocation = resolution !== 'NONE' && resource.labels[AUTO_ALLOCATE_LABEL] !== 'false';
  for (const [index, port] of ports.entries()) {
    const path = ['spec', 'ports', index];
    const name = port.name ?? '';
    const number = port.number ?? 0;
    if (names.has(name))
      reporter.error(
        [...path, 'name'],
        `service entry port name ${JSON.stringify(name)} already defined`,
      );
    names.add(name);
    if (numbers.has(number))
      reporter.error([...path, 'number'], `service entry port ${number} already defined`);
    numbers.add(number);
    if ((port.targetPort ?? 0) !== 0) {
      const problem = validatePort(port.targetPort ?? 0);
      if (problem !== undefined) reporter.error([...path, 'targetPort'], problem);
    }
    if ((spec.addresses ?? []).length === 0 && !autoAllocation) {
      const protocol = port.protocol ?? '';
      if (protocol === '' || protocol === 'TCP') {
        reporter.warning(
          path,
          'addresses are required for ports serving TCP (or unset) protocol when ISTIO_META_DNS_AUTO_ALLOCATE is not set on a proxy',
        );
      }
    }
    const nameProblem = validatePortName(name);
    if (nameProblem !== undefined) reporter.error([...path, 'name'], nameProblem);
    if ((port.protocol ?? '') !== '' && parseProtocol(port.protocol) === 'UNSUPPORTED') {
      reporter.error([...path, 'protocol'], `unsupported protocol: ${port.protocol ?? ''}`);
    }
    const numberProblem = validatePort(number);
    if (numberProblem !== undefined) reporter.error([...path, 'number'], numberProblem);
  }
  return names;
}

function validateByResolution(
  resource: ServiceEntryResource,
  resolution: Resolution,
  portNames: ReadonlySet<string>,
  reporter: SchemaReporter,
): void {
  const spec = resource.spec;
  const endpoints = spec.endpoints ?? [];
  if (endpoints.length > 4096)
    reporter.error(['spec', 'endpoints'], 'service entry may have at most 4096 endpoints');
  switch (resolution) {
    case 'NONE':
      if (endpoints.length > 0)
        reporter.error(
          ['spec', 'endpoints'],
          'no endpoints should be provided for resolution type none',
        );
      if (spec.workloadSelector !== undefined) {
        reporter.warning(
          ['spec', 'workloadSelector'],
          'workloadSelector should not be set when resolution mode is NONE',
        );
      }
      return;
    case 'STATIC':
      for (const [index, endpoint] of endpoints.entries()) {
        validateStaticEndpoint(endpoint, portNames, ['spec', 'endpoints', index], reporter);
      }
      return;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      validateDnsResolution(resource, resolution, portNames, reporter);
      return;
    case 'DYNAMIC_DNS':
      validateDynamicDnsResolution(resource, reporter);
      return;
    default: {
      const unsupported: never = resolution;
      reporter.error(['spec', 'resolution'], `unsupported resolution type ${String(unsupported)}`);
    }
  }
}

function validateEndpointPorts(
  endpoint: WorkloadEntry,
  portNames: ReadonlySet<string>,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  for (const [name, port] of Object.entries(endpoint.ports ?? {})) {
    const at = [...path, 'ports', name];
    if (!portNames.has(name))
      reporter.error(at, `endpoint port ${port} is not defined by the service entry`);
    const nameProblem = validatePortName(name);
    if (nameProblem !== undefined) reporter.error(at, nameProblem);
    const numberProblem = validatePort(port);
    if (numberProblem !== undefined) reporter.error(at, numberProblem);
  }
  for (const problem of validateLabels(endpoint.labels ?? {}))
    reporter.error([...path, 'labels'], problem);
}

function validateStaticEndpoint(
  endpoint: WorkloadEntry,
  portNames: ReadonlySet<string>,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const address = endpoint.address ?? '';
  if (address === '') {
    if ((endpoint.network ?? '') === '') {
      reporter.error(path, 'address is required');
      return;
    }
    reporter.warning(path, `address is unset with network ${JSON.stringify(endpoint.network)}`);
  }
  const unix = address.startsWith(UNIX_ADDRESS_PREFIX);
  if (unix) {
    const problem = validateUnixAddress(address.slice(UNIX_ADDRESS_PREFIX.length));
    if (problem !== undefined) reporter.error([...path, 'address'], problem);
    if (Object.keys(endpoint.ports ?? {}).length > 0) {
      reporter.error([...path, 'ports'], `unix endpoint ${address} must not include ports`);
    }
    if (portNames.size !== 1)
      reporter.error(path, 'exactly 1 service port required for unix endpoints');
  } else if (address !== '' && !isIpAddress(address)) {
    reporter.error(
      [...path, 'address'],
      `endpoint address ${JSON.stringify(address)} is not a valid IP address`,
    );
  }
  validateEndpointPorts(endpoint, portNames, path, reporter);
}

function validateDnsResolution(
  resource: ServiceEntryResource,
  resolution: 'DNS' | 'DNS_ROUND_ROBIN',
  portNames: ReadonlySet<string>,
  reporter: SchemaReporter,
): void {
  const spec = resource.spec;
  const endpoints = spec.endpoints ?? [];
  if (endpoints.length === 0) {
    for (const [index, host] of (spec.hosts ?? []).entries()) {
      if (validateFqdn(host) !== undefined) {
        reporter.error(
          ['spec', 'hosts', index],
          `hosts must be FQDN if no endpoints are provided for resolution mode ${resolution}`,
        );
      }
    }
  }
  if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) {
    reporter.error(
      ['spec', 'endpoints'],
      `there must only be 0 or 1 endpoint for resolution mode ${resolution}`,
    );
  }
  for (const [index, endpoint] of endpoints.entries()) {
    const path = ['spec', 'endpoints', index];
    const address = endpoint.address ?? '';
    if (!isIpAddress(address) && validateFqdn(address) !== undefined) {
      reporter.error(
        [...path, 'address'],
        `endpoint address ${JSON.stringify(address)} is not a valid FQDN or an IP address`,
      );
    }
    validateEndpointPorts(endpoint, portNames, path, reporter);
  }
  if (spec.workloadSelector !== undefined) {
    reporter.warning(
      ['spec', 'workloadSelector'],
      `workloadSelector should not be set when resolution mode is ${resolution}`,
    );
  }
  if ((spec.addresses ?? []).length > 0 && (spec.hosts ?? []).length > 1) {
    if ((spec.ports ?? []).some((port) => isTcpProtocol(parseProtocol(port.protocol)))) {
      reporter.warning(
        ['spec', 'addresses'],
        'service entry can not have more than one host specified simultaneously with address and tcp port',
      );
    }
  }
}

function validateDynamicDnsResolution(
  resource: ServiceEntryResource,
  reporter: SchemaReporter,
): void {
  const spec = resource.spec;
  for (const [index, host] of (spec.hosts ?? []).entries()) {
    if (!host.startsWith('*')) {
      reporter.error(
        ['spec', 'hosts', index],
        'hosts must be wildcarded for resolution mode DYNAMIC_DNS',
      );
    }
  }
  if ((spec.addresses ?? []).length > 0) {
    reporter.error(
      ['spec', 'addresses'],
      'addresses are not allowed for resolution mode DYNAMIC_DNS',
    );
  }
  if ((spec.endpoints ?? []).length > 0) {
    reporter.error(
      ['spec', 'endpoints'],
      'endpoints are not allowed for resolution mode DYNAMIC_DNS',
    );
  }
  for (const [index, port] of (spec.ports ?? []).entries()) {
    const protocol = parseProtocol(port.protocol);
    if (protocol !== 'HTTP' && protocol !== 'TLS' && protocol !== 'GRPC' && protocol !== 'HTTP2') {
      reporter.error(
        ['spec', 'ports', index, 'protocol'],
        'only HTTP, TLS, GRPC and HTTP2 ports are allowed for resolution mode DYNAMIC_DNS',
      );
    }
  }
  const usesWaypoint =
    resource.labels[USE_WAYPOINT] !== undefined || resource.annotations[USE_WAYPOINT] !== undefined;
  if (spec.location === 'MESH_INTERNAL' && usesWaypoint) {
    reporter.error(
      ['spec', 'location'],
      'MESH_INTERNAL location is not allowed for resolution mode DYNAMIC_DNS with a waypoint',
    );
  }
}
