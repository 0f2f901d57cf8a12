import { RULE_DESCRIPTORS, type Diagnostic, type RuleDescriptor } from '../../engine';

/** The analyzer's rules by code, for names and help text. */
export const RULES_BY_CODE: ReadonlyMap<string, RuleDescriptor> = new Map(
  RULE_DESCRIPTORS.map((rule) => [rule.code, rule]),
);

/** `VirtualService default/proxy` for `VirtualService/default/proxy`. */
export function resourceLabel(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key : `${key.slice(0, slash)} ${key.slice(slash + 1)}`;
}

/** `design.yaml:50:15`, or undefined for a diagnostic with no place in the text. */
export function locationLabel(diagnostic: Diagnostic): string | undefined {
  const range = diagnostic.range;
  return range === undefined ? undefined : `${range.file}:${range.line}:${range.column}`;
}

/** True for findings the analyzer can leave out (its own codes, not parse or model errors). */
export function isSilenceable(diagnostic: Diagnostic): boolean {
  return RULES_BY_CODE.has(diagnostic.code);
}
