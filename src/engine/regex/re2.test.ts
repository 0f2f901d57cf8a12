import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { designOf } from '../testing/designOf';
import seed from '../../../examples/seed-ingress.yaml?raw';
import canary from '../../../examples/canary-split.yaml?raw';
import faultInjection from '../../../examples/fault-injection.yaml?raw';
import headerRouting from '../../../examples/header-routing-subsets.yaml?raw';
import redirects from '../../../examples/redirects-rewrites.yaml?raw';
import egress from '../../../examples/egress-service-entry.yaml?raw';
import sharedGateway from '../../../examples/shared-gateway-teams.yaml?raw';
import { hasRe2, loadRe2, mayNeedRe2 } from './re2';

/** A VirtualService whose one rule matches `uri` by `matchYaml` (a flow mapping). */
function routeMatching(matchYaml: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: [web]
  http:
  - match: [{uri: ${matchYaml}}]
    route: [{destination: {host: web}}]
`;
}

describe('RE2 outside the app', () => {
  it('is there from the start, and loading it again resolves at once', async () => {
    expect(hasRe2()).toBe(true);
    await expect(loadRe2()).resolves.toBeUndefined();
  });
});

describe('mayNeedRe2', () => {
  it.each([
    ['a regex string match', routeMatching('{regex: "/users/[0-9]+"}')],
    ['a URI regex rewrite', 'rewrite: {uriRegexRewrite: {match: "^/v1/(.*)", rewrite: "/\\\\1"}}'],
    ['a CORS origin regex', 'corsPolicy: {allowOrigins: [{regex: ".*"}]}'],
    ['a key written with escapes', routeMatching('{"r\\x65gex": "/users/[0-9]+"}')],
  ])('given %s, then RE2 may be needed', (_case, text) => {
    expect(mayNeedRe2(text)).toBe(true);
  });

  it('given a key written with escapes, then the engine does read it as a regex (which is why a backslash counts)', () => {
    const findings = analyze(designOf(routeMatching('{"r\\x65gex": "("}')));
    expect(findings.map((finding) => finding.message).join('\n')).toContain('RE2');
  });

  it.each([
    ['the seed', seed],
    ['canary-split', canary],
    ['fault-injection', faultInjection],
    ['header-routing-subsets', headerRouting],
    ['redirects-rewrites', redirects],
    ['egress-service-entry', egress],
    ['shared-gateway-teams', sharedGateway],
    ['a prefix match', routeMatching('{prefix: /users}')],
  ])('given %s (no regex), then the app opens it without waiting for RE2', (_case, text) => {
    expect(mayNeedRe2(text)).toBe(false);
  });
});
