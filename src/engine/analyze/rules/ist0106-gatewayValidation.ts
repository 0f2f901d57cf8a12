import { isHttpProtocol, isIpAddress, isTlsProtocol, parseProtocol } from '../../model';
import type { Resource, Server, ServerPort, YamlPath } from '../../model';
import { schemaReporter, type SchemaReporter } from '../schemaReporter';
import type { ResourceRule } from '../types';
import {
  isDnsLabel,
  validatePartialWildcard,
  UNIX_ADDRESS_PREFIX,
  validatePort,
  validateUnixAddress,
  validateWildcardDomain,
} from '../validation/names';
import { validateServerTls } from '../validation/serverTls';

/** The webhook's Gateway checks (analyzers.md §2.1): IST0106 errors and IST0133 warnings. */
export const gatewayValidationRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0106-gatewayValidation',
  codes: ['IST0106', 'IST0133'],
  check(resource, report) {
    if (resource.kind !== 'Gateway') return;
    const reporter = schemaReporter(resource, report);
    validateGatewayName(resource, reporter);
    const servers = resource.spec.servers ?? [];
    if (servers.length === 0) {
      reporter.error(['spec', 'servers'], 'gateway must have at least one server');
    }
    for (const [index, server] of servers.entries()) {
      validateServer(server, ['spec', 'servers', index], reporter);
    }
    const portNames = new Set<string>();
    for (const [index, server] of servers.entries()) {
      const port = server.port;
      if (port === undefined) continue;
      const name = port.name ?? '';
      if (portNames.has(name)) {
        reporter.error(
          ['spec', 'servers', index, 'port', 'name'],
          `port names in servers must be unique: duplicate name ${name}`,
        );
      }
      portNames.add(name);
      if (server.tls?.httpsRedirect === true && !isHttpProtocol(parseProtocol(port.protocol))) {
        reporter.warning(
          ['spec', 'servers', index, 'tls', 'httpsRedirect'],
          'tls.httpsRedirect should only be used with http servers',
        );
      }
    }
  },
};

function validateGatewayName(resource: Resource, reporter: SchemaReporter): void {
  if (!isDnsLabel(resource.name)) {
    reporter.error(['metadata', 'name'], `invalid gateway name: ${JSON.stringify(resource.name)}`);
  }
}

function validateServer(server: Server, path: YamlPath, reporter: SchemaReporter): void {
  const hosts = server.hosts ?? [];
  if (hosts.length === 0) {
    reporter.error([...path, 'hosts'], 'server config must contain at least one host');
  }
  for (const [index, host] of hosts.entries()) {
    for (const problem of validateServerHost(host))
      reporter.error([...path, 'hosts', index], problem);
  }
  const portValid = validateServerPort(server.port, server.bind, path, reporter);
  validateServerBind(server.port, server.bind, path, reporter);
  if (server.tls !== undefined) validateServerTls(server.tls, [...path, 'tls'], reporter);

  if (!portValid || server.port === undefined) return;
  const protocol = parseProtocol(server.port.protocol);
  if (isTlsProtocol(protocol) && server.tls === undefined) {
    reporter.error(
      [...path, 'port', 'protocol'],
      'server must have TLS settings for HTTPS/TLS protocols',
    );
  } else if (!isTlsProtocol(protocol) && server.tls !== undefined) {
    if (!isHttpProtocol(protocol)) {
      reporter.error([...path, 'tls'], 'server cannot have TLS settings for non HTTPS/TLS ports');
      return;
    }
    // Only `httpsRedirect` is allowed on plain HTTP: a passthrough mode (the default) and no files.
    const tls = server.tls;
    const passthrough =
      tls.mode === undefined || tls.mode === 'PASSTHROUGH' || tls.mode === 'AUTO_PASSTHROUGH';
    const hasFiles = [tls.caCertificates, tls.privateKey, tls.serverCertificate].some(
      (value) => value !== undefined && value !== '',
    );
    if (!passthrough || hasFiles) {
      reporter.error([...path, 'tls'], 'server cannot have TLS settings for plain text HTTP ports');
    }
  }
}

/** A server host: `dnsName` or `namespace/dnsName` (analyzers.md §2.1, "Server hosts"). */
export function validateServerHost(host: string): string[] {
  const slash = host.indexOf('/');
  if (slash < 0) return validateServerHostName(host);
  const namespace = host.slice(0, slash);
  const dnsName = host.slice(slash + 1);
  const problems: string[] = [];
  if (namespace === '' || dnsName === '') {
    problems.push('config namespace and dnsName in host entry cannot be empty');
  }
  if (namespace !== '*' && namespace !== '.' && !isDnsLabel(namespace)) {
    problems.push(`invalid namespace value ${JSON.stringify(namespace)} in gateway`);
  }
  return [...problems, ...validateServerHostName(dnsName)];
}

function validateServerHostName(hostname: string): string[] {
  const problems: string[] = [];
  if (hostname !== '*' && !hostname.includes('.'))
    problems.push('short names (non FQDN) are not allowed');
  const domainProblem = validateWildcardDomain(hostname);
  // A Gateway accepts an IP address as a host.
  if (domainProblem !== undefined && !isIpAddress(hostname)) problems.push(domainProblem);
  const wildcardProblem = validatePartialWildcard(hostname);
  if (wildcardProblem !== undefined) problems.push(wildcardProblem);
  return problems;
}

function describePort(port: ServerPort): string {
  const parts: string[] = [];
  if (port.number !== undefined) parts.push(`number:${port.number}`);
  if (port.protocol !== undefined) parts.push(`protocol:${JSON.stringify(port.protocol)}`);
  if (port.name !== undefined && port.name !== '') parts.push(`name:${JSON.stringify(port.name)}`);
  return parts.join(' ');
}

function validateServerPort(
  port: ServerPort | undefined,
  bind: string | undefined,
  path: YamlPath,
  reporter: SchemaReporter,
): boolean {
  if (port === undefined) {
    reporter.error(path, 'port is required');
    return false;
  }
  let valid = true;
  if (parseProtocol(port.protocol) === 'UNSUPPORTED') {
    valid = false;
    reporter.error(
      [...path, 'port', 'protocol'],
      `invalid protocol ${JSON.stringify(port.protocol ?? '')}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`,
    );
  }
  const number = port.number ?? 0;
  if (number > 0 || !(bind ?? '').startsWith(UNIX_ADDRESS_PREFIX)) {
    const problem = validatePort(number);
    if (problem !== undefined) {
      valid = false;
      reporter.error([...path, 'port', 'number'], problem);
    }
  }
  // Reported, but it does not stop the TLS checks below (routing-vectors V73 expects both).
  if ((port.targetPort ?? 0) > 0) {
    reporter.error([...path, 'port', 'targetPort'], 'targetPort has no impact on Gateways');
  }
  if ((port.name ?? '') === '') {
    valid = false;
    reporter.error([...path, 'port'], `port name must be set: ${describePort(port)}`);
  }
  return valid;
}

function validateServerBind(
  port: ServerPort | undefined,
  bind: string | undefined,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (bind === undefined || bind === '') return;
  if (bind.startsWith(UNIX_ADDRESS_PREFIX)) {
    const problem = validateUnixAddress(bind.slice(UNIX_ADDRESS_PREFIX.length));
    if (problem !== undefined) reporter.error([...path, 'bind'], problem);
    if (port !== undefined && (port.number ?? 0) !== 0) {
      reporter.error(
        [...path, 'port', 'number'],
        `port number must be 0 for unix domain socket: ${describePort(port)}`,
      );
    }
    return;
  }
  if (!isIpAddress(bind)) reporter.error([...path, 'bind'], `${bind} is not a valid IP`);
}
