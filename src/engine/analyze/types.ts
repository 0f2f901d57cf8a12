import type { Document } from 'yaml';
import type { DiagnosticLevel } from '../diagnostics';
import type { Resource, ResourceKey, YamlPath } from '../model';
import type { AnalysisContext } from './context';

/** Where a rule comes from: an istioctl analyzer, Istio's admission webhook, or Sailplan itself. */
export type RuleSource = 'istio-analyzer' | 'istio-webhook' | 'sailplan';

/** What the UI's filter and the docs show for one message code. */
export interface RuleDescriptor {
  /** `IST0101` where Istio has a code, else `SP1xxx`. */
  readonly code: string;
  /** Istio's message name (`ReferencedResourceNotFound`) or Sailplan's. */
  readonly name: string;
  /** The usual level; offline downgrades (analyze.md of this folder) can lower it per finding. */
  readonly level: DiagnosticLevel;
  readonly description: string;
  readonly source: RuleSource;
}

/** A finding before it is placed in the source text. */
export interface Finding {
  readonly code: string;
  readonly level: DiagnosticLevel;
  readonly message: string;
  readonly resource: ResourceKey;
  /** Path of the offending field inside the resource (e.g. `['spec', 'http', 0, 'route']`). */
  readonly path: YamlPath;
}

/** Receives findings from a rule. */
export type Report = (finding: Finding) => void;

/** The YAML a resource was read from, for rules about what the model leaves out. */
export interface SourceReader {
  /**
   * The parsed document (without source tokens) that holds the resource, at `resource.origin.path`;
   * undefined when the design has no such document. A resource keeps its identity only while its
   * document is unchanged, so findings made from it can be cached per resource too.
   */
  document(resource: Resource): Document.Parsed | undefined;
}

/** A rule that reads one resource at a time (results are cached per resource object). */
export interface ResourceRule {
  readonly scope: 'resource';
  /** The rule's file name without extension, e.g. `ist0106-gatewayValidation`. */
  readonly id: string;
  readonly codes: readonly string[];
  check(resource: Resource, report: Report, source: SourceReader): void;
}

/** A rule that looks across resources, using the indexes built once per model. */
export interface ModelRule {
  readonly scope: 'model';
  readonly id: string;
  readonly codes: readonly string[];
  check(context: AnalysisContext, report: Report): void;
}

/** Any analyzer rule. */
export type AnalyzerRule = ResourceRule | ModelRule;
