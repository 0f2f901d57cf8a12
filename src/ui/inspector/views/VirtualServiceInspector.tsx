import { Fragment } from 'react';
import { Plus } from 'lucide-react';
import { serviceFqdn, type VirtualServiceResource } from '../../../engine';
import { StringListField } from '../collectionFields';
import { IconButton, Note, Section } from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import { hostProblem } from '../validators';
import type { ResourceEditing } from '../useResourceEditing';
import { listEditing } from './common';
import { RuleList } from './RuleList';

/** A VirtualService: hosts, gateways, visibility, and its rules in match order. */
export function VirtualServiceInspector({
  virtualService,
  editing,
}: {
  readonly virtualService: VirtualServiceResource;
  readonly editing: ResourceEditing;
}) {
  const spec = virtualService.spec;
  const http = spec.http ?? [];
  const l4 = (['tcp', 'tls'] as const).flatMap((section) =>
    (spec[section] ?? []).map((_, index) => ({ section, index })),
  );
  return (
    <>
      <Section title="Hosts" count={(spec.hosts ?? []).length}>
        <StringListField
          legend="Hosts"
          hideLegend
          itemLabel="Host"
          items={spec.hosts ?? []}
          placeholder="shop.example.com"
          validate={hostProblem}
          help={
            (spec.hosts ?? []).length === 0
              ? 'No hosts: a delegate, used only by rules that delegate to it.'
              : `A name without a dot means ${serviceFqdn('name', virtualService.namespace, editing.design.model.clusterDomain)}.`
          }
          {...listEditing(editing, ['spec', 'hosts'])}
        />
      </Section>
      <Section title="Gateways" count={(spec.gateways ?? []).length}>
        <StringListField
          legend="Gateways"
          hideLegend
          itemLabel="Gateway"
          items={spec.gateways ?? []}
          placeholder="istio-system/public"
          suggestions={SUGGESTIONS.gateways}
          help="namespace/name; a bare name is looked up in this VirtualService's namespace. None: sidecars only (mesh)."
          {...listEditing(editing, ['spec', 'gateways'])}
        />
      </Section>
      <Section
        title="HTTP rules"
        count={http.length}
        actions={
          <IconButton
            label="Add rule"
            onClick={() =>
              editing.act(
                { type: 'rule.add', virtualService: virtualService.key },
                { follow: true },
              )
            }
          >
            <Plus size={14} aria-hidden="true" />
          </IconButton>
        }
      >
        <Note>
          First match wins: rules are tried top to bottom. Drag a rule or use its arrows to reorder.
        </Note>
        {http.length === 0 ? <p className="inspector-empty">No http rules.</p> : null}
        <RuleList virtualService={virtualService} editing={editing} />
      </Section>
      <Section
        title="TCP and TLS rules"
        count={l4.length}
        defaultOpen={l4.length > 0}
        actions={
          <>
            {(['tcp', 'tls'] as const).map((section) => (
              <IconButton
                key={section}
                label={`Add ${section.toUpperCase()} rule`}
                onClick={() =>
                  editing.act(
                    { type: 'rule.add', virtualService: virtualService.key, section },
                    { follow: true },
                  )
                }
              >
                <Plus size={14} aria-hidden="true" />
                <span className="inspector-icon-button-text" aria-hidden="true">
                  {section.toUpperCase()}
                </span>
              </IconButton>
            ))}
          </>
        }
      >
        {l4.length === 0 ? <p className="inspector-empty">No tcp or tls rules.</p> : null}
        {l4.length > 0 ? (
          <Note>First match wins in each section. Drag a rule or use its arrows to reorder.</Note>
        ) : null}
        {(['tcp', 'tls'] as const).map((section) =>
          (spec[section] ?? []).length > 0 ? (
            <Fragment key={section}>
              <h4 className="inspector-subheading" aria-hidden="true">
                {section.toUpperCase()}
              </h4>
              <RuleList virtualService={virtualService} editing={editing} section={section} />
            </Fragment>
          ) : null,
        )}
      </Section>
      <Section title="Visibility" defaultOpen={false}>
        <StringListField
          legend="Export to"
          itemLabel="Namespace"
          items={spec.exportTo ?? []}
          placeholder="*"
          suggestions={SUGGESTIONS.namespaces}
          help="* (default) every namespace, . its own. A gateway sees it only if exported to the gateway pod's namespace."
          {...listEditing(editing, ['spec', 'exportTo'])}
        />
      </Section>
    </>
  );
}
