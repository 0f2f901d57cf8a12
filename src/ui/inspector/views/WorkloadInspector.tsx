import type { WorkloadResource } from '../../../engine';
import { LabelsField } from '../collectionFields';
import { Note, NumberField, Section, ValueRow } from '../fields';
import type { ResourceEditing } from '../useResourceEditing';
import { labelsEditing, setNumber } from './common';

/** A Deployment, StatefulSet or DaemonSet: its pods' labels (what Services and subsets select). */
export function WorkloadInspector({
  workload,
  editing,
}: {
  readonly workload: WorkloadResource;
  readonly editing: ResourceEditing;
}) {
  const spec = workload.spec;
  const hasSidecar = spec.containerNames.includes('istio-proxy');
  return (
    <>
      <Section title="Pods">
        {workload.kind !== 'DaemonSet' ? (
          <NumberField
            label="Replicas"
            value={spec.replicas}
            min={0}
            integer
            placeholder="1"
            diagnostics={editing.diagnostics(['spec', 'replicas'])}
            onCommit={setNumber(editing, ['spec', 'replicas'])}
          />
        ) : null}
        <LabelsField
          legend="Pod labels"
          keyLabel="Pod label"
          labels={spec.podLabels}
          help="What Service selectors and DestinationRule subsets match."
          diagnostics={editing.diagnostics(['spec', 'template', 'metadata', 'labels'])}
          onChange={labelsEditing(editing, ['spec', 'template', 'metadata', 'labels'])}
        />
        <LabelsField
          legend="Selector"
          keyLabel="Workload selector label"
          labels={spec.selector?.matchLabels}
          diagnostics={editing.diagnostics(['spec', 'selector'])}
          onChange={labelsEditing(editing, ['spec', 'selector', 'matchLabels'])}
        />
        <Note>Kubernetes requires the selector to match the pod labels.</Note>
      </Section>
      <Section title="Containers" defaultOpen={false}>
        <ValueRow label="Containers">{spec.containerNames.join(', ') || 'none'}</ValueRow>
        <ValueRow label="Ports">
          {spec.containerPorts
            .map((port) =>
              port.name === undefined
                ? String(port.containerPort ?? '')
                : `${port.name} ${port.containerPort ?? ''}`,
            )
            .join(', ') || 'none'}
        </ValueRow>
        {hasSidecar ? <Note>Runs an istio-proxy container.</Note> : null}
      </Section>
    </>
  );
}
