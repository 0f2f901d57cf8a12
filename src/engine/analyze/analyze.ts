import type { Diagnostic } from '../diagnostics';
import { locate } from '../model';
import type { Design, Model, Resource } from '../model';
import type { ParsedFile } from '../yaml/types';
import { AnalysisContext } from './context';
import { RULES } from './rules';
import { createSuppression } from './suppression';
import type { Finding, ResourceRule, SourceReader } from './types';

/** How to run the analyzer. */
export interface AnalyzeOptions {
  /**
   * Findings not to report: `CODE` (everywhere) or `CODE:kind/namespace/name` (one resource), e.g.
   * `IST0118` or `IST0101:VirtualService/default/proxy`.
   */
  readonly silenced?: readonly string[];
  /** Only these codes (default: all). */
  readonly codes?: readonly string[];
}

// Per-resource findings are cached per rule and resource object: the model keeps unchanged
// resources' identity between versions, so a keystroke re-checks only the edited documents.
const resourceFindings = new WeakMap<ResourceRule, WeakMap<Resource, readonly Finding[]>>();

function findingsOf(
  rule: ResourceRule,
  resource: Resource,
  source: SourceReader,
): readonly Finding[] {
  let byResource = resourceFindings.get(rule);
  if (byResource === undefined) {
    byResource = new WeakMap();
    resourceFindings.set(rule, byResource);
  }
  const cached = byResource.get(resource);
  if (cached !== undefined) return cached;
  const found: Finding[] = [];
  rule.check(resource, (finding) => found.push(finding), source);
  byResource.set(resource, found);
  return found;
}

// The model is immutable, so its findings are computed once however often it is analyzed.
const modelFindings = new WeakMap<Model, readonly Finding[]>();

/** Reads a resource's document from the design's files (looked up by name once). */
function sourceReader(design: Design): SourceReader {
  let byName: Map<string, ParsedFile> | undefined;
  return {
    document(resource) {
      if (byName === undefined) {
        byName = new Map();
        for (const file of design.files) byName.set(file.name, file);
      }
      return byName.get(resource.origin.file)?.documents[resource.origin.documentIndex]?.tree;
    },
  };
}

/** Runs every rule on a design's model and returns the findings, unfiltered and unplaced. */
export function collectFindings(design: Design): readonly Finding[] {
  const model = design.model;
  const cached = modelFindings.get(model);
  if (cached !== undefined) return cached;
  const findings: Finding[] = [];
  const context = new AnalysisContext(model);
  const source = sourceReader(design);
  for (const rule of RULES) {
    if (rule.scope === 'resource') {
      for (const resource of model.resources) findings.push(...findingsOf(rule, resource, source));
    } else {
      rule.check(context, (finding) => findings.push(finding));
    }
  }
  modelFindings.set(model, findings);
  return findings;
}

/**
 * Analyzes a design (what `loadDesign` returns): Istio's webhook validation (IST0106/IST0133), the
 * config-only istioctl analyzers and Sailplan's own checks (SP1xxx). Each diagnostic points at the
 * offending field. Silenced codes and Istio's `galley.istio.io/analyze-suppress` annotation are
 * honoured. Ordered by file and position.
 */
export function analyze(design: Design, options: AnalyzeOptions = {}): Diagnostic[] {
  const model = design.model;
  const suppression = createSuppression(options.silenced ?? [], model.byKey);
  const onlyCodes = options.codes === undefined ? undefined : new Set(options.codes);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const finding of collectFindings(design)) {
    if (onlyCodes !== undefined && !onlyCodes.has(finding.code)) continue;
    if (suppression.isSilenced(finding)) continue;
    // Two rules can reach the same conclusion about the same field; say it once.
    const identity = `${finding.code}\u0000${finding.resource}\u0000${finding.path.join('\u0001')}\u0000${finding.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const range = locate(design, finding.resource, finding.path, { target: 'head' });
    diagnostics.push({
      code: finding.code,
      level: finding.level,
      message: finding.message,
      resource: finding.resource,
      path: finding.path,
      ...(range === undefined ? {} : { range }),
    });
  }
  return diagnostics.sort(compareDiagnostics);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fileA = a.range?.file ?? '';
  const fileB = b.range?.file ?? '';
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  const startA = a.range?.start ?? -1;
  const startB = b.range?.start ?? -1;
  if (startA !== startB) return startA - startB;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
