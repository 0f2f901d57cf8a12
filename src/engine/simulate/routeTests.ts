import { LineCounter, Scalar, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Labels } from '../model';
import { computeLineStarts, offsetToPosition } from '../yaml/lineIndex';
import { reportDuplicateKeys } from '../yaml/duplicateKeys';
import { findExcessiveNesting } from '../yaml/nestingGuard';
import type { Request, RequestSource } from './request';
import { parseRequest } from './request';
import type { ResponseFlag } from './trace';
import { RESPONSE_FLAGS } from './trace';

/** A destination a route test expects; `port` and `subset` are compared only when written. */
export interface ExpectedDestination {
  readonly host: string;
  readonly port?: number;
  /** `null` expects no subset. */
  readonly subset?: string | null;
  /** Share in percent (only in `destinations`). */
  readonly weight?: number;
}

/** A route test's `expect`: only the keys written are compared; `null` means "none". */
export interface Expectation {
  readonly gateway?: string | null;
  readonly virtualService?: string | null;
  readonly route?: number | string | null;
  readonly destination?: ExpectedDestination | null;
  readonly destinations?: readonly ExpectedDestination[] | null;
  readonly redirect?: { readonly status?: number; readonly location?: string } | null;
  readonly directResponse?: { readonly status?: number; readonly body?: string } | null;
  readonly status?: number | null;
  readonly flag?: ResponseFlag | null;
  readonly path?: string | null;
  readonly authority?: string | null;
}

/** One route test: a request and what it should end in. */
export interface RouteTest {
  readonly name: string;
  readonly request: Request;
  readonly expect: Expectation;
  /** Where the test is written (1-based line). */
  readonly file: string;
  readonly line: number;
}

/** A problem in a route-test file, with where it is and which field. */
export interface RouteTestError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Path of the field, e.g. `tests[2].expect.destination.port`. */
  readonly field: string;
  readonly message: string;
}

/** The tests of a file, or every error found in it. */
export type ParseRouteTestsResult =
  | { readonly ok: true; readonly tests: readonly RouteTest[] }
  | { readonly ok: false; readonly errors: readonly RouteTestError[] };

const TEST_KEYS = ['name', 'request', 'expect'] as const;
const REQUEST_KEYS = ['url', 'method', 'headers', 'port', 'from', 'entry'] as const;
const EXPECT_KEYS = [
  'gateway',
  'virtualService',
  'route',
  'destination',
  'destinations',
  'redirect',
  'directResponse',
  'status',
  'flag',
  'path',
  'authority',
] as const;
const DESTINATION_KEYS = ['host', 'port', 'subset'] as const;
const WEIGHTED_DESTINATION_KEYS = ['host', 'port', 'subset', 'weight'] as const;
const REDIRECT_KEYS = ['status', 'location'] as const;
const DIRECT_RESPONSE_KEYS = ['status', 'body'] as const;
const FROM_KEYS = ['namespace', 'labels'] as const;

/**
 * Parses a route-test file (route-tests.md): a `tests` list of `{name, request, expect}`. Unknown
 * keys and wrong types are errors naming the file, line and field; never throws.
 */
export function parseRouteTests(text: string, file: string): ParseRouteTestsResult {
  // The same guard as the design's parse: nesting deep enough to overflow the parser's stack is
  // refused before it reaches the parser.
  const violation = findExcessiveNesting(text);
  if (violation !== undefined) {
    const position = offsetToPosition(computeLineStarts(text), violation.offset);
    const message = `${violation.message}; the file is not read`;
    return { ok: false, errors: [{ file, ...position, field: '', message }] };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  reportDuplicateKeys(document);
  const errors: RouteTestError[] = [];
  const at: Report = Object.assign(
    (node: YamlNode | null | undefined, field: string, message: string): void => {
      const offset = node?.range?.[0] ?? 0;
      const position = lineCounter.linePos(offset);
      errors.push({ file, line: position.line, column: position.col, field, message });
    },
    { count: () => errors.length },
  );
  for (const error of document.errors) {
    const position = lineCounter.linePos(error.pos[0]);
    errors.push({
      file,
      line: position.line,
      column: position.col,
      field: '',
      message: error.message,
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const root = document.contents;
  if (!isMap(root)) {
    at(root, '', 'a route-test file is a map with a `tests` list');
    return { ok: false, errors };
  }
  checkKeys(root, '', ['tests'], at);
  const testsNode = root.get('tests', true);
  if (!isSeq(testsNode)) {
    at(testsNode ?? root, 'tests', 'tests must be a list');
    return { ok: false, errors };
  }
  const tests: RouteTest[] = [];
  const names = new Map<string, number>();
  testsNode.items.forEach((item, index) => {
    const field = `tests[${index}]`;
    if (!isMap(item)) {
      at(item as YamlNode, field, 'a test is a map with name, request and expect');
      return;
    }
    checkKeys(item, field, TEST_KEYS, at);
    const name = readString(item, 'name', field, at, true);
    const line = lineCounter.linePos(item.range?.[0] ?? 0).line;
    if (name !== undefined) {
      const previous = names.get(name);
      if (previous !== undefined)
        at(
          item.get('name', true) as YamlNode,
          `${field}.name`,
          `duplicate test name (first on line ${previous})`,
        );
      else names.set(name, line);
    }
    const request = readRequest(item.get('request', true), `${field}.request`, item, at);
    const expect = readExpect(item.get('expect', true), `${field}.expect`, at);
    if (name !== undefined && request !== undefined && expect !== undefined) {
      tests.push({ name, request, expect, file, line });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tests };
}

type Report = ((node: YamlNode | null | undefined, field: string, message: string) => void) & {
  readonly count: () => number;
};

function checkKeys(map: YAMLMap, field: string, allowed: readonly string[], at: Report): void {
  for (const pair of map.items) {
    const key = pair.key;
    const name = isScalar(key) ? String(key.value) : String(key);
    if (!allowed.includes(name)) {
      const path = field === '' ? name : `${field}.${name}`;
      at(key as YamlNode, path, `unknown key "${name}" (allowed: ${allowed.join(', ')})`);
    }
  }
}

function child(map: YAMLMap, key: string): YamlNode | undefined {
  return map.get(key, true) as YamlNode | undefined;
}

function isNull(node: YamlNode | undefined): boolean {
  return isScalar(node) && node.value === null;
}

function readString(
  map: YAMLMap,
  key: string,
  field: string,
  at: Report,
  required = false,
): string | undefined {
  const node = child(map, key);
  if (node === undefined) {
    if (required) at(map, `${field}.${key}`, `${key} is required`);
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') {
    at(node, `${field}.${key}`, `${key} must be a non-empty string`);
    return undefined;
  }
  return node.value;
}

function readInteger(
  node: YamlNode,
  field: string,
  at: Report,
  minimum: number,
  maximum: number,
): number | undefined {
  if (
    !isScalar(node) ||
    typeof node.value !== 'number' ||
    !Number.isInteger(node.value) ||
    node.value < minimum ||
    node.value > maximum
  ) {
    at(node, field, `must be an integer from ${minimum} to ${maximum}`);
    return undefined;
  }
  return node.value;
}

function readRequest(
  node: YamlNode | undefined,
  field: string,
  parent: YAMLMap,
  at: Report,
): Request | undefined {
  if (node === undefined) {
    at(parent, field, 'request is required');
    return undefined;
  }
  if (!isMap(node)) {
    at(node, field, 'request must be a map');
    return undefined;
  }
  checkKeys(node, field, REQUEST_KEYS, at);
  const errorCount = at.count();
  const url = readString(node, 'url', field, at, true);
  const method = readString(node, 'method', field, at);
  let headers: Record<string, string> | undefined;
  const headersNode = child(node, 'headers');
  if (headersNode !== undefined) {
    if (!isMap(headersNode))
      at(headersNode, `${field}.headers`, 'headers must be a map of name: value');
    else {
      // Without a prototype, a header named `__proto__` is kept like any other name.
      headers = Object.create(null) as Record<string, string>;
      for (const pair of headersNode.items) {
        const name = scalarText(pair.key);
        const value = pair.value as YamlNode | null;
        if (name === undefined || name === '') {
          at(pair.key as YamlNode, `${field}.headers`, 'header names must be strings');
          continue;
        }
        const text =
          isScalar(value) && value.value !== null && typeof value.value !== 'object'
            ? String(value.value)
            : undefined;
        if (text === undefined)
          at(
            (value ?? pair.key) as YamlNode,
            `${field}.headers.${name}`,
            'a header value must be a string',
          );
        else headers[name] = text;
      }
    }
  }
  const portNode = child(node, 'port');
  const port =
    portNode === undefined ? undefined : readInteger(portNode, `${field}.port`, at, 1, 65535);
  const from = readFrom(child(node, 'from'), `${field}.from`, at);
  const entry = readString(node, 'entry', field, at);
  if (entry !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(entry)) {
    at(
      child(node, 'entry'),
      `${field}.entry`,
      'entry must be namespace/name of a LoadBalancer Service',
    );
  }
  if (url === undefined || at.count() > errorCount) return undefined;
  const request: Request = {
    url,
    ...(method === undefined ? {} : { method }),
    ...(headers === undefined ? {} : { headers }),
    ...(port === undefined ? {} : { port }),
    ...(from === undefined ? {} : { from }),
    ...(entry === undefined ? {} : { entry }),
  };
  const parsed = parseRequest(request);
  if (!parsed.ok) {
    at(child(node, 'url'), `${field}.url`, parsed.error);
    return undefined;
  }
  return request;
}

function readFrom(
  node: YamlNode | undefined,
  field: string,
  at: Report,
): RequestSource | undefined {
  if (node === undefined) return undefined;
  if (isScalar(node)) {
    if (node.value === 'ingress') return 'ingress';
    at(node, field, 'from must be "ingress" or { namespace, labels }');
    return undefined;
  }
  if (!isMap(node)) {
    at(node, field, 'from must be "ingress" or { namespace, labels }');
    return undefined;
  }
  checkKeys(node, field, FROM_KEYS, at);
  const namespace = readString(node, 'namespace', field, at, true);
  const labelsNode = child(node, 'labels');
  const labels = Object.create(null) as Record<string, string>;
  if (labelsNode !== undefined) {
    if (!isMap(labelsNode))
      at(labelsNode, `${field}.labels`, 'labels must be a map of name: value');
    else {
      for (const pair of labelsNode.items) {
        const name = scalarText(pair.key);
        const value = scalarText(pair.value);
        if (name === undefined || value === undefined)
          at(pair.key as YamlNode, `${field}.labels`, 'labels must be strings');
        else labels[name] = value;
      }
    }
  }
  return namespace === undefined ? undefined : { namespace, labels: labels as Labels };
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  return String(node.value);
}

function readExpect(
  node: YamlNode | undefined,
  field: string,
  at: Report,
): Expectation | undefined {
  // Optional (route-tests.md marks only `name` and `url` as required): only the keys written are
  // compared, so a test without `expect` checks that the request can be traced at all.
  if (node === undefined) return {};
  if (!isMap(node)) {
    at(node, field, 'expect must be a map');
    return undefined;
  }
  checkKeys(node, field, EXPECT_KEYS, at);
  const expectation: Record<string, unknown> = {};
  for (const pair of node.items as Pair<unknown, unknown>[]) {
    const key = scalarText(pair.key);
    if (key === undefined || !(EXPECT_KEYS as readonly string[]).includes(key)) continue;
    const value = (pair.value ?? new Scalar(null)) as YamlNode;
    const path = `${field}.${key}`;
    if (isNull(value)) {
      expectation[key] = null;
      continue;
    }
    const read = readExpectValue(key as (typeof EXPECT_KEYS)[number], value, path, at);
    if (read !== undefined) expectation[key] = read;
  }
  return expectation as Expectation;
}

function readExpectValue(
  key: (typeof EXPECT_KEYS)[number],
  value: YamlNode,
  path: string,
  at: Report,
): unknown {
  switch (key) {
    case 'gateway':
    case 'virtualService': {
      if (
        !isScalar(value) ||
        typeof value.value !== 'string' ||
        !/^[^/\s]+\/[^/\s]+$/.test(value.value)
      ) {
        at(value, path, `${key} must be namespace/name, or null`);
        return undefined;
      }
      return value.value;
    }
    case 'route': {
      if (
        isScalar(value) &&
        typeof value.value === 'number' &&
        Number.isInteger(value.value) &&
        value.value >= 0
      )
        return value.value;
      if (isScalar(value) && typeof value.value === 'string' && value.value !== '')
        return value.value;
      at(value, path, 'route must be a rule index (0, 1, ...) or a rule name, or null');
      return undefined;
    }
    case 'destination':
      return readDestination(value, path, at, DESTINATION_KEYS);
    case 'destinations': {
      if (!isSeq(value)) {
        at(value, path, 'destinations must be a list of { host, port, subset, weight }');
        return undefined;
      }
      const list: ExpectedDestination[] = [];
      (value as YAMLSeq).items.forEach((item, index) => {
        const destination = readDestination(
          item as YamlNode,
          `${path}[${index}]`,
          at,
          WEIGHTED_DESTINATION_KEYS,
        );
        if (destination !== undefined) list.push(destination);
      });
      return list;
    }
    case 'redirect':
    case 'directResponse': {
      if (!isMap(value)) {
        at(value, path, `${key} must be a map, or null`);
        return undefined;
      }
      checkKeys(value, path, key === 'redirect' ? REDIRECT_KEYS : DIRECT_RESPONSE_KEYS, at);
      const result: Record<string, unknown> = {};
      const statusNode = child(value, 'status');
      if (statusNode !== undefined) {
        const status = readInteger(statusNode, `${path}.status`, at, 100, 599);
        if (status !== undefined) result.status = status;
      }
      const textKey = key === 'redirect' ? 'location' : 'body';
      const textNode = child(value, textKey);
      if (textNode !== undefined) {
        if (!isScalar(textNode) || typeof textNode.value !== 'string')
          at(textNode, `${path}.${textKey}`, `${textKey} must be a string`);
        else result[textKey] = textNode.value;
      }
      return result;
    }
    case 'status':
      return readInteger(value, path, at, 100, 599);
    case 'flag': {
      if (
        !isScalar(value) ||
        typeof value.value !== 'string' ||
        !(RESPONSE_FLAGS as readonly string[]).includes(value.value)
      ) {
        at(value, path, `flag must be one of ${RESPONSE_FLAGS.join(', ')}, or null`);
        return undefined;
      }
      return value.value;
    }
    case 'path':
    case 'authority': {
      if (!isScalar(value) || typeof value.value !== 'string') {
        at(value, path, `${key} must be a string, or null`);
        return undefined;
      }
      return value.value;
    }
    default: {
      const unreachable: never = key;
      return unreachable;
    }
  }
}

function readDestination(
  node: YamlNode,
  path: string,
  at: Report,
  allowed: readonly string[],
): ExpectedDestination | undefined {
  if (!isMap(node)) {
    at(node, path, `must be a map of ${allowed.join(', ')}`);
    return undefined;
  }
  checkKeys(node, path, allowed, at);
  const host = readString(node, 'host', path, at, true);
  const result: { host?: string; port?: number; subset?: string | null; weight?: number } = {};
  const portNode = child(node, 'port');
  if (portNode !== undefined) {
    const port = readInteger(portNode, `${path}.port`, at, 1, 65535);
    if (port !== undefined) result.port = port;
  }
  const subsetNode = child(node, 'subset');
  if (subsetNode !== undefined) {
    if (isNull(subsetNode)) result.subset = null;
    else if (isScalar(subsetNode) && typeof subsetNode.value === 'string')
      result.subset = subsetNode.value;
    else at(subsetNode, `${path}.subset`, 'subset must be a string, or null');
  }
  const weightNode = child(node, 'weight');
  if (weightNode !== undefined) {
    if (
      !isScalar(weightNode) ||
      typeof weightNode.value !== 'number' ||
      weightNode.value < 0 ||
      weightNode.value > 100
    ) {
      at(weightNode, `${path}.weight`, 'weight must be a number of percent from 0 to 100');
    } else result.weight = weightNode.value;
  }
  if (host === undefined) return undefined;
  return { ...result, host };
}
