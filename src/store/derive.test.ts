import { describe, expect, it } from 'vitest';
import { deriveDocument } from './derive';

const design = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: default}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/public]
  http:
  - route:
    - destination: {host: cart}
`;

describe('deriveDocument', () => {
  it("joins the analyzer's findings to the parse and model diagnostics, errors first", () => {
    // given a VirtualService bound to a missing Gateway and routing to a missing host
    const derived = deriveDocument('design.yaml', design, 1, undefined);
    // then the analyzer's IST0101 findings are among the diagnostics, at their lines
    const notFound = derived.diagnostics.filter((diagnostic) => diagnostic.code === 'IST0101');
    expect(notFound.map((diagnostic) => diagnostic.range?.line).sort()).toEqual([6, 9]);
    expect(derived.diagnostics[0]?.level).toBe('error');
    expect(derived.syntaxErrors).toBe(0);
  });
});
