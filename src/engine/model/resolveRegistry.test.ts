import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import {
  destinationRulesCovering,
  destinationRulesFor,
  exposedPorts,
  lookupRegistryHost,
  registryPorts,
  registryResource,
} from './resolveRegistry';

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

  it('given an entry, then registryResource is its resource and exposedPorts its ports', () => {
    const external = lookupRegistryHost(model, 'api.example.com');
    const resource = external && registryResource(external);
    expect(resource?.key).toBe('ServiceEntry/default/external');
    expect(resource && exposedPorts(resource)).toEqual([443]);
  });
});

describe('destinationRulesFor (routing-semantics §3.2)', () => {
  const host = 'web.default.svc.cluster.local';
  const webService = `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]`;
  const legacyEntry = `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: legacy, namespace: partners}\nspec:\n  hosts: [legacy.example.com]\n  ports: [{number: 80, name: http, protocol: HTTP}]`;
  const rule = (
    name: string,
    namespace: string,
    ruleHost: string,
    subset: string,
    exportTo?: string,
  ) =>
    `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  host: ${ruleHost}\n${exportTo === undefined ? '' : `  exportTo: ${exportTo}\n`}  subsets: [{name: ${subset}, labels: {version: ${subset}}}]`;

  it.each([
    // Step 1: the proxy's own namespace.
    {
      given: "a rule in the caller's namespace and one in the Service namespace",
      rules: [rule('mine', 'shop', host, 'mine'), rule('web', 'default', 'web', 'v1')],
      from: 'shop',
      then: ['mine'],
    },
    {
      given: "a private rule (exportTo .) in the caller's namespace",
      rules: [rule('mine', 'shop', host, 'mine', '["."]'), rule('web', 'default', 'web', 'v1')],
      from: 'shop',
      then: ['mine'],
    },
    {
      given: "a rule in the caller's namespace exported to another namespace only",
      rules: [rule('mine', 'shop', host, 'mine', '[billing]'), rule('web', 'default', 'web', 'v1')],
      from: 'shop',
      then: ['v1'],
    },
    {
      given: 'a private rule in istio-system, seen from the gateway in istio-system',
      rules: [
        rule('local', 'istio-system', host, 'local', '["."]'),
        rule('web', 'default', 'web', 'v1'),
      ],
      from: 'istio-system',
      then: ['local'],
    },
    {
      given:
        'a public rule in istio-system and one in the Service namespace, seen from istio-system',
      rules: [rule('global', 'istio-system', host, 'global'), rule('web', 'default', 'web', 'v1')],
      from: 'istio-system',
      then: ['v1'],
    },
    {
      given: 'an istio-system rule exported to "." and shop, seen from istio-system',
      rules: [rule('shared', 'istio-system', host, 'shared', '[".", shop]')],
      from: 'istio-system',
      then: undefined,
    },
    // Step 2: the host's namespace, when it exports the rule to the proxy's.
    {
      given: 'a Service-namespace rule exported to default only',
      rules: [rule('web', 'default', 'web', 'v1', '["."]')],
      from: 'istio-system',
      then: undefined,
    },
    {
      given: 'a Service-namespace rule exported to istio-system by name',
      rules: [rule('web', 'default', 'web', 'v1', '[istio-system]')],
      from: 'istio-system',
      then: ['v1'],
    },
    {
      given: "a rule in a ServiceEntry's namespace",
      rules: [rule('legacy', 'partners', 'legacy.example.com', 'v1')],
      target: 'legacy.example.com',
      from: 'istio-system',
      then: ['v1'],
    },
    {
      given:
        'a most specific rule not exported to the proxy, a wildcard one that is, and a root rule',
      rules: [
        rule('exact', 'default', 'web', 'exact', '[billing]'),
        rule('wild', 'default', '"*.default.svc.cluster.local"', 'wild'),
        rule('global', 'istio-system', '"*.svc.cluster.local"', 'global'),
      ],
      from: 'istio-system',
      then: ['global'],
    },
    {
      given: 'a most specific rule not exported to the proxy and a wildcard one that is',
      rules: [
        rule('exact', 'default', 'web', 'exact', '[billing]'),
        rule('wild', 'default', '"*.default.svc.cluster.local"', 'wild'),
      ],
      from: 'istio-system',
      then: undefined,
    },
    // Step 3: the root namespace's exported rules.
    {
      given: 'only a public rule in istio-system',
      rules: [rule('global', 'istio-system', '"*.svc.cluster.local"', 'global')],
      from: 'istio-system',
      then: ['global'],
    },
    {
      given: 'only a public rule in istio-system, seen from another namespace',
      rules: [rule('global', 'istio-system', host, 'global')],
      from: 'shop',
      then: ['global'],
    },
    {
      given: 'an istio-system rule exported to billing, seen from shop',
      rules: [rule('global', 'istio-system', host, 'global', '[billing]')],
      from: 'shop',
      then: undefined,
    },
    // Inside a step: the most specific host, then merging.
    {
      given: 'three wildcard rules of different lengths in one namespace',
      rules: [
        rule('all', 'default', '"*"', 'all'),
        rule('namespace', 'default', '"*.default.svc.cluster.local"', 'namespace'),
        rule('cluster', 'default', '"*.svc.cluster.local"', 'cluster'),
      ],
      from: 'istio-system',
      then: ['namespace'],
    },
    {
      given: 'two rules for the host in one namespace',
      rules: [rule('a', 'default', 'web', 'v1'), rule('b', 'default', 'web', 'v2')],
      from: 'istio-system',
      then: ['v1', 'v2'],
    },
  ])('given $given, then the subsets are $then', ({ rules, target, from, then }) => {
    const { model } = designOf(documents(webService, legacyEntry, ...rules));
    expect(
      destinationRulesFor(model, target ?? host, from)?.subsets.map((subset) => subset.name),
    ).toEqual(then);
  });

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
        destinationRule('local', 'shop', 'web.default.svc.cluster.local', '[{name: local}]'),
      ),
    );
    expect(destinationRulesFor(model, host, 'shop')?.subsets.map((subset) => subset.name)).toEqual([
      'local',
    ]);
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
          '\n  trafficPolicy: {loadBalancer: {simple: RANDOM}}',
        ),
      ),
    );
    const lookup = destinationRulesFor(model, host, 'istio-system');
    expect(lookup?.destinationRules.map((rule) => rule.name)).toEqual(['a', 'b']);
    expect(lookup?.subsets).toEqual([{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2' }]);
    expect(lookup?.trafficPolicy).toEqual({ loadBalancer: { simple: 'RANDOM' } });
  });

  it('given the same question twice, then the same answer object comes back (memoised)', () => {
    const { model } = designOf(destinationRule('web', 'default', 'web', '[{name: v1}]'));
    expect(destinationRulesFor(model, host, 'istio-system')).toBe(
      destinationRulesFor(model, host, 'istio-system'),
    );
  });
});

describe('destinationRulesCovering', () => {
  it('given exact and wildcard rules in any namespace, then all that cover the host, exact first', () => {
    const { model } = designOf(
      documents(
        destinationRule('wild', 'istio-system', '"*.svc.cluster.local"', '[]'),
        destinationRule('exact', 'default', 'web', '[]', '\n  exportTo: ["."]'),
        destinationRule('other', 'default', 'api', '[]'),
      ),
    );
    expect(
      destinationRulesCovering(model, 'web.default.svc.cluster.local').map((rule) => rule.name),
    ).toEqual(['exact', 'wild']);
  });
});
