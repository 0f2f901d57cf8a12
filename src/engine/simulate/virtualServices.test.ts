import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { expandHttpRules } from './virtualServices';

function expand(root: string, delegate: string) {
  const model = designOf(documents(root, delegate)).model;
  const virtualService = model.virtualServices.find((candidate) => candidate.name === 'root');
  if (virtualService === undefined) throw new Error('no root');
  return expandHttpRules(model, virtualService);
}

const ROOT = (match: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: root, namespace: default}\nspec:\n  hosts: [shop.example.com]\n  gateways: [istio-system/public]\n  http:\n  - name: cart\n    match: ${match}\n    rewrite: {uri: /inner}\n    delegate: {name: child, namespace: shop}\n  - name: rest\n    route: [{destination: {host: web}}]`;
const CHILD = (match: string, extra = '') =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: child, namespace: shop}\nspec:\n${extra}  http:\n  - name: leaf\n    match: ${match}\n    route: [{destination: {host: cart}}]`;

describe('expandHttpRules (delegation)', () => {
  it.each([
    { root: '[{uri: {prefix: /cart}}]', leaf: '[{uri: {prefix: /cart/v2}}]', kept: true },
    { root: '[{uri: {prefix: /cart}}]', leaf: '[{uri: {exact: /cart/health}}]', kept: true },
    { root: '[{uri: {prefix: /cart}}]', leaf: '[{uri: {prefix: /checkout}}]', kept: false },
    { root: '[{uri: {exact: /cart}}]', leaf: '[{uri: {prefix: /cart}}]', kept: false },
    { root: '[{uri: {prefix: /cart}}]', leaf: '[{uri: {regex: "/cart/.*"}}]', kept: false },
    { root: '[{uri: {prefix: /cart}, port: 80}]', leaf: '[{port: 443}]', kept: false },
    { root: '[{uri: {prefix: /cart}}]', leaf: '[{headers: {x-v: {exact: "2"}}}]', kept: true },
    {
      root: '[{uri: {prefix: /a}}, {uri: {prefix: /cart}}]',
      leaf: '[{uri: {prefix: /cart/x}}]',
      kept: true,
    },
  ])(
    'given root $root and delegate $leaf, then the delegate rule is kept: $kept',
    ({ root, leaf, kept }) => {
      const { rules } = expand(ROOT(root), CHILD(leaf));
      expect(rules.some((rule) => rule.virtualService.name === 'child')).toBe(kept);
    },
  );

  it('given a narrowing delegate rule, then it inherits the root match, rewrite and name', () => {
    const { rules } = expand(
      ROOT('[{uri: {prefix: /cart}}]'),
      CHILD('[{headers: {x-v: {exact: "2"}}}]'),
    );
    const leaf = rules[0];
    expect(leaf?.virtualService.key).toBe('VirtualService/shop/child');
    expect(leaf?.root?.virtualService.key).toBe('VirtualService/default/root');
    expect(leaf?.name).toBe('cart-leaf');
    expect(leaf?.hostNamespace).toBe('shop');
    expect(leaf?.rule.rewrite).toEqual({ uri: '/inner' });
    expect(leaf?.matches[0]?.match).toMatchObject({
      uri: { prefix: '/cart' },
      headers: { 'x-v': { exact: '2' } },
    });
  });

  it('given a delegate not exported to the root namespace, then the root rule is skipped', () => {
    const { rules, skipped } = expand(
      ROOT('[{uri: {prefix: /cart}}]'),
      CHILD('[{uri: {prefix: /cart/v2}}]', '  exportTo: ["."]\n'),
    );
    expect(rules.map((rule) => rule.rule.name)).toEqual(['rest']);
    expect(skipped[0]?.reason).toContain('is not exported to default');
  });

  it('given a missing delegate, then only that root rule is skipped', () => {
    const { rules, skipped } = expand(
      ROOT('[{uri: {prefix: /cart}}]'),
      CHILD('[{uri: {prefix: /cart}}]').replace('name: child', 'name: other'),
    );
    expect(rules.map((rule) => rule.rule.name)).toEqual(['rest']);
    expect(skipped[0]?.reason).toContain('delegate shop/child not found');
  });
});
