import {
  analyze,
  applyEdits,
  documentOfResource,
  editsForFile,
  isRefused,
  loadDesign,
  planIntent,
  prepareToEdit,
  RULE_DESCRIPTORS,
  type Design,
  type Diagnostic,
  type Intent,
  type PlanResult,
  type ResourceKey,
  type YamlPath,
} from '../../engine';

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
    case 'gateway.setServerProtocol':
    case 'gateway.setServerTlsMode':
      return { key: intent.gateway, path: ['spec', 'servers', intent.server] };
    case 'route.setWeight':
      return { key: intent.virtualService, path: ['spec', 'http', intent.rule, 'route'] };
    default:
      return undefined;
  }
}

// What Istio's admission webhook rejects. Findings of other analyzers (a host not in the design, a
// subset no rule defines) are shown, not refused: the design may be unfinished on purpose.
const WEBHOOK_CODES: readonly string[] = RULE_DESCRIPTORS.filter(
  (rule) => rule.source === 'istio-webhook',
).map((rule) => rule.code);

/**
 * The errors the webhook (and the model's shape checks) find in one resource's document, judged
 * alone, as the webhook judges each object: fast whatever the size of the design.
 */
function documentErrors(text: string, key: ResourceKey): Diagnostic[] {
  const design = loadDesign([{ name: 'resource.yaml', text }]);
  return [...design.model.diagnostics, ...analyze(design, { codes: WEBHOOK_CODES })].filter(
    (diagnostic) =>
      diagnostic.level === 'error' && diagnostic.resource === key && diagnostic.path !== undefined,
  );
}

/**
 * The errors of documents as they are now, by text: a commit checks the document before and after
 * its edit, and the one before is the one after of the last commit, or unchanged since.
 */
const errorsBefore = new Map<string, Diagnostic[]>();
const ERRORS_BEFORE_KEPT = 8;

function knownDocumentErrors(text: string, key: ResourceKey): Diagnostic[] {
  const cacheKey = `${key}\u0000${text}`;
  const known = errorsBefore.get(cacheKey);
  if (known !== undefined) return known;
  const errors = documentErrors(text, key);
  if (errorsBefore.size >= ERRORS_BEFORE_KEPT) {
    const oldest = errorsBefore.keys().next();
    if (oldest.done !== true) errorsBefore.delete(oldest.value);
  }
  errorsBefore.set(cacheKey, errors);
  return errors;
}

/**
 * Does ahead of time what the first commit on resource `key` would do before its edit: the
 * document parsed for editing, and its errors as they are (the commit compares the edited
 * document's with them). Meant for idle time after a selection or a derive.
 */
export function prepareInspectorEdit(design: Design, key: ResourceKey): void {
  prepareToEdit(design, key);
  const document = documentOfResource(design, key);
  if (document !== undefined) knownDocumentErrors(document.text, key);
}

function identity(diagnostic: Diagnostic): string {
  return `${diagnostic.code}\u0000${(diagnostic.path ?? []).join('\u0001')}\u0000${diagnostic.message}`;
}

/** An intent checked before it is made: why not, and the plan (made once, then dispatched). */
export interface CheckedIntent {
  readonly problems: readonly string[];
  readonly plan: PlanResult;
}

/**
 * The errors an intent would add where it writes, found by planning it and checking the edited
 * document as Istio's webhook would (the same checks the Problems panel shows), so that the
 * inspector never writes what the webhook rejects: a port out of range, a regex RE2 does not
 * compile, a duration that is not one. A refusal is returned as the only problem.
 */
export function problemsOfIntent(design: Design, intent: Intent): CheckedIntent {
  const plan = planIntent(design, intent);
  if (isRefused(plan)) return { problems: [plan.refused], plan };
  return { problems: problemsOfPlan(design, intent, plan.edits), plan };
}

function problemsOfPlan(
  design: Design,
  intent: Intent,
  planned: Parameters<typeof editsForFile>[0],
): string[] {
  const scope = intentScope(intent);
  const document = scope === undefined ? undefined : documentOfResource(design, scope.key);
  if (scope === undefined || document === undefined) return [];
  const start = document.offset;
  const end = start + document.text.length;
  const edits = editsForFile(planned, document.file);
  // An edit beyond this document (a reference that follows) is the planner's to check.
  if (edits.some((edit) => edit.start < start || edit.end > end)) return [];
  const edited = applyEdits(
    document.text,
    edits.map((edit) => ({ start: edit.start - start, end: edit.end - start, text: edit.text })),
  );
  const known = new Set(knownDocumentErrors(document.text, scope.key).map(identity));
  const after = knownDocumentErrors(edited, scope.key);
  return after
    .filter(
      (diagnostic) =>
        diagnostic.path !== undefined &&
        // An error below the written path, or on a parent it changes (a weight total).
        (isPathUnder(diagnostic.path, scope.path) || isPathUnder(scope.path, diagnostic.path)) &&
        !known.has(identity(diagnostic)),
    )
    .map((diagnostic) => diagnostic.message);
}
