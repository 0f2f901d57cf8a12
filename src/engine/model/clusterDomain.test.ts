import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { loadDesign } from './loadDesign';
import { indexModel } from './modelIndex';
import { destinationRulesFor } from './resolveRegistry';

const operator = (domain: string, name = 'installed') => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: ${name}, namespace: istio-system}
spec:
  values:
    global:
      proxy:
        clusterDomain: ${domain}`;

const service = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec:
  ports: [{name: http, port: 9080}]`;

const rule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: default}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]`;

/** The text a diagnostic's range covers. */
function covered(text: string, range: { start: number; end: number } | undefined): string {
  return range === undefined ? '' : text.slice(range.start, range.end);
}

describe('model: the cluster domain setting', () => {
  it('given no IstioOperator, then the cluster domain is cluster.local', () => {
    const { model } = designOf(documents(service));
    expect(model.clusterDomain).toBe('cluster.local');
    expect([...indexModel(model).servicesByFqdn.keys()]).toEqual([
      'reviews.default.svc.cluster.local',
    ]);
  });

  it('given an IstioOperator with values.global.proxy.clusterDomain, then Services, short names and DestinationRules are named in it', () => {
    const text = documents(operator('corp.example'), service, rule);
    const { model } = designOf(text);
    expect(model.clusterDomain).toBe('corp.example');
    expect([...indexModel(model).servicesByFqdn.keys()]).toEqual([
      'reviews.default.svc.corp.example',
    ]);
    expect(destinationRulesFor(model, 'reviews.default.svc.corp.example', 'default')?.host).toBe(
      'reviews.default.svc.corp.example',
    );
    const [info] = model.diagnostics;
    expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SP0013']);
    expect(info?.level).toBe('info');
    expect(covered(text, info?.range)).toBe('corp.example');
    expect(model.unmodelled.map((resource) => resource.kind)).toEqual(['IstioOperator']);
  });

  it('given an IstioOperator inside a kind: List, then its domain is read and the range is the item field', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: install.istio.io/v1alpha1
  kind: IstioOperator
  metadata: {name: installed, namespace: istio-system}
  spec: {values: {global: {proxy: {clusterDomain: k8s.lab}}}}
`;
    const { model } = designOf(text);
    expect(model.clusterDomain).toBe('k8s.lab');
    expect(covered(text, model.diagnostics[0]?.range)).toBe('k8s.lab');
  });

  it.each(['Corp.Example', 'corp..example', '-corp.example', '42'])(
    'given the cluster domain %j, then it is ignored with SP0014 at the value',
    (domain) => {
      const text = documents(operator(domain), service);
      const { model } = designOf(text);
      expect(model.clusterDomain).toBe('cluster.local');
      expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SP0014']);
      expect(covered(text, model.diagnostics[0]?.range)).toBe(domain);
    },
  );

  it('given an IstioOperator without a cluster domain, then it is an unmodelled kind (SP0007) and the default holds', () => {
    const { model } = designOf(
      documents(
        'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: x}\nspec: {profile: demo}',
      ),
    );
    expect(model.clusterDomain).toBe('cluster.local');
    expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SP0007']);
  });

  it('given two files whose IstioOperators disagree, then the first file wins and the second is reported where it sets its domain', () => {
    const second = operator('other.example', 'second');
    const { model } = loadDesign([
      { name: 'install.yaml', text: operator('corp.example') },
      { name: 'more.yaml', text: second },
    ]);
    expect(model.clusterDomain).toBe('corp.example');
    const conflict = model.diagnostics.find((diagnostic) => diagnostic.code === 'SP0014');
    expect(conflict?.range?.file).toBe('more.yaml');
    expect(covered(second, conflict?.range)).toBe('other.example');
    expect(conflict?.message).toBe(
      'A second IstioOperator sets another cluster domain; the first one, corp.example (install.yaml), is used',
    );
  });
});
