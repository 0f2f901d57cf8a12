import { describe, expect, it } from 'vitest';
import { applyEdits } from '../edits/applyEdits';
import { designOf, documents } from '../testing/designOf';
import { clusterDomainEdit } from './clusterDomain';
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

describe('clusterDomainEdit: setting the domain from the app', () => {
  const edited = (text: string, domain: string) => {
    const edit = clusterDomainEdit(designOf(text), 'design.yaml', domain);
    return edit === undefined ? undefined : applyEdits(text, [edit]);
  };

  it('given a design without an IstioOperator, then one that sets only the domain is appended and the text before it is kept', () => {
    const text = documents(service, rule);
    const after = edited(text, 'corp.example') ?? '';
    expect(after.startsWith(text)).toBe(true);
    const { model } = designOf(after);
    expect(model.clusterDomain).toBe('corp.example');
    expect(model.resources.map((resource) => resource.key)).toEqual([
      'Service/default/reviews',
      'DestinationRule/default/reviews',
    ]);
  });

  it('given a design that ends without a newline, then the new document still starts on its own line', () => {
    const text = service;
    expect(designOf(edited(text, 'k8s.lab') ?? '').model.clusterDomain).toBe('k8s.lab');
  });

  it('given an empty design, then the document is the whole text', () => {
    expect(designOf(edited('', 'k8s.lab') ?? '').model.clusterDomain).toBe('k8s.lab');
  });

  it('given an IstioOperator with a domain (in a kind: List), then only its value changes', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: install.istio.io/v1alpha1
  kind: IstioOperator
  metadata: {name: installed, namespace: istio-system}
  spec: {values: {global: {proxy: {clusterDomain: "k8s.lab"}}}} # the install
`;
    expect(edited(text, 'corp.example')).toBe(text.replace('"k8s.lab"', 'corp.example'));
  });

  it('given an invalid domain in the text, then it is the value replaced', () => {
    const text = documents(operator('Not_A_Domain'), service);
    expect(edited(text, 'corp.example')).toBe(text.replace('Not_A_Domain', 'corp.example'));
  });

  it('given the domain already in force, or cluster.local with none set, then nothing changes', () => {
    expect(edited(documents(operator('corp.example'), service), 'corp.example')).toBeUndefined();
    expect(edited(documents(service), 'cluster.local')).toBeUndefined();
  });

  it('given a name that is not a DNS name, then it throws', () => {
    expect(() => clusterDomainEdit(designOf(service), 'design.yaml', 'corp example')).toThrow(
      'is not a DNS name',
    );
  });
});
