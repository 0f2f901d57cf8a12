import { formatLabels } from '../model';
import type { Design, Model } from '../model';
import type { SimulationContext } from './httpRouting';
import { simulateIngress } from './ingress';
import { simulateMesh } from './mesh';
import type { Request } from './request';
import { parseRequest } from './request';
import type { Trace } from './trace';
import { TraceBuilder, locatorFor } from './traceBuilder';

/** What `simulate` accepts: a design (the trace then carries source ranges) or a bare model. */
export type SimulationSubject = Model | Design;

function modelOf(subject: SimulationSubject): Model {
  return 'files' in subject ? subject.model : subject;
}

/** A small deterministic generator (mulberry32) seeded by the request's draw, so a sampled request is reproducible. */
/**
 * A request's draw as the trace and the Simulator show it: two decimals at most (`0.15`, `0.8`),
 * not the float Math.random gave. Cut, not rounded: a draw is compared with whole percentages
 * (draw x 100 < weight), and the cut keeps that comparison (0.899 reads 0.89, under a 90% share,
 * never 0.9), and a draw below 1 never reads 1.
 */
export function formatDraw(draw: number): string {
  // The epsilon keeps a draw written with two decimals (0.29, whose x 100 is 28.999...) as written.
  return String(Math.floor(draw * 100 + 1e-9) / 100);
}

function drawsFrom(draw: number): () => number {
  let state = Math.floor(draw * 0x100000000) >>> 0;
  let first = true;
  return () => {
    // The first draw is the request's own number, so a single-draw request reads naturally.
    if (first) {
      first = false;
      return draw;
    }
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 0x100000000;
  };
}

/**
 * Simulates one request through the design and explains each step (routing-semantics.md §1-§6):
 * from an external client through a LoadBalancer Service, the gateway pod's merged Gateways, the
 * listener, the server or filter chain, the route table, the virtual host, the rules in order and
 * the action, to the destination cluster, its subset and endpoints; or from a workload through its
 * sidecar. Never throws for bad input: an unparsable request or a design that cannot answer gives
 * a trace saying so. Per-model work (merged gateways, route tables, clusters) is memoised.
 */
export function simulate(subject: SimulationSubject, request: Request): Trace {
  const model = modelOf(subject);
  const trace = new TraceBuilder(locatorFor(subject));
  const parsed = parseRequest(request);
  const from =
    request.from === undefined || request.from === 'ingress'
      ? 'ingress'
      : Object.keys(request.from.labels).length === 0
        ? `${request.from.namespace} (a workload with no labels)`
        : `${request.from.namespace} (${formatLabels(request.from.labels)})`;
  if (!parsed.ok) {
    trace.stop('unanswerable', `The request is not valid: ${parsed.error}.`);
    return trace.build({
      method: request.method ?? 'GET',
      url: request.url,
      from,
      source: request.from ?? 'ingress',
      headers: [],
      port: null,
      authority: null,
      sni: null,
    });
  }
  const parsedRequest = parsed.request;
  const source = parsedRequest.from;
  const context: SimulationContext = {
    model,
    trace,
    request: parsedRequest,
    random: parsedRequest.draw === undefined ? undefined : drawsFrom(parsedRequest.draw),
    // An ingress request's proxy is the gateway pod, whose namespace is known once the pod is found.
    proxyNamespace: source === 'ingress' ? '' : source.namespace,
  };
  trace.step(
    'request',
    'info',
    `${parsedRequest.method} ${request.url}`,
    `${parsedRequest.http ? `Host ${parsedRequest.authority}, ` : ''}port ${parsedRequest.port}${parsedRequest.sni === undefined ? '' : `, SNI ${parsedRequest.sni}`}${parsedRequest.draw === undefined ? '' : `, draw ${formatDraw(parsedRequest.draw)}`}`,
  );
  if (source === 'ingress') simulateIngress(context);
  else simulateMesh(context, source);
  return trace.build({
    method: parsedRequest.method,
    url: request.url,
    from,
    source,
    headers: [...parsedRequest.headers],
    port: parsedRequest.port,
    authority: parsedRequest.http ? parsedRequest.authority : null,
    sni: parsedRequest.sni ?? null,
  });
}
