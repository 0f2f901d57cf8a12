import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { applyEdits, CLUSTER_DOMAIN, clusterDomainEdit, isClusterDomain } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';

/**
 * The design's cluster domain (Service hosts are `name.namespace.svc.<domain>`). It lives in the
 * YAML, as Istio keeps it (an IstioOperator's `spec.values.global.proxy.clusterDomain`), so it is
 * saved, shared and read by the CLI with the design; Enter writes it there as one undoable step.
 */
export function ClusterDomainField() {
  const store = useSailplanStoreApi();
  const current = useSailplan(
    (state) => state.derived.design.model.clusterDomain ?? CLUSTER_DOMAIN,
  );
  const [draft, setDraft] = useState(current);
  // The design changed its domain (typed, undone, another design opened): show the new one.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setDraft(current);
  }
  const valid = isClusterDomain(draft);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || draft === current) return;
    const state = store.getState();
    state.flush();
    const { derived, fileName, text } = store.getState();
    if (derived.syntaxErrors > 0) {
      state.notify('error', 'Fix the YAML syntax errors before changing the cluster domain.');
      return;
    }
    const edit = clusterDomainEdit(derived.design, fileName, draft);
    if (edit !== undefined) state.replaceText(applyEdits(text, [edit]));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') setDraft(current);
  };

  return (
    <form className="problems-domain" onSubmit={apply}>
      <label className="problems-domain-label" htmlFor="problems-cluster-domain">
        Cluster domain
      </label>
      <input
        id="problems-cluster-domain"
        className="panel-input panel-input--mono problems-domain-input"
        value={draft}
        spellCheck={false}
        aria-invalid={!valid}
        aria-describedby="problems-cluster-domain-help"
        onChange={(event) => setDraft(event.target.value.trim())}
        onKeyDown={onKeyDown}
      />
      <span id="problems-cluster-domain-help" className="visually-hidden">
        {valid
          ? 'Service hosts are name.namespace.svc. followed by this domain. Press Enter to set it in the design.'
          : 'Not a DNS name: lower-case labels separated by dots.'}
      </span>
    </form>
  );
}
