import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { analyze } from './analyze';
import { RULE_DESCRIPTORS } from './catalogue';
import { formatIstioctl } from './formatIstioctl';
import { RULES } from './rules';
import { F0, F1, analyzeYaml } from './testing/analyzeYaml';

const proxy = (annotations = ''): string => `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: proxy
  namespace: default${annotations}
spec:
  gateways:
  - istio-system/public
  hosts:
  - "*"
  http:
  - route:
    - destination:
        host: proxy2`;

describe('analyze', () => {
  it('given a missing host, when analyzed, then the diagnostic has code, level, resource, path and the range of the host value', () => {
    const text = documents(...F0, F1, proxy());
    const design = designOf(text, 'shop.yaml');
    const [diagnostic, ...rest] = analyze(design);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      code: 'IST0101',
      level: 'error',
      message: 'Referenced host not found: "proxy2"',
      resource: 'VirtualService/default/proxy',
      path: ['spec', 'http', 0, 'route', 0, 'destination', 'host'],
    });
    const range = diagnostic?.range;
    expect(range === undefined ? undefined : text.slice(range.start, range.end)).toBe('proxy2');
    expect(range?.file).toBe('shop.yaml');
  });

  it("given a diagnostic, when formatted for istioctl, then the line is exactly istioctl's", () => {
    const text = documents(proxy());
    const [diagnostic] = analyze(designOf(text, 'shop.yaml')).filter((found) =>
      found.message.includes('proxy2'),
    );
    expect(diagnostic).toBeDefined();
    if (diagnostic === undefined) return;
    const line = text.split('\n').findIndex((written) => written.includes('host: proxy2')) + 1;
    expect(line).toBe(14);
    expect(formatIstioctl(diagnostic, 'shop.yaml')).toBe(
      'Error [IST0101] (VirtualService default/proxy shop.yaml:14) Referenced host not found: "proxy2"',
    );
    expect(formatIstioctl({ ...diagnostic, level: 'info' }, 'x.yaml')).toMatch(
      /^Info \[IST0101\] \(VirtualService default\/proxy x\.yaml:14\)/,
    );
    const withoutRange = {
      code: diagnostic.code,
      level: diagnostic.level,
      message: diagnostic.message,
      resource: 'VirtualService/default/proxy',
    };
    expect(formatIstioctl(withoutRange, 'x.yaml')).toBe(
      'Error [IST0101] (VirtualService default/proxy) Referenced host not found: "proxy2"',
    );
  });

  it('given silenced codes, when analyzed, then they are dropped everywhere or for one resource only', () => {
    const yaml = [...F0, F1, proxy()];
    expect(analyzeYaml(yaml, { silenced: ['IST0101'] })).toEqual([]);
    expect(analyzeYaml(yaml, { silenced: ['IST0101:VirtualService/default/proxy'] })).toEqual([]);
    expect(analyzeYaml(yaml, { silenced: ['IST0101:VirtualService/default/other'] })).toHaveLength(
      1,
    );
  });

  it("given Istio's analyze-suppress annotation, when analyzed, then the listed codes (or *) are dropped on that resource, as istioctl does", () => {
    const suppressed = proxy(
      '\n  annotations: {galley.istio.io/analyze-suppress: "IST0118,IST0101"}',
    );
    expect(analyzeYaml([...F0, F1, suppressed])).toEqual([]);
    const everything = proxy('\n  annotations: {galley.istio.io/analyze-suppress: "*"}');
    expect(analyzeYaml([...F0, F1, everything])).toEqual([]);
    // istioctl splits on commas without trimming, so " IST0101" names no code.
    const spaced = proxy('\n  annotations: {galley.istio.io/analyze-suppress: "IST0118, IST0101"}');
    expect(analyzeYaml([...F0, F1, spaced])).toHaveLength(1);
  });

  it('given a code filter, when analyzed, then only those codes are returned', () => {
    const yaml = [
      ...F0,
      F1,
      proxy(),
      proxy().replace('name: proxy', 'name: other').replace('proxy2', 'web'),
    ];
    expect(
      new Set(analyzeYaml(yaml, { codes: ['IST0101'] }).map((diagnostic) => diagnostic.code)),
    ).toEqual(new Set(['IST0101']));
  });

  it('given the rule list, when compared with the descriptors, then every emitted code is described once', () => {
    const described = RULE_DESCRIPTORS.map((descriptor) => descriptor.code);
    expect(new Set(described).size).toBe(described.length);
    const emitted = new Set(RULES.flatMap((rule) => rule.codes));
    expect([...emitted].filter((code) => !described.includes(code))).toEqual([]);
    expect(described.filter((code) => !emitted.has(code))).toEqual([]);
  });

  it('given rules, when listed, then each id names its file and starts with one of its codes', () => {
    for (const rule of RULES) {
      expect(rule.codes.some((code) => rule.id.startsWith(code.toLowerCase()))).toBe(true);
    }
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });
});
