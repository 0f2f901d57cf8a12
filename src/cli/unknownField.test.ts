import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const MISSPELT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: x, namespace: default}
spec:
  hosts: [web]
  gatways: [istio-system/public]
  http:
  - route: [{destination: {host: web}}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
`;

describe('sailplan analyze: unknown fields (SP1008)', () => {
  it('given a misspelt spec field, when analyzed, then a warning line names it and the field meant, and status 0', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sailplan-sp1008-')), 'file.yaml');
    writeFileSync(path, MISSPELT);
    const out: string[] = [];
    const err: string[] = [];
    const status = await main(['analyze', path], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    expect(out.join('\n')).toBe(
      `Warning [SP1008] (VirtualService default/x ${path}:6) Unknown field "gatways" in spec: Istio drops it (did you mean "gateways"?)`,
    );
    expect(err).toEqual([]);
    expect(status).toBe(0);
  });
});
