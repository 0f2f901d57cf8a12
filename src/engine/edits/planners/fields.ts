import type { YamlPath } from '../../model/types';
import type {
  FieldRemoveIntent,
  FieldSetIntent,
  ListInsertIntent,
  ListMoveIntent,
  ListRemoveIntent,
} from '../intents';
import { refuse } from '../refusal';
import type { Planner } from './common';
import { planResourceRename, planResourceSetNamespace } from './resources';

/** Keys that would reach an object's prototype once the YAML is read into plain objects. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

function requirePath(path: YamlPath): void {
  if (path.length === 0) refuse('A field path is needed; delete the resource to remove it whole');
  for (const segment of path) {
    if (typeof segment === 'string' && FORBIDDEN_SEGMENTS.has(segment)) {
      refuse(`"${segment}" cannot be used as a field name`);
    }
    if (typeof segment === 'number' && (!Number.isInteger(segment) || segment < 0)) {
      refuse(`${segment} is not a list position`);
    }
  }
}

function isIdentityPath(path: YamlPath): 'name' | 'namespace' | undefined {
  if (path.length !== 2 || path[0] !== 'metadata') return undefined;
  return path[1] === 'name' || path[1] === 'namespace' ? path[1] : undefined;
}

/**
 * Sets a field. `metadata.name` and `metadata.namespace` are a resource's identity, so they are
 * planned as a rename or a move, which keep references pointing at the resource.
 */
export const planFieldSet: Planner<FieldSetIntent> = (session, intent) => {
  requirePath(intent.path);
  const identityField = isIdentityPath(intent.path);
  if (identityField !== undefined) {
    if (typeof intent.value !== 'string') refuse(`metadata.${identityField} must be a name`);
    return identityField === 'name'
      ? planResourceRename(session, {
          type: 'resource.rename',
          key: intent.key,
          name: intent.value,
        })
      : planResourceSetNamespace(session, {
          type: 'resource.setNamespace',
          key: intent.key,
          namespace: intent.value,
        });
  }
  const editor = session.edit(intent.key);
  editor.set(intent.path, intent.value);
  return { key: intent.key, path: intent.path };
};

/** Removes a field (and its leading comment). */
export const planFieldRemove: Planner<FieldRemoveIntent> = (session, intent) => {
  requirePath(intent.path);
  if (isIdentityPath(intent.path) === 'name') refuse('A resource needs its metadata.name');
  const editor = session.edit(intent.key);
  editor.remove(intent.path);
  return { key: intent.key, path: intent.path.slice(0, -1) };
};

/** Inserts an item into a list field, creating the list when it is missing. */
export const planListInsert: Planner<ListInsertIntent> = (session, intent) => {
  requirePath(intent.path);
  const editor = session.edit(intent.key);
  const list = editor.read(intent.path);
  const length = Array.isArray(list) ? list.length : 0;
  editor.insert(intent.path, intent.index, intent.value);
  return { key: intent.key, path: [...intent.path, intent.index ?? length] };
};

/** Removes an item of a list field. */
export const planListRemove: Planner<ListRemoveIntent> = (session, intent) => {
  requirePath(intent.path);
  const editor = session.edit(intent.key);
  const list = editor.read(intent.path);
  if (!Array.isArray(list) || intent.index < 0 || intent.index >= list.length) {
    refuse(`There is no item ${intent.index + 1} to remove`);
  }
  editor.remove([...intent.path, intent.index]);
  return { key: intent.key, path: intent.path };
};

/** Moves an item of a list field. */
export const planListMove: Planner<ListMoveIntent> = (session, intent) => {
  requirePath(intent.path);
  const editor = session.edit(intent.key);
  editor.move(intent.path, intent.from, intent.to);
  return { key: intent.key, path: [...intent.path, intent.to] };
};
