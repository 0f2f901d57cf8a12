import type { Destination, Headers, StringMatch, YamlPath } from '../../model';
import type { SchemaReporter } from '../schemaReporter';
import {
  validateHeaderOperationName,
  validateHeaderValue,
  validateRequestHeaderSetName,
} from './headers';
import {
  goQuote,
  isDnsLabel,
  validateFqdn,
  validateLabels,
  validatePort,
  validateWildcardDomain,
} from './names';
import { validateRegex } from './regex';

/** The webhook's destination check: host, subset name and port. */
export function validateDestination(
  destination: Destination,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const host = destination.host ?? '';
  if (host === '*') {
    reporter.error([...path, 'host'], `invalid destination host ${host}`);
  } else {
    const problem = validateWildcardDomain(host);
    if (problem !== undefined) reporter.error([...path, 'host'], problem);
  }
  if (destination.subset !== undefined) {
    const problem = validateSubsetName(destination.subset);
    if (problem !== undefined) reporter.error([...path, 'subset'], problem);
  }
  if (destination.port !== undefined) {
    const problem = validatePort(destination.port.number ?? 0);
    if (problem !== undefined) reporter.error([...path, 'port', 'number'], problem);
  }
}

/** A subset name must be a non-empty DNS label. */
export function validateSubsetName(name: string): string | undefined {
  if (name === '') return 'subset name cannot be empty';
  return isDnsLabel(name) ? undefined : `subset name is invalid: ${name}`;
}

/** Weighted destinations of an http, tcp or tls rule (weights relative since Istio 1.15). */
export function validateWeightedDestinations(
  destinations: readonly {
    readonly destination?: Destination;
    readonly weight?: number;
    readonly headers?: Headers;
  }[],
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  let totalWeight = 0;
  for (const [index, weighted] of destinations.entries()) {
    const at = [...path, index];
    if (weighted.destination === undefined) reporter.error(at, 'destination is required');
    if (weighted.headers !== undefined)
      validateHeaderOperations(weighted.headers, [...at, 'headers'], reporter);
    if (weighted.destination !== undefined) {
      validateDestination(weighted.destination, [...at, 'destination'], reporter);
    }
    const weight = weighted.weight ?? 0;
    if (weight < 0) reporter.error([...at, 'weight'], `weight ${weight} < 0`);
    totalWeight += weight;
  }
  if (destinations.length > 1 && totalWeight === 0)
    reporter.error(path, 'total destination weight = 0');
}

/** Request and response header operations of a rule or a destination. */
export function validateHeaderOperations(
  headers: Headers,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const request = headers.request;
  const response = headers.response;
  for (const operation of ['set', 'add'] as const) {
    for (const [name, value] of Object.entries(request?.[operation] ?? {})) {
      const at = [...path, 'request', operation, name];
      const nameProblem = validateRequestHeaderSetName(name);
      if (nameProblem !== undefined) reporter.error(at, nameProblem);
      const valueProblem = validateHeaderValue(value);
      if (valueProblem !== undefined) reporter.error(at, valueProblem);
    }
    for (const [name, value] of Object.entries(response?.[operation] ?? {})) {
      const at = [...path, 'response', operation, name];
      const nameProblem = validateHeaderOperationName(name);
      if (nameProblem !== undefined) reporter.error(at, nameProblem);
      const valueProblem = validateHeaderValue(value);
      if (valueProblem !== undefined) reporter.error(at, valueProblem);
    }
  }
  for (const [side, operations] of [
    ['request', request],
    ['response', response],
  ] as const) {
    for (const [index, name] of (operations?.remove ?? []).entries()) {
      const problem = validateHeaderOperationName(name);
      if (problem !== undefined) reporter.error([...path, side, 'remove', index], problem);
    }
  }
}

/**
 * A StringMatch: exactly one kind (API server), a non-empty prefix unless `allowEmptyPrefix` (only
 * `uri` may have an empty prefix), and a valid RE2 regex.
 */
export function validateStringMatch(
  match: StringMatch,
  where: string,
  path: YamlPath,
  reporter: SchemaReporter,
  allowEmptyPrefix = false,
): void {
  const kinds = (['exact', 'prefix', 'regex'] as const).filter((kind) => match[kind] !== undefined);
  if (kinds.length > 1) {
    reporter.error(
      path,
      `${goQuote(where)}: only one of exact, prefix or regex may be set, found ${kinds.join(', ')}`,
    );
  }
  if (!allowEmptyPrefix && match.prefix === '') {
    reporter.error(
      [...path, 'prefix'],
      `${goQuote(where)}: prefix string match should not be empty`,
    );
  }
  if (match.regex !== undefined) {
    const problem = validateRegex(match.regex, where);
    if (problem !== undefined) reporter.error([...path, 'regex'], problem);
  }
}

/**
 * Gateway references (`ns/name`, or a name without a slash that must be an FQDN; `mesh` passes).
 * Istio stops at the first entry without a slash; Sailplan checks every entry, so a bad later entry
 * is reported too.
 */
export function validateGatewayNames(
  names: readonly string[],
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  for (const [index, name] of names.entries()) {
    const at = [...path, index];
    const slash = name.indexOf('/');
    if (slash < 0) {
      if (name.includes('.')) {
        const [gatewayName = '', namespace = ''] = name.split('.');
        reporter.warning(
          at,
          `using legacy gatewayName format ${goQuote(name)}; prefer the <namespace>/<name> format: ${goQuote(`${namespace}/${gatewayName}`)}`,
        );
      }
      const problem = validateFqdn(name);
      if (problem !== undefined) reporter.error(at, problem);
      continue;
    }
    const namespace = name.slice(0, slash);
    const gatewayName = name.slice(slash + 1);
    if (namespace === '' || gatewayName === '') {
      reporter.error(at, 'config namespace and gateway name cannot be empty');
    }
    if (!isDnsLabel(namespace))
      reporter.error(at, `invalid value for namespace: ${goQuote(namespace)}`);
    if (!isDnsLabel(gatewayName))
      reporter.error(at, `invalid value for gateway name: ${goQuote(gatewayName)}`);
  }
}

/** What HTTP and L4 match entries share: the port, the source's labels and namespace, the gateways. */
interface SourceMatch {
  readonly port?: number;
  readonly sourceLabels?: Readonly<Record<string, string>>;
  readonly gateways?: readonly string[];
  readonly sourceNamespace?: string;
}

/**
 * The checks the webhook makes on the fields HTTP and L4 match entries share: a port in range (0
 * means none), valid source labels, gateway names, and a source namespace that is a DNS label.
 */
export function validateSourceMatch(
  match: SourceMatch,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (match.port !== undefined && match.port !== 0) {
    const problem = validatePort(match.port);
    if (problem !== undefined) reporter.error([...path, 'port'], problem);
  }
  for (const problem of validateLabels(match.sourceLabels ?? {})) {
    reporter.error([...path, 'sourceLabels'], problem);
  }
  validateGatewayNames(match.gateways ?? [], [...path, 'gateways'], reporter);
  if (
    match.sourceNamespace !== undefined &&
    match.sourceNamespace !== '' &&
    !isDnsLabel(match.sourceNamespace)
  ) {
    reporter.error(
      [...path, 'sourceNamespace'],
      `sourceNamespace match ${match.sourceNamespace} is invalid`,
    );
  }
}

/** Go's `%v` of a string slice: `[a b]`. */
export function goList(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}
