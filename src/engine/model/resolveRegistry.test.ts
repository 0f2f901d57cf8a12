import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { destinationRulesFor, lookupRegistryHost, registryPorts } from './resolveRegistry';

const service = (name: string, namespace: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  ports: [{port: 80}, {port: 9090}]`;
const serviceEntry = (name: string, hosts: string) =>
  `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ${name}}\nspec:\n  hosts: ${hosts}\n  ports: [{number: 443, name: https, protocol: TLS}]`;
const destinationRule = (
  name: string,
  namespace: string,
  host: string,
  subsets: string,
  extra = '',
) =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  host: ${host}\n  subsets: ${subsets}${extra}`;

describe('lookupRegistryHost (routing-semantics §2.8.2, §4)', () => {
  const { model } = designOf(
    documents(
      service('web', 'default'),
      serviceEntry('external', '[api.example.com, "*.wild.com"]'),
      serviceEntry('decorator', '[web.default.svc.cluster.local]'),
    ),
  );

  it.each([
    { host: 'web.default.svc.cluster.local', found: 'Service/default/web' },
    { host: 'api.example.com', found: 'ServiceEntry/default/external' },
    { host: 'x.wild.com', found: undefined },
    { host: '*.wild.com', found: 'ServiceEntry/default/external' },
    { host: 'web', found: undefined },
    { host: 'web.default', found: undefined },
  ])('given $host, then $found', ({ host, found }) => {
    const entry = lookupRegistryHost(model, host);
    const key =
      entry === undefined
        ? undefined
        : entry.kind === 'Service'
          ? entry.service.key
          : entry.serviceEntry.key;
    expect(key).toBe(found);
  });

  it('given an entry, then registryPorts lists its port numbers', () => {
    const web = lookupRegistryHost(model, 'web.default.svc.cluster.local');
    const external = lookupRegistryHost(model, 'api.example.com');
    expect(web && registryPorts(web)).toEqual([80, 9090]);
    expect(external && registryPorts(external)).toEqual([443]);
  });
});

describe('destinationRulesFor (routing-semantics §3.2)', () => {
  const host = 'web.default.svc.cluster.local';

  it('given a rule in the Service namespace, then the gateway in istio-system sees it', () => {
    const { model } = designOf(
      destinationRule('web', 'default', 'web', '[{name: v1, labels: {version: v1}}]'),
    );
    expect(
      destinationRulesFor(model, host, 'istio-system')?.subsets.map((subset) => subset.name),
    ).toEqual(['v1']);
  });

  it('given exportTo ["."], then the rule is invisible from istio-system (V47)', () => {
    const { model } = designOf(
      destinationRule('web', 'default', 'web', '[{name: v1}]', '\n  exportTo: ["."]'),
    );
    expect(destinationRulesFor(model, host, 'istio-system')).toBeUndefined();
    expect(destinationRulesFor(model, host, 'default')?.destinationRules).toHaveLength(1);
  });

  it('given rules in the proxy namespace and the Service namespace, then the proxy namespace wins', () => {
    const { model } = designOf(
      documents(
        destinationRule('service-side', 'default', 'web', '[{name: v1}]'),
        destinationRule(
          'local',
          'istio-system',
          'web.default.svc.cluster.local',
          '[{name: local}]',
        ),
      ),
    );
    expect(
      destinationRulesFor(model, host, 'istio-system')?.subsets.map((subset) => subset.name),
    ).toEqual(['local']);
  });

  it('given an exact and a wildcard rule, then the exact one wins', () => {
    const { model } = designOf(
      documents(
        destinationRule('wild', 'default', '"*.default.svc.cluster.local"', '[{name: wild}]'),
        destinationRule('exact', 'default', 'web', '[{name: exact}]'),
      ),
    );
    expect(destinationRulesFor(model, host, 'istio-system')?.host).toBe(host);
    expect(destinationRulesFor(model, 'api.default.svc.cluster.local', 'istio-system')?.host).toBe(
      '*.default.svc.cluster.local',
    );
  });

  it('given two rules for one host, then subsets merge and the first name wins', () => {
    const { model } = designOf(
      documents(
        destinationRule('a', 'default', 'web', '[{name: v1, labels: {version: v1}}]'),
        destinationRule(
          'b',
          'default',
          'web',
          '[{name: v1, labels: {version: other}}, {name: v2}]',
        ),
      ),
    );
    const lookup = destinationRulesFor(model, host, 'istio-system');
    expect(lookup?.destinationRules.map((rule) => rule.name)).toEqual(['a', 'b']);
    expect(lookup?.subsets).toEqual([{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2' }]);
  });
});
