import { describe, expect, it } from 'vitest';
import { designOf } from '../testing/designOf';
import { formatOutcome, formatTrace } from './formatTrace';
import { simulate } from './simulate';
import { EMPTY_OUTCOME } from './trace';

describe('formatTrace', () => {
  it('given a design without a way in, then the request line, the summary and no outcome keys', () => {
    const trace = simulate(
      designOf(
        'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n',
      ),
      { url: 'http://x/' },
    );
    expect(formatTrace(trace)).toBe(
      [
        'GET http://x/ (from ingress, port 80)',
        '  1.      GET http://x/',
        '          Host x, port 80',
        "=> The design has no LoadBalancer Service, so an external request has no way in. Add the ingress gateway's Service (type: LoadBalancer, e.g. istio-system/istio-ingressgateway).",
      ].join('\n'),
    );
  });

  it('given a mesh request with headers from a workload with no labels, then the first lines say so', () => {
    const trace = simulate(
      designOf(
        'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n',
      ),
      {
        url: 'http://web/',
        headers: { 'End-User': 'jason' },
        from: { namespace: 'default', labels: {} },
      },
    );
    expect(formatTrace(trace).split('\n').slice(0, 2)).toEqual([
      'GET http://web/ (from default (a workload with no labels), port 80)',
      '   end-user: jason',
    ]);
  });

  it('given a step the request does not reach, then its line says so', () => {
    const design = designOf(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: [web]
  http:
  - fault: {abort: {httpStatus: 500, percentage: {value: 100}}}
    route: [{destination: {host: web}}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
`);
    const text = formatTrace(
      simulate(design, { url: 'http://web/', from: { namespace: 'default', labels: {} } }),
    );
    expect(text).toMatch(/ ok {3}Fault abort HTTP 500 /);
    expect(text).toMatch(
      /\d\. {6}Destination web\.default\.svc\.cluster\.local port 80 \(not reached\)/,
    );
    expect(text).toContain('=> 500 FI: the fault filter aborts the request');
  });
});

describe('formatOutcome', () => {
  it('given a split, then one destinations line per destination with its weight', () => {
    const lines = formatOutcome({
      ...EMPTY_OUTCOME,
      virtualService: 'default/web',
      route: 2,
      destinations: [
        { host: 'web.default.svc.cluster.local', port: 80, subset: 'v1', weight: 66.6667 },
        { host: 'web.default.svc.cluster.local', port: 80, subset: 'v2', weight: 33.3333 },
      ],
    });
    expect(lines).toEqual([
      'virtualService: default/web',
      'route: 2',
      'destinations: web.default.svc.cluster.local port 80 subset v1 weight 66.67',
      'destinations: web.default.svc.cluster.local port 80 subset v2 weight 33.33',
    ]);
  });
});
