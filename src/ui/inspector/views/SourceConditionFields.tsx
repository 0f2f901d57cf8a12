import type { YamlPath } from '../../../engine';
import { LabelsField, StringListField } from '../collectionFields';
import { TextField } from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import type { ResourceEditing } from '../useResourceEditing';
import { sourceNamespaceProblem } from '../validators';
import { labelsEditing, listEditing, setText } from './common';

/** What a condition says about where a request comes from (http, tcp and tls rules alike). */
interface SourceCondition {
  readonly sourceLabels?: Readonly<Record<string, string>>;
  readonly sourceNamespace?: string;
  readonly gateways?: readonly string[];
}

/**
 * A condition's source labels, source namespace and gateways, at `path` (the condition's); the
 * help under the labels differs between http and tcp/tls rules, the rest is the same.
 */
export function SourceConditionFields({
  editing,
  path,
  match,
  labelsHelp,
  namespaceHelp,
}: {
  readonly editing: ResourceEditing;
  readonly path: YamlPath;
  readonly match: SourceCondition;
  readonly labelsHelp: string;
  readonly namespaceHelp?: string;
}) {
  return (
    <>
      <LabelsField
        legend="Source labels"
        keyLabel="Source label"
        labels={match.sourceLabels}
        help={labelsHelp}
        diagnostics={editing.diagnostics([...path, 'sourceLabels'])}
        onChange={labelsEditing(editing, [...path, 'sourceLabels'])}
      />
      <TextField
        label="Source namespace"
        value={match.sourceNamespace}
        monospace
        suggestions={SUGGESTIONS.namespaces}
        {...(namespaceHelp === undefined ? {} : { help: namespaceHelp })}
        diagnostics={editing.diagnostics([...path, 'sourceNamespace'])}
        validate={sourceNamespaceProblem}
        onCommit={setText(editing, [...path, 'sourceNamespace'])}
      />
      <StringListField
        legend="Gateways"
        itemLabel="Condition gateway"
        items={match.gateways ?? []}
        suggestions={SUGGESTIONS.gateways}
        help="Replaces the VirtualService's gateways for this condition."
        {...listEditing(editing, [...path, 'gateways'])}
      />
    </>
  );
}
