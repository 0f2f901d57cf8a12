import { Trash2 } from 'lucide-react';
import { formatPath, type Diagnostic, type Resource, type YamlPath } from '../../../engine';
import { useSailplanStoreApi } from '../../../store';
import { LabelsField } from '../collectionFields';
import { Section, TextField } from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import { optionalText, writtenValue, type ResourceEditing } from '../useResourceEditing';
import { namespaceProblem, resourceNameProblem } from '../validators';

/** The CSS class giving a kind its colour (the canvas's colours). */
export function kindClass(kind: string): string {
  if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet') {
    return 'kind-workload';
  }
  return `kind-${kind.toLowerCase()}`;
}

/** The top of a resource's panel: kind, name and namespace, and the Delete button. */
export function ResourceHeader({ resource }: { readonly resource: Resource }) {
  const store = useSailplanStoreApi();
  const label = `${resource.kind} ${resource.namespace}/${resource.name}`;
  return (
    <div className="inspector-title">
      <div className="inspector-title-text">
        <span className={`inspector-kind ${kindClass(resource.kind)}`}>{resource.kind}</span>
        <span className="inspector-title-name" title={label}>
          {resource.name}
        </span>
        <span className="inspector-title-namespace">{resource.namespace}</span>
      </div>
      <button
        type="button"
        className="inspector-icon-button is-danger"
        aria-label={`Delete ${label}…`}
        title="Delete… (Delete key on the canvas)"
        onClick={() => store.getState().requestDelete(resource.key)}
      >
        <Trash2 size={14} aria-hidden="true" />
      </button>
    </div>
  );
}

/** The problems the analyzer finds in what the panel shows, with where they are. */
export function ProblemList({
  diagnostics,
  base = [],
}: {
  readonly diagnostics: readonly Diagnostic[];
  /** The path the panel shows (a rule's), left out of each problem's place. */
  readonly base?: readonly (string | number)[];
}) {
  if (diagnostics.length === 0) return null;
  const errors = diagnostics.filter((diagnostic) => diagnostic.level === 'error').length;
  return (
    <Section
      title="Problems"
      count={diagnostics.length}
      stateKey={errors > 0 ? 'problems-with-errors' : 'problems'}
    >
      <ul className="inspector-problems">
        {diagnostics.map((diagnostic, index) => (
          <li key={index} className={`inspector-problem is-${diagnostic.level}`}>
            <span className="inspector-message-code">{diagnostic.code}</span>
            <span>{diagnostic.message}</span>
            {diagnostic.path !== undefined && diagnostic.path.length > base.length ? (
              <span className="inspector-problem-place">
                {formatPath(diagnostic.path.slice(base.length))}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/**
 * Name and namespace: a resource's identity. A rename or a namespace move is one intent whose
 * references follow (resource.rename, resource.setNamespace); the node keeps its canvas position.
 */
export function IdentitySection({
  resource,
  editing,
}: {
  readonly resource: Resource;
  readonly editing: ResourceEditing;
}) {
  const store = useSailplanStoreApi();
  const moveTo = (namespace: string, name: string) => {
    store.getState().rekeyNode(resource.key, `${resource.kind}/${namespace}/${name}`);
  };
  return (
    <Section title="Identity">
      <TextField
        label="Name"
        value={resource.name}
        monospace
        diagnostics={editing.diagnostics(['metadata', 'name'])}
        help="References to it follow a rename."
        validate={resourceNameProblem}
        onCommit={(text) => {
          const name = text.trim();
          const problem = editing.edit(
            { type: 'resource.rename', key: resource.key, name },
            { follow: true },
          );
          if (problem === undefined) moveTo(resource.namespace, name);
          return problem;
        }}
      />
      <TextField
        label="Namespace"
        value={resource.namespace}
        monospace
        suggestions={SUGGESTIONS.namespaces}
        placeholder="default"
        diagnostics={editing.diagnostics(['metadata', 'namespace'])}
        help={resource.namespaceWritten ? undefined : 'Not written: default.'}
        validate={namespaceProblem}
        onCommit={(text) => {
          const namespace = text.trim();
          if (namespace === '') return 'A namespace is needed';
          const problem = editing.edit(
            { type: 'resource.setNamespace', key: resource.key, namespace },
            { follow: true },
          );
          if (problem === undefined) moveTo(namespace, resource.name);
          return problem;
        }}
      />
    </Section>
  );
}

/** The resource's own labels (not its pods'). */
export function MetadataSection({
  resource,
  editing,
}: {
  readonly resource: Resource;
  readonly editing: ResourceEditing;
}) {
  return (
    <Section title="Metadata" defaultOpen={false}>
      <LabelsField
        legend="Labels"
        labels={resource.labels}
        diagnostics={editing.diagnostics(['metadata', 'labels'])}
        onChange={(next) =>
          editing.set(['metadata', 'labels'], Object.keys(next).length === 0 ? undefined : next)
        }
      />
    </Section>
  );
}

/** Writes a text field back: trimmed, removed when emptied. */
export function setText(editing: ResourceEditing, path: readonly (string | number)[]) {
  return (text: string) => editing.set(path, optionalText(text));
}

/** Writes a number field back, removed when emptied. */
export function setNumber(editing: ResourceEditing, path: readonly (string | number)[]) {
  return (value: number | undefined) => editing.set(path, value);
}

/** Writes a list of strings back item by item: one intent per item changed, added or removed. */
export function listEditing(editing: ResourceEditing, path: readonly (string | number)[]) {
  return {
    onSet: (index: number, value: string) => editing.set([...path, index], value),
    onInsert: (value: string) => editing.insert(path, value),
    onRemove: (index: number) => editing.removeItem(path, index),
    diagnosticsOf: (index: number) => editing.diagnostics([...path, index]),
  };
}

/** Writes a label map back whole (one intent), removing the field when it is emptied. */
export function labelsEditing(editing: ResourceEditing, path: readonly (string | number)[]) {
  return (next: Record<string, string>) =>
    editing.set(path, Object.keys(next).length === 0 ? undefined : next);
}

/**
 * What a select shows for the field at `path`: the value as written in the YAML (the model drops
 * a value outside its enum, and would show another option), '' when the field is not written.
 */
export function writtenChoice(editing: ResourceEditing, path: YamlPath): string {
  const value = writtenValue(editing.design, editing.key, path);
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
