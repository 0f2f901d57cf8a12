import { isIpAddress } from '../../model';
import type { TrafficPolicy, YamlPath } from '../../model';
import type { SchemaReporter } from '../schemaReporter';
import { parseDurationNanoseconds, validateDuration } from './duration';
import { validateFqdn, validatePort } from './names';
import { arrayAt, booleanAt, has, numberAt, recordAt, stringAt, type LooseRecord } from './values';

const TOPOLOGY_LABELS: ReadonlySet<string> = new Set([
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
]);

const MAGLEV_TABLE_SIZE_LIMIT = 5000011;

/** DestinationRule traffic-policy checks of the webhook (analyzers.md §2.3, "trafficPolicy"). */
export function validateTrafficPolicy(
  policy: TrafficPolicy,
  path: YamlPath,
  namespace: string,
  reporter: SchemaReporter,
): void {
  const fields = [
    'outlierDetection',
    'connectionPool',
    'loadBalancer',
    'tls',
    'portLevelSettings',
    'tunnel',
    'proxyProtocol',
    'retryBudget',
  ];
  const record = policy as LooseRecord;
  if (!fields.some((field) => has(record, field))) {
    reporter.error(path, 'traffic policy must have at least one field');
    return;
  }
  if (has(record, 'tunnel') && has(record, 'proxyProtocol')) {
    reporter.error(path, 'tunnel and proxyProtocol must not be set together');
    return;
  }
  const outlierDetection = recordAt(record, 'outlierDetection');
  validateOutlierDetection(outlierDetection, [...path, 'outlierDetection'], reporter);
  validateConnectionPool(recordAt(record, 'connectionPool'), [...path, 'connectionPool'], reporter);
  validateLoadBalancer(
    recordAt(record, 'loadBalancer'),
    outlierDetection,
    [...path, 'loadBalancer'],
    reporter,
  );
  validateClientTls(recordAt(record, 'tls'), [...path, 'tls'], namespace, reporter);
  validatePortLevelSettings(
    arrayAt(record, 'portLevelSettings'),
    [...path, 'portLevelSettings'],
    namespace,
    reporter,
  );
  validateTunnel(recordAt(record, 'tunnel'), [...path, 'tunnel'], reporter);
  const proxyProtocol = recordAt(record, 'proxyProtocol');
  const version = proxyProtocol?.['version'];
  if (
    version !== undefined &&
    version !== 'V1' &&
    version !== 'V2' &&
    version !== 0 &&
    version !== 1
  ) {
    reporter.error(
      [...path, 'proxyProtocol', 'version'],
      `proxy protocol version is invalid: ${String(version)}`,
    );
  }
}

function reportDurationAt(
  source: LooseRecord | undefined,
  key: string,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const value = stringAt(source, key);
  if (value === undefined) return;
  const problem = validateDuration(value);
  if (problem !== undefined) reporter.error([...path, key], problem);
}

function validateOutlierDetection(
  outlier: LooseRecord | undefined,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (outlier === undefined) return;
  reportDurationAt(outlier, 'baseEjectionTime', path, reporter);
  if ((numberAt(outlier, 'consecutiveErrors') ?? 0) !== 0) {
    reporter.warning(
      [...path, 'consecutiveErrors'],
      'outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead',
    );
  }
  if (
    booleanAt(outlier, 'splitExternalLocalOriginErrors') !== true &&
    (numberAt(outlier, 'consecutiveLocalOriginFailures') ?? 0) > 0
  ) {
    reporter.error(
      [...path, 'consecutiveLocalOriginFailures'],
      'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false',
    );
  }
  reportDurationAt(outlier, 'interval', path, reporter);
  for (const key of ['maxEjectionPercent', 'minHealthPercent']) {
    const value = numberAt(outlier, key);
    if (value !== undefined && (value < 0 || value > 100)) {
      reporter.error([...path, key], `percentage ${value} is not in range 0..100`);
    }
  }
}

function validateConnectionPool(
  pool: LooseRecord | undefined,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (pool === undefined) return;
  const http = recordAt(pool, 'http');
  const tcp = recordAt(pool, 'tcp');
  if (http === undefined && tcp === undefined) {
    reporter.error(path, 'connection pool must have at least one field');
    return;
  }
  if (http !== undefined) {
    const at = [...path, 'http'];
    const counters: readonly (readonly [string, string])[] = [
      ['http1MaxPendingRequests', 'http1 max pending requests must be non-negative'],
      ['http2MaxRequests', 'http2 max requests must be non-negative'],
      ['maxRequestsPerConnection', 'max requests per connection must be non-negative'],
      ['maxRetries', 'max retries must be non-negative'],
      ['maxConcurrentStreams', 'max concurrent streams must be non-negative'],
    ];
    for (const [key, message] of counters) {
      if ((numberAt(http, key) ?? 0) < 0) reporter.error([...at, key], message);
    }
    reportDurationAt(http, 'idleTimeout', at, reporter);
    if (
      stringAt(http, 'h2UpgradePolicy') === 'UPGRADE' &&
      booleanAt(http, 'useClientProtocol') === true
    ) {
      reporter.error(
        [...at, 'useClientProtocol'],
        'use client protocol must not be true when H2UpgradePolicy is UPGRADE',
      );
    }
    const keepAlive = recordAt(http, 'http2KeepAlive');
    if (keepAlive !== undefined) {
      const keepAlivePath = [...at, 'http2KeepAlive'];
      if (!has(keepAlive, 'interval') || !has(keepAlive, 'timeout')) {
        reporter.error(keepAlivePath, 'http2KeepAlive requires both interval and timeout');
      }
      reportDurationAt(keepAlive, 'interval', keepAlivePath, reporter);
      reportDurationAt(keepAlive, 'timeout', keepAlivePath, reporter);
    }
  }
  if (tcp !== undefined) {
    const at = [...path, 'tcp'];
    if ((numberAt(tcp, 'maxConnections') ?? 0) < 0) {
      reporter.error([...at, 'maxConnections'], 'max connections must be non-negative');
    }
    reportDurationAt(tcp, 'connectTimeout', at, reporter);
    reportDurationAt(tcp, 'maxConnectionDuration', at, reporter);
    // A TCP idle timeout of 0s turns it off, so zero is allowed here only.
    const idleTimeout = stringAt(tcp, 'idleTimeout');
    if (idleTimeout !== undefined && parseDurationNanoseconds(idleTimeout) !== 0) {
      reportDurationAt(tcp, 'idleTimeout', at, reporter);
    }
    const keepalive = recordAt(tcp, 'tcpKeepalive');
    reportDurationAt(keepalive, 'time', [...at, 'tcpKeepalive'], reporter);
    reportDurationAt(keepalive, 'interval', [...at, 'tcpKeepalive'], reporter);
  }
}

function isPrime(value: number): boolean {
  if (value !== 0 && value < 4) return true;
  if (value % 2 === 0) return false;
  for (let factor = 3; factor * factor <= value; factor += 2) {
    if (value % factor === 0) return false;
  }
  return true;
}

function validateLoadBalancer(
  balancer: LooseRecord | undefined,
  outlierDetection: LooseRecord | undefined,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (balancer === undefined) return;
  const kinds = ['simple', 'consistentHash', 'backendUtilization'].filter((key) =>
    has(balancer, key),
  );
  if (kinds.length > 1)
    reporter.error(
      path,
      `only one of simple, consistentHash or backendUtilization may be set, found ${kinds.join(', ')}`,
    );
  const consistentHash = recordAt(balancer, 'consistentHash');
  if (consistentHash !== undefined) {
    const at = [...path, 'consistentHash'];
    const cookie = recordAt(consistentHash, 'httpCookie');
    if (cookie !== undefined) {
      if ((stringAt(cookie, 'name') ?? '') === '')
        reporter.error([...at, 'httpCookie'], 'name required for HttpCookie');
      const attributeNames = new Set<string>();
      for (const [index, attribute] of arrayAt(cookie, 'attributes').entries()) {
        const name = stringAt(attribute as LooseRecord, 'name') ?? '';
        const attributePath = [...at, 'httpCookie', 'attributes', index];
        if (name === '') reporter.error(attributePath, 'cookie attribute name is required');
        else if (attributeNames.has(name))
          reporter.error(attributePath, `duplicate cookie attribute name: ${name}`);
        attributeNames.add(name);
      }
    }
    const minimumRingSize = numberAt(consistentHash, 'minimumRingSize') ?? 0;
    if (minimumRingSize !== 0) {
      reporter.warning(
        [...at, 'minimumRingSize'],
        "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
      );
      if (has(consistentHash, 'ringHash') || has(consistentHash, 'maglev')) {
        reporter.error(
          [...at, 'minimumRingSize'],
          'only one of MinimumRingSize or Maglev/Ringhash can be specified',
        );
      }
    }
    const maglev = recordAt(consistentHash, 'maglev');
    if (maglev !== undefined) {
      const tableSize = numberAt(maglev, 'tableSize') ?? 0;
      const tablePath = [...at, 'maglev', 'tableSize'];
      if (tableSize === 0) reporter.error([...at, 'maglev'], 'tableSize must be set for maglev');
      if (tableSize >= MAGLEV_TABLE_SIZE_LIMIT)
        reporter.error(tablePath, 'tableSize must be less than 5000011 for maglev');
      if (!isPrime(tableSize))
        reporter.error(tablePath, 'tableSize must be a prime number for maglev');
    }
  }
  if (has(balancer, 'localityLbSetting') && has(balancer, 'zoneAwareLbSetting')) {
    reporter.error(path, 'only one of localityLbSetting or zoneAwareLbSetting may be set');
  }
  validateLocalityLoadBalancing(
    recordAt(balancer, 'localityLbSetting'),
    outlierDetection,
    [...path, 'localityLbSetting'],
    reporter,
  );
  reportDurationAt(balancer, 'warmupDurationSecs', path, reporter);
  const warmup = recordAt(balancer, 'warmup');
  if (warmup !== undefined) {
    const at = [...path, 'warmup'];
    if (!has(warmup, 'duration')) reporter.error(at, 'warmup duration is required');
    reportDurationAt(warmup, 'duration', at, reporter);
    const minimumPercent = numberAt(warmup, 'minimumPercent');
    if (minimumPercent !== undefined && (minimumPercent < 0 || minimumPercent > 100)) {
      reporter.error(
        [...at, 'minimumPercent'],
        `warmup minimumPercent ${minimumPercent} must be in range 0..100`,
      );
    }
    const aggression = numberAt(warmup, 'aggression');
    if (aggression !== undefined && aggression <= 0) {
      reporter.error(
        [...at, 'aggression'],
        `warmup aggression ${aggression} must be greater than 0`,
      );
    }
  }
}

function validateLocalityLoadBalancing(
  setting: LooseRecord | undefined,
  outlierDetection: LooseRecord | undefined,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (setting === undefined) return;
  const distribute = arrayAt(setting, 'distribute');
  const failover = arrayAt(setting, 'failover');
  const failoverPriority = arrayAt(setting, 'failoverPriority');
  if (distribute.length > 0 && failover.length > 0) {
    reporter.error(path, "can not simultaneously specify 'distribute' and 'failover'");
    return;
  }
  if (failover.length > 0) {
    for (const [index, label] of failoverPriority.entries()) {
      if (typeof label === 'string' && TOPOLOGY_LABELS.has(label)) {
        reporter.error(
          [...path, 'failoverPriority', index],
          `can not simultaneously set 'failover' and topology label '${label}' in 'failover_priority'`,
        );
        return;
      }
    }
  }
  const sources: string[] = [];
  for (const [index, entry] of distribute.entries()) {
    const at = [...path, 'distribute', index];
    const record = entry as LooseRecord;
    sources.push(stringAt(record, 'from') ?? '');
    const targets = recordAt(record, 'to') ?? {};
    let total = 0;
    for (const weight of Object.values(targets)) {
      const value = typeof weight === 'number' ? weight : 0;
      if (value <= 0 || value > 100) {
        reporter.error([...at, 'to'], 'locality weight must be in range [1, 100]');
        return;
      }
      total += value;
    }
    if (total !== 100) {
      reporter.error([...at, 'to'], `total locality weight ${total} != 100`);
      return;
    }
    const problem = localitiesProblem(Object.keys(targets));
    if (problem !== undefined) reporter.error([...at, 'to'], problem);
  }
  const sourceProblem = localitiesProblem(sources);
  if (sourceProblem !== undefined) reporter.error([...path, 'distribute'], sourceProblem);
  if ((failover.length > 0 || failoverPriority.length > 0) && outlierDetection === undefined) {
    reporter.warning(path, 'outlier detection policy must be provided for failover');
  }
  for (const [index, entry] of failover.entries()) {
    const at = [...path, 'failover', index];
    const from = stringAt(entry as LooseRecord, 'from') ?? '';
    const to = stringAt(entry as LooseRecord, 'to') ?? '';
    if (from === to)
      reporter.error(at, 'locality lb failover settings must specify different regions');
    if (from.includes('/') || to.includes('/'))
      reporter.error(at, 'locality lb failover only specify region');
    if (from.includes('*') || to.includes('*')) {
      reporter.error(at, "locality lb failover region should not contain '*' wildcard");
    }
  }
}

// Localities (`region/zone/subzone`, with one trailing `*` at most) must not overlap.
function localitiesProblem(localities: readonly string[]): string | undefined {
  const regions = new Map<string, Map<string, Set<string>>>();
  for (const locality of localities) {
    const stars = locality.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !locality.endsWith('*'))) {
      return `locality ${locality} wildcard '*' number can not exceed 1 and must be in the end`;
    }
    if (regions.has('*')) return `locality ${locality} overlap with previous specified ones`;
    const parts = splitLocality(locality);
    if (parts.some((part) => part === '')) {
      return `locality ${locality} must not contain empty region/zone/subzone info`;
    }
    const [region = '', zone, subzone] = parts;
    const zones = regions.get(region);
    if (zone === undefined) {
      if (zones !== undefined) return `locality ${locality} overlap with previous specified ones`;
      regions.set(region, new Map([['*', new Set(['*'])]]));
      continue;
    }
    if (zones === undefined) {
      regions.set(region, new Map([[zone, new Set([subzone ?? '*'])]]));
      continue;
    }
    if (zones.has('*')) return `locality ${locality} overlap with previous specified ones`;
    const subzones = zones.get(zone);
    if (subzone === undefined) {
      if (subzones !== undefined)
        return `locality ${locality} overlap with previous specified ones`;
      zones.set(zone, new Set(['*']));
      continue;
    }
    if (subzones === undefined) {
      zones.set(zone, new Set([subzone]));
      continue;
    }
    if (subzones.has('*') || subzones.has(subzone))
      return `locality ${locality} overlap with previous specified ones`;
    subzones.add(subzone);
  }
  return undefined;
}

function splitLocality(locality: string): string[] {
  const first = locality.indexOf('/');
  if (first < 0) return [locality];
  const second = locality.indexOf('/', first + 1);
  if (second < 0) return [locality.slice(0, first), locality.slice(first + 1)];
  return [locality.slice(0, first), locality.slice(first + 1, second), locality.slice(second + 1)];
}

function validateClientTls(
  tls: LooseRecord | undefined,
  path: YamlPath,
  namespace: string,
  reporter: SchemaReporter,
): void {
  if (tls === undefined) return;
  const mode = stringAt(tls, 'mode') ?? 'DISABLE';
  const set = (key: string): boolean => (stringAt(tls, key) ?? '') !== '';
  const credentialName = stringAt(tls, 'credentialName') ?? '';
  const configMapPrefix = 'configmap://';
  if (credentialName.startsWith(configMapPrefix)) {
    const reference = credentialName.slice(configMapPrefix.length);
    const slash = reference.indexOf('/');
    if (slash >= 0 && reference.slice(0, slash) !== namespace) {
      reporter.error(
        [...path, 'credentialName'],
        `credentialName ${credentialName} must reference a ConfigMap in the DestinationRule's namespace ${namespace}`,
      );
    }
  }
  if (booleanAt(tls, 'insecureSkipVerify') === true) {
    if (
      mode === 'SIMPLE' &&
      (set('caCertificates') || set('credentialName') || has(tls, 'subjectAltNames'))
    ) {
      reporter.error(
        [...path, 'insecureSkipVerify'],
        'cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true',
      );
    }
    if (mode === 'MUTUAL' && (set('caCertificates') || has(tls, 'subjectAltNames'))) {
      reporter.error(
        [...path, 'insecureSkipVerify'],
        'cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true',
      );
    }
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && credentialName !== '') {
    if (set('clientCertificate') || set('caCertificates') || set('privateKey') || set('caCrl')) {
      reporter.error(
        [...path, 'credentialName'],
        'cannot specify client certificates or CA certificate or CA CRL If credentialName is set',
      );
    }
    return;
  }
  if (mode === 'MUTUAL') {
    if (!set('clientCertificate'))
      reporter.error(path, 'client certificate required for mutual tls');
    if (!set('privateKey')) reporter.error(path, 'private key required for mutual tls');
  }
}

function validatePortLevelSettings(
  settings: readonly unknown[],
  path: YamlPath,
  namespace: string,
  reporter: SchemaReporter,
): void {
  if (settings.length > 4096) reporter.error(path, 'portLevelSettings may have at most 4096 items');
  for (const [index, entry] of settings.entries()) {
    const at = [...path, index];
    if (entry === null || typeof entry !== 'object') {
      reporter.error(at, 'traffic policy may not be null');
      continue;
    }
    const record = entry as LooseRecord;
    if (!has(record, 'port')) reporter.error(at, 'portTrafficPolicy must have valid port');
    if (
      !['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'].some((key) => has(record, key))
    ) {
      reporter.error(at, 'port traffic policy must have at least one field');
      continue;
    }
    const outlierDetection = recordAt(record, 'outlierDetection');
    validateOutlierDetection(outlierDetection, [...at, 'outlierDetection'], reporter);
    validateConnectionPool(recordAt(record, 'connectionPool'), [...at, 'connectionPool'], reporter);
    validateLoadBalancer(
      recordAt(record, 'loadBalancer'),
      outlierDetection,
      [...at, 'loadBalancer'],
      reporter,
    );
    validateClientTls(recordAt(record, 'tls'), [...at, 'tls'], namespace, reporter);
  }
}

function validateTunnel(
  tunnel: LooseRecord | undefined,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (tunnel === undefined) return;
  const protocol = stringAt(tunnel, 'protocol') ?? '';
  if (protocol !== '' && protocol !== 'CONNECT' && protocol !== 'POST') {
    reporter.error([...path, 'protocol'], 'tunnel protocol must be "CONNECT" or "POST"');
  }
  const targetHost = stringAt(tunnel, 'targetHost') ?? '';
  const fqdnProblem = validateFqdn(targetHost);
  if (fqdnProblem !== undefined && !isIpAddress(targetHost)) {
    reporter.error(
      [...path, 'targetHost'],
      `tunnel target host must be valid FQDN or IP address: ${fqdnProblem}; ${targetHost} is not a valid IP`,
    );
  }
  const portProblem = validatePort(numberAt(tunnel, 'targetPort') ?? 0);
  if (portProblem !== undefined)
    reporter.error([...path, 'targetPort'], `tunnel target port is invalid: ${portProblem}`);
}
