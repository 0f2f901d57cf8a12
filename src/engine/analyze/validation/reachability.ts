import type { HTTPMatchRequest, StringMatch, VirtualServiceSpec, YamlPath } from '../../model';

/** A rule that can never be used (IST0130), with Istio's reason. */
export interface UnreachableRule {
  readonly path: YamlPath;
  /** `#1`, or the rule's quoted name. */
  readonly rule: string;
  readonly reason: string;
}

/** A match entry that an earlier one already covers (IST0131). */
export interface IneffectiveMatch {
  readonly path: YamlPath;
  readonly rule: string;
  readonly match: string;
  readonly duplicateOf: string;
}

/** The reachability findings of one VirtualService. */
export interface Reachability {
  readonly unreachable: readonly UnreachableRule[];
  readonly ineffective: readonly IneffectiveMatch[];
}

type RouteList = 'http' | 'tcp' | 'tls';

// Map-valued match fields: Go's JSON leaves them out when empty, so `{}` equals absent.
const MAP_FIELDS: ReadonlySet<string> = new Set([
  'headers',
  'withoutHeaders',
  'queryParams',
  'sourceLabels',
]);

const cache = new WeakMap<VirtualServiceSpec, Reachability>();

/**
 * The webhook's unreachable-rule analysis (analyzers.md IST0130/IST0131), for http, tcp and tls rules.
 * Cached per spec object because two rules (IST0130 and IST0131) read it.
 */
export function analyzeReachability(spec: VirtualServiceSpec): Reachability {
  const cached = cache.get(spec);
  if (cached !== undefined) return cached;
  const unreachable: UnreachableRule[] = [];
  const ineffective: IneffectiveMatch[] = [];
  for (const list of ['http', 'tcp', 'tls'] as const) {
    analyzeList(spec, list, unreachable, ineffective);
  }
  const result = { unreachable, ineffective };
  cache.set(spec, result);
  return result;
}

interface PrefixMatch {
  readonly path: YamlPath;
  readonly rule: string;
  readonly match: string;
  readonly prefix: string;
  readonly port: number;
  readonly method: string;
  readonly authority: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly queryParams: ReadonlyMap<string, string>;
  readonly withoutHeaders: ReadonlyMap<string, string>;
}

function analyzeList(
  spec: VirtualServiceSpec,
  list: RouteList,
  unreachable: UnreachableRule[],
  ineffective: IneffectiveMatch[],
): void {
  const rules: readonly { readonly name?: string; readonly match?: readonly object[] }[] =
    spec[list] ?? [];
  const firstRuleOfMatch = new Map<string, number>();
  const prefixMatches: PrefixMatch[] = [];
  let catchAllSeen = false;
  for (const [ruleIndex, rule] of rules.entries()) {
    const rulePath = ['spec', list, ruleIndex];
    const ruleLabel = label(list === 'http' ? rule.name : undefined, ruleIndex);
    const matches = rule.match ?? [];
    if (matches.length === 0) {
      if (catchAllSeen) {
        unreachable.push({
          path: rulePath,
          rule: ruleLabel,
          reason: 'only the last rule can have no matches',
        });
      }
      catchAllSeen = true;
      continue;
    }
    if (catchAllSeen) {
      unreachable.push({
        path: [...rulePath, 'match'],
        rule: ruleLabel,
        reason: 'route without matches defined before',
      });
      continue;
    }
    let duplicates = 0;
    for (const [matchIndex, match] of matches.entries()) {
      const key = matchKey(match);
      const earlier = firstRuleOfMatch.get(key);
      const matchLabel = label(
        list === 'http' ? (match as HTTPMatchRequest).name : undefined,
        matchIndex,
      );
      const matchPath = [...rulePath, 'match', matchIndex];
      if (earlier !== undefined) {
        const earlierRule = rules[earlier];
        ineffective.push({
          path: matchPath,
          rule: ruleLabel,
          match: matchLabel,
          duplicateOf: label(list === 'http' ? earlierRule?.name : undefined, earlier),
        });
        duplicates += 1;
        continue;
      }
      firstRuleOfMatch.set(key, ruleIndex);
      if (list === 'http') {
        const prefixMatch = toPrefixMatch(
          match as HTTPMatchRequest,
          matchPath,
          ruleLabel,
          matchLabel,
        );
        if (prefixMatch !== undefined) prefixMatches.push(prefixMatch);
      }
    }
    if (duplicates === matches.length) {
      unreachable.push({
        path: rulePath,
        rule: ruleLabel,
        reason: 'all matches used by prior rules',
      });
    }
  }
  for (const [earlierIndex, earlier] of prefixMatches.entries()) {
    for (const later of prefixMatches.slice(earlierIndex + 1)) {
      if (later.prefix === earlier.prefix || !covers(earlier, later)) continue;
      ineffective.push({
        path: later.path,
        rule: later.rule,
        match: `${later.match} of prefix ${later.prefix}`,
        duplicateOf: `${earlier.match} of prefix ${earlier.prefix} on ${earlier.rule}`,
      });
    }
  }
}

function label(name: string | undefined, index: number): string {
  return name !== undefined && name !== '' ? JSON.stringify(name) : `#${index}`;
}

// The match's routing content, names left out, zero values dropped as Go's JSON does.
function matchKey(match: object): string {
  return canonicalJson(match, true);
}

function canonicalJson(value: unknown, topLevel: boolean): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item, false)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const field: unknown = (value as Record<string, unknown>)[key];
      if (topLevel && key === 'name') continue;
      if (field === undefined || field === null || field === false || field === 0 || field === '')
        continue;
      if (Array.isArray(field) && field.length === 0) continue;
      if (
        topLevel &&
        MAP_FIELDS.has(key) &&
        typeof field === 'object' &&
        Object.keys(field).length === 0
      )
        continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(field, false)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// `exact:v` or `prefix:v`; a regex or an empty matcher gives "" (which every value starts with).
function exactOrPrefix(match: StringMatch | undefined): string {
  if (match?.exact !== undefined && match.exact !== '') return `exact:${match.exact}`;
  if (match?.prefix !== undefined && match.prefix !== '') return `prefix:${match.prefix}`;
  return '';
}

function toMap(matches: Readonly<Record<string, StringMatch>> | undefined): Map<string, string> {
  return new Map(Object.entries(matches ?? {}).map(([key, match]) => [key, exactOrPrefix(match)]));
}

function toPrefixMatch(
  match: HTTPMatchRequest,
  path: YamlPath,
  rule: string,
  matchLabel: string,
): PrefixMatch | undefined {
  const prefix = match.uri?.prefix ?? '';
  if (prefix === '') return undefined;
  return {
    path,
    rule,
    match: matchLabel,
    prefix,
    port: match.port ?? 0,
    // A match without a method is compared as if it said GET, as Istio does.
    method: exactOrPrefix(match.method) || 'exact:GET',
    authority: exactOrPrefix(match.authority),
    headers: toMap(match.headers),
    queryParams: toMap(match.queryParams),
    withoutHeaders: toMap(match.withoutHeaders),
  };
}

// Istio's coveredValidation: the later prefix starts with the earlier one and nothing else narrows it.
function covers(earlier: PrefixMatch, later: PrefixMatch): boolean {
  if (!later.prefix.startsWith(earlier.prefix)) return false;
  if (later.port !== earlier.port) return false;
  if (!sameOrStartsWith(earlier.method, later.method)) return false;
  if (!sameOrStartsWith(earlier.authority, later.authority)) return false;
  return (
    mapCovers(earlier.headers, later.headers) &&
    mapCovers(earlier.queryParams, later.queryParams) &&
    mapCovers(earlier.withoutHeaders, later.withoutHeaders)
  );
}

function sameOrStartsWith(earlier: string, later: string): boolean {
  return earlier === later || earlier.startsWith(later);
}

function mapCovers(
  earlier: ReadonlyMap<string, string>,
  later: ReadonlyMap<string, string>,
): boolean {
  if (earlier.size !== later.size) return false;
  for (const [key, value] of earlier) {
    const laterValue = later.get(key);
    if (laterValue === undefined || !sameOrStartsWith(value, laterValue)) return false;
  }
  return true;
}
