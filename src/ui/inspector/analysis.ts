import {
  analyze,
  applyEdits,
  editsForFile,
  isRefused,
  loadDesign,
  planIntent,
  type Design,
  type Diagnostic,
  type Intent,
  type ResourceKey,
  type YamlPath,
} from '../../engine';

/** The model's and the analyzer's diagnostics of a design (Istio's webhook checks included). */
function designDiagnostics(design: Design): readonly Diagnostic[] {
  return [...design.model.diagnostics, ...analyze(design)];
}

/** True when `path` starts with `prefix` (equal paths included). */
export function isPathUnder(path: YamlPath, prefix: YamlPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/** The diagnostics about a resource at `path` or below it. */
export function diagnosticsAt(
  diagnostics: readonly Diagnostic[],
  key: ResourceKey,
  path: YamlPath,
): Diagnostic[] {
  return diagnostics.filter(
    (diagnostic) =>
      diagnostic.resource === key &&
      diagnostic.path !== undefined &&
      isPathUnder(diagnostic.path, path),
  );
}

/** Where an intent writes: the resource and the path whose diagnostics it may cause. */
export interface IntentScope {
  readonly key: ResourceKey;
  readonly path: YamlPath;
}

/** The scope an edit is checked in before it is made; undefined for gestures the planner checks. */
export function intentScope(intent: Intent): IntentScope | undefined {
  switch (intent.type) {
    case 'field.set':
    case 'field.remove':
    case 'list.insert':
    case 'list.remove':
    case 'list.move':
      return { key: intent.key, path: intent.path };
    case 'route.setWeight':
      return { key: intent.virtualService, path: ['spec', 'http', intent.rule, 'route'] };
    default:
      return undefined;
  }
}

function identity(diagnostic: Diagnostic): string {
  return `${diagnostic.code}\u0000${(diagnostic.path ?? []).join('\u0001')}\u0000${diagnostic.message}`;
}

/**
 * The errors an intent would add where it writes, found by planning it, applying the edits to a
 * copy of the text and analysing that: the same checks the Problems panel and Istio's webhook make,
 * so the inspector never accepts what they would reject. `diagnostics` are the design's own (the
 * store derives them), so that only new errors count. A refusal is returned as the only problem.
 */
export function problemsOfIntent(
  design: Design,
  diagnostics: readonly Diagnostic[],
  intent: Intent,
): string[] {
  const plan = planIntent(design, intent);
  if (isRefused(plan)) return [plan.refused];
  const scope = intentScope(intent);
  if (scope === undefined) return [];
  const next = loadDesign(
    design.files.map((file) => ({
      name: file.name,
      text: applyEdits(file.text, editsForFile(plan.edits, file.name)),
    })),
    design,
  );
  const known = new Set(
    diagnostics.filter((diagnostic) => diagnostic.resource === scope.key).map(identity),
  );
  return designDiagnostics(next)
    .filter(
      (diagnostic) =>
        diagnostic.level === 'error' &&
        diagnostic.resource === scope.key &&
        diagnostic.path !== undefined &&
        // An error below the written path, or on a parent it changes (a weight total).
        (isPathUnder(diagnostic.path, scope.path) || isPathUnder(scope.path, diagnostic.path)) &&
        !known.has(identity(diagnostic)),
    )
    .map((diagnostic) => diagnostic.message);
}
