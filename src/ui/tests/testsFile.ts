import { isMap, isScalar, isSeq, parseDocument, stringify, type YAMLSeq } from 'yaml';
import type { Request, RouteTest, Trace } from '../../engine';

/** A route test as written in a tests file (docs/route-tests.md): plain data, keys in file order. */
export interface RouteTestEntry {
  readonly name: string;
  readonly request: Record<string, unknown>;
  readonly expect: Record<string, unknown>;
}

function headerMap(headers: Request['headers']): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  const rows: readonly (readonly [string, string])[] = Array.isArray(headers)
    ? (headers as readonly (readonly [string, string])[])
    : Object.entries(headers as Readonly<Record<string, string>>);
  const map: Record<string, string> = {};
  for (const [name, value] of rows) {
    if (name.trim() === '') continue;
    // A tests file has one value per name; repeated names are joined as Envoy joins them.
    map[name] = map[name] === undefined ? value : `${map[name]},${value}`;
  }
  return Object.keys(map).length === 0 ? undefined : map;
}

/** The `request` of a test for a request as the Simulator holds it (no draw: tests are exact). */
export function testRequestOf(request: Request): Record<string, unknown> {
  const written: Record<string, unknown> = { url: request.url };
  const method = request.method ?? 'GET';
  if (method !== 'GET') written.method = method;
  const headers = headerMap(request.headers);
  if (headers !== undefined) written.headers = headers;
  if (request.port !== undefined) written.port = request.port;
  if (request.from !== undefined && request.from !== 'ingress') {
    written.from = { namespace: request.from.namespace, labels: { ...request.from.labels } };
  }
  if (request.entry !== undefined) written.entry = request.entry;
  return written;
}

/**
 * What a test expects of a trace, as route-tests.md writes it: the Gateway, the VirtualService,
 * the rule (by name when it has one, so that reordering rules does not break the test), the
 * destination or the split, the redirect or direct response, and the status and flag the mesh
 * answers with.
 */
export function expectationOf(trace: Trace): Record<string, unknown> {
  const { outcome } = trace;
  const expect: Record<string, unknown> = {};
  if (outcome.gateway !== null) expect.gateway = outcome.gateway;
  if (outcome.virtualService !== null) expect.virtualService = outcome.virtualService;
  else if (trace.ending === 'upstream') expect.virtualService = null;
  if (trace.rule !== null) expect.route = trace.rule.name ?? trace.rule.index;
  if (outcome.redirect !== null) expect.redirect = { ...outcome.redirect };
  else if (outcome.directResponse !== null) expect.directResponse = { ...outcome.directResponse };
  else if (outcome.destination !== null) {
    const { host, port, subset } = outcome.destination;
    expect.destination = subset === null ? { host, port } : { host, port, subset };
  } else if (outcome.destinations !== null && outcome.destinations.length > 0) {
    expect.destinations = outcome.destinations.map(({ host, port, subset, weight }) =>
      subset === null ? { host, port, weight } : { host, port, subset, weight },
    );
  }
  if (outcome.status !== null) expect.status = outcome.status;
  if (outcome.flag !== null) expect.flag = outcome.flag;
  return expect;
}

/** A name not yet used in the file: `base`, else `base (2)`, `base (3)`... */
export function uniqueTestName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let number = 2; ; number += 1) {
    const candidate = `${base} (${number})`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** A short name for a test of this request and trace: `GET example.com/cart reaches proxy`. */
export function suggestedTestName(trace: Trace): string {
  const target = trace.request.url.replace(/^[a-z]+:\/\//i, '');
  const { outcome } = trace;
  const ending =
    outcome.redirect !== null
      ? `redirects ${outcome.redirect.status}`
      : outcome.status !== null
        ? `answers ${outcome.status}${outcome.flag === null ? '' : ` ${outcome.flag}`}`
        : outcome.destination !== null
          ? `reaches ${outcome.destination.host.split('.')[0]}${outcome.destination.subset === null ? '' : ` ${outcome.destination.subset}`}`
          : outcome.destinations !== null
            ? 'is split'
            : 'ends';
  return `${trace.request.method} ${target} ${ending}`;
}

/** Why a tests text cannot take an edit, or `undefined` when it can. */
function editProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const document = parseDocument(text);
  if (document.errors.length > 0) return 'the tests file has YAML errors: fix them first';
  const root = document.contents;
  if (!isMap(root) || !isSeq(root.get('tests', true))) {
    return 'the tests file has no `tests` list';
  }
  return undefined;
}

/** An edit of a tests text: the new text, or why it cannot be made. */
export type TestsEdit =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** The column of the `-` of a block list's items. */
function dashColumn(text: string, sequence: YAMLSeq): number | undefined {
  const first = sequence.items[0] as { range?: [number, number, number] } | undefined;
  const start = first?.range?.[0];
  if (start === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const column = start - lineStart;
  const dash = text.slice(lineStart, start).trimEnd();
  return dash.endsWith('-') ? column - 2 : undefined;
}

/**
 * Appends tests to the `tests` list, leaving the rest of the text as the user wrote it (comments,
 * quotes, indentation): the new items are written alone at the list's indentation. A list in flow
 * style (`tests: []`) is written again whole.
 */
export function appendRouteTests(text: string, entries: readonly RouteTestEntry[]): TestsEdit {
  const problem = editProblem(text);
  if (problem !== undefined) return { ok: false, reason: problem };
  const rendered = stringify(entries, { indentSeq: false, lineWidth: 0 });
  if (text.trim() === '') return { ok: true, text: `tests:\n${rendered}` };
  const document = parseDocument(text);
  const sequence = document.get('tests', true) as YAMLSeq;
  const column = dashColumn(text, sequence);
  const end = sequence.range?.[1];
  if (sequence.flow === true || column === undefined || end === undefined) {
    for (const entry of entries) sequence.add(document.createNode(entry));
    return { ok: true, text: document.toString({ indentSeq: false, lineWidth: 0 }) };
  }
  const indent = ' '.repeat(column);
  const block = rendered
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
  const before = text.slice(0, end);
  const joint = before.endsWith('\n') ? '' : '\n';
  return { ok: true, text: `${before}${joint}${block}${text.slice(end)}` };
}

/** Removes the test at `index` of the `tests` list (its lines, from its `-` to the next item). */
export function removeRouteTest(text: string, index: number): TestsEdit {
  const problem = editProblem(text);
  if (problem !== undefined) return { ok: false, reason: problem };
  const document = parseDocument(text);
  const sequence = document.get('tests', true) as YAMLSeq;
  const item = sequence.items[index] as { range?: [number, number, number] } | undefined;
  const next = sequence.items[index + 1] as { range?: [number, number, number] } | undefined;
  const start = item?.range?.[0];
  if (start === undefined) return { ok: false, reason: `there is no test ${index + 1}` };
  // A flow list, or the last test: the list is written again (`tests: []` when it is empty).
  if (sequence.flow === true || sequence.items.length === 1) {
    sequence.delete(index);
    if (sequence.items.length === 0) sequence.flow = true;
    return { ok: true, text: document.toString({ indentSeq: false, lineWidth: 0 }) };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextStart = next?.range?.[0];
  const end =
    nextStart === undefined
      ? (sequence.range?.[1] ?? text.length)
      : text.lastIndexOf('\n', nextStart - 1) + 1;
  return { ok: true, text: text.slice(0, lineStart) + text.slice(end) };
}

/** The names of the tests written in a tests text (whatever else is wrong with it). */
export function testNames(text: string): string[] {
  const document = parseDocument(text);
  const root = document.contents;
  if (!isMap(root)) return [];
  const sequence = root.get('tests', true);
  if (!isSeq(sequence)) return [];
  return sequence.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const name = item.get('name', true);
    return isScalar(name) && typeof name.value === 'string' ? [name.value] : [];
  });
}

/** The tests of another file as entries to append, renamed where a name is already taken. */
export function entriesOf(tests: readonly RouteTest[], taken: readonly string[]): RouteTestEntry[] {
  const names = [...taken];
  return tests.map((test) => {
    const name = uniqueTestName(test.name, names);
    names.push(name);
    return {
      name,
      request: testRequestOf(test.request),
      expect: { ...(test.expect as Record<string, unknown>) },
    };
  });
}
