import { useEffect, useMemo } from 'react';
import {
  documentOfResource,
  type Design,
  type Diagnostic,
  type Intent,
  type ResourceKey,
  type YamlPath,
} from '../../engine';
import { useSailplan } from '../../store';
import { diagnosticsAt, prepareInspectorEdit } from './analysis';
import type { CommitResult } from './fields';
import {
  useInspectorAction,
  useInspectorEdit,
  type EditOptions,
  type InspectorEdit,
} from './useInspectorEdit';

/** The edits a view makes on one resource, each one intent, each returning why it failed. */
export interface ResourceEditing {
  readonly key: ResourceKey;
  readonly design: Design;
  /** Writes a field (missing parents are created); `undefined` removes it. */
  readonly set: (path: YamlPath, value: unknown) => CommitResult;
  readonly remove: (path: YamlPath) => CommitResult;
  /** Inserts into a list (at the end without `index`), creating the list when missing. */
  readonly insert: (path: YamlPath, value: unknown, index?: number) => CommitResult;
  readonly removeItem: (path: YamlPath, index: number) => CommitResult;
  /** Any intent, its failure returned (for fields). */
  readonly edit: InspectorEdit;
  /** Any intent, its failure shown on the inspector's message line (for buttons). */
  readonly act: (intent: Intent, options?: EditOptions) => boolean;
  /** The diagnostics about this resource at `path` or below. */
  readonly diagnostics: (path: YamlPath) => Diagnostic[];
}

/** The editing functions for the resource with `key`, over the current design. */
export function useResourceEditing(key: ResourceKey): ResourceEditing {
  const design = useSailplan((state) => state.derived.design);
  const all = useSailplan((state) => state.derived.diagnostics);
  const edit = useInspectorEdit();
  const act = useInspectorAction();
  // The first edit of what is shown is then only the edit: planned and applied within a frame.
  useEffect(() => whenIdle(() => prepareInspectorEdit(design, key)), [design, key]);
  return useMemo(() => {
    return {
      key,
      design,
      edit,
      act,
      set: (path, value) =>
        edit(
          value === undefined
            ? { type: 'field.remove', key, path }
            : { type: 'field.set', key, path, value },
        ),
      remove: (path) => edit({ type: 'field.remove', key, path }),
      insert: (path, value, index) =>
        edit(
          index === undefined
            ? { type: 'list.insert', key, path, value }
            : { type: 'list.insert', key, path, value, index },
        ),
      removeItem: (path, index) => edit({ type: 'list.remove', key, path, index }),
      diagnostics: (path) => diagnosticsAt(all, key, path),
    };
  }, [design, all, edit, act, key]);
}

/** Text as written back: trimmed, and empty meaning "remove the field". */
export function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The value written at `path` inside a resource, read from the YAML rather than the model (which
 * drops fields of the wrong type): gestures that rewrite a whole object keep what they do not
 * understand.
 */
export function writtenValue(design: Design, key: ResourceKey, path: YamlPath): unknown {
  const resource = design.model.byKey.get(key);
  const document = documentOfResource(design, key)?.document;
  if (resource === undefined || document === undefined) return undefined;
  let value: unknown = document.toJS();
  for (const segment of [...resource.origin.path, ...path]) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Runs `work` when the page is idle (soon, where there is no idle callback); returns the cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}
