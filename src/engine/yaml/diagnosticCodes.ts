import type { DiagnosticLevel } from '../diagnostics';

/**
 * Sailplan's parse and shape diagnostic codes (SP0001-SP0099), the one list of them. The yaml layer
 * and the model builder produce these; analyzers use Istio's codes or their own range.
 */
export const PARSE_DIAGNOSTIC_CODES = {
  /** YAML syntax error (the `yaml` package's error code is in the message). */
  SP0001: { level: 'error', summary: 'YAML syntax error' },
  /** YAML warning, e.g. an unresolved tag. */
  SP0002: { level: 'warning', summary: 'YAML warning' },
  /** Resource limit: too many alias expansions or nesting too deep; the document is not used. */
  SP0003: { level: 'error', summary: 'Document exceeds a resource limit' },
  /** A document (or a `kind: List` item) is not a mapping. */
  SP0004: { level: 'error', summary: 'Not a Kubernetes resource' },
  /** `apiVersion` or `kind` is missing or not a string. */
  SP0005: { level: 'error', summary: 'Missing apiVersion or kind' },
  /** `metadata.name` is missing or not a string. */
  SP0006: { level: 'error', summary: 'Missing metadata.name' },
  /** A kind Sailplan does not model: kept in the text, listed as unmodelled. */
  SP0007: { level: 'info', summary: 'Kind not modelled' },
  /** A modelled kind under an apiVersion Sailplan does not read (e.g. Gateway API's Gateway). */
  SP0008: { level: 'warning', summary: 'apiVersion not modelled for this kind' },
  /** A field has the wrong type; it is dropped from the model (the text keeps it). */
  SP0009: { level: 'error', summary: 'Wrongly typed field' },
  /** The same kind/namespace/name is defined twice; the later definition wins. */
  SP0010: { level: 'error', summary: 'Duplicate resource' },
  /** `metadata.creationTimestamp` is not a valid timestamp; document order is used instead. */
  SP0011: { level: 'warning', summary: 'Invalid creationTimestamp' },
  /** A key such as `__proto__` that can never be a valid field; ignored. */
  SP0012: { level: 'warning', summary: 'Forbidden key' },
  /** An IstioOperator sets the design's cluster domain (`spec.values.global.proxy.clusterDomain`). */
  SP0013: { level: 'info', summary: 'Cluster domain' },
  /** A cluster domain that is not a DNS name, or a second IstioOperator with another one: ignored. */
  SP0014: { level: 'warning', summary: 'Cluster domain ignored' },
} as const satisfies Record<string, { level: DiagnosticLevel; summary: string }>;

/** One of Sailplan's parse and shape diagnostic codes. */
export type ParseDiagnosticCode = keyof typeof PARSE_DIAGNOSTIC_CODES;
