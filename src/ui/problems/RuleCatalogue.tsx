import { RULE_DESCRIPTORS, type RuleSource } from '../../engine';

const SOURCES: Readonly<Record<RuleSource, string>> = {
  'istio-analyzer': 'istioctl analyze',
  'istio-webhook': 'Istio webhook',
  sailplan: 'Sailplan',
};

/** Every code the analyzer reports, with its name, usual level, origin and meaning. */
export function RuleCatalogue({ highlight }: { highlight: ReadonlySet<string> }) {
  return (
    <section className="problems-aside" aria-label="Rule catalogue">
      <h3 className="panel-heading">Rule catalogue</h3>
      <table className="problems-catalogue">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {RULE_DESCRIPTORS.map((rule) => (
            <tr
              key={rule.code}
              className={highlight.has(rule.code) ? 'problems-catalogue-found' : undefined}
            >
              <th scope="row">
                <span className={`problems-level problems-level--${rule.level}`}>{rule.code}</span>
              </th>
              <td>
                <span className="problems-catalogue-name">{rule.name}</span>{' '}
                <span className="problems-catalogue-source">{SOURCES[rule.source]}</span>
                <span className="problems-catalogue-description">{rule.description}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
