// @vitest-environment jsdom
import { act, cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { nextPaint } from '../../store';
import canary from '../../../examples/canary-split.yaml?raw';
import egress from '../../../examples/egress-service-entry.yaml?raw';
import { renderInspector } from './testing/renderInspector';

const STOREFRONT = 'VirtualService/shop/storefront';

/** Waits for the paint after a gesture: the store then derives the design, and the panel shows it. */
async function painted(): Promise<void> {
  await act(nextPaint);
}

/** The text of Gateway ingress/shop-gw with these lines under `servers:`, ending with a line break. */
function shopGateway(...serverLines: string[]): string {
  return [
    'apiVersion: networking.istio.io/v1',
    'kind: Gateway',
    'metadata:',
    '  name: shop-gw',
    '  namespace: ingress',
    'spec:',
    '  servers:',
    ...serverLines,
    '',
  ].join('\n');
}

function typeAndEnter(input: HTMLElement, value: string): void {
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// Each commit plans, applies and analyses the design before writing: slow on a loaded machine.
describe('the inspector panels', { timeout: 20_000 }, () => {
  it('edits a route edge’s weight with route.setWeight and keeps the edge selected', async () => {
    // given the canary destination of the 90/10 split, selected as a connection on the canvas
    const edge = `route:${STOREFRONT}#http/1/1`;
    const { store, panel } = renderInspector(edge, canary);
    const before = store.getState().text;
    expect(within(panel).getByText('Route', { selector: '.inspector-title-name' })).toBeVisible();
    const weight = within(panel).getByRole('textbox', { name: 'Weight' });
    expect(weight).toHaveValue('10');
    // when the canary gets 30
    typeAndEnter(weight, '30');
    await painted();
    // then the stable weight is rebalanced (the total was 100) in one undo step
    expect(store.getState().text).toBe(
      before.replace('weight: 90', 'weight: 70').replace('weight: 10', 'weight: 30'),
    );
    expect(store.getState().selection?.id).toBe(edge);
    expect(within(panel).getByText('= 30%')).toBeVisible();
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('switches a rule from route to redirect in one intent, keeping its name and comment', async () => {
    // given the split rule
    const { store, panel } = renderInspector(`${STOREFRONT}#http/1`, canary);
    const before = store.getState().text;
    // when its action becomes a redirect
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Type' }), {
      target: { value: 'redirect' },
    });
    await painted();
    // then the route goes, a redirect comes, and the rest of the rule stays as written
    const text = store.getState().text;
    expect(text).toContain('  # Everyone else: the weighted split.\n  - name: split\n');
    expect(text).toContain('redirect:\n      uri: /\n');
    expect(text).not.toContain('weight: 90');
    expect(text.split('\n').length).toBeLessThan(before.split('\n').length);
    expect(within(panel).getByRole('textbox', { name: 'URI' })).toHaveValue('/');
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('writes a host outside the design and shows the analyzer’s finding beside it', async () => {
    // given the canary opt-in rule's destination
    const { store, panel } = renderInspector(`${STOREFRONT}#http/0`, canary);
    const before = store.getState().text;
    const host = within(panel).getByRole('combobox', { name: 'Destination 1 Host' });
    // when it names a host no Service or ServiceEntry has (the design may be unfinished)
    typeAndEnter(host, 'storefront-next');
    await painted();
    // then it is written (only the webhook's rejections are refused)...
    expect(store.getState().text).toBe(
      before.replace(
        '        host: storefront\n        subset: canary\n  # Everyone',
        '        host: storefront-next\n        subset: canary\n  # Everyone',
      ),
    );
    // ...and the field says what the analyzer finds about it
    expect(host).toHaveAccessibleDescription(/IST0101/);
  });

  it('refuses a timeout that is not a duration, in Istio’s words', () => {
    // given the httpbin rule with a 3s timeout
    const { store, panel } = renderInspector('VirtualService/shop/httpbin#http/0', egress);
    const before = store.getState().text;
    const timeout = within(panel).getByRole('textbox', { name: 'Timeout' });
    // when it is set to "soon"
    typeAndEnter(timeout, 'soon');
    // then the field says why and nothing is written
    expect(within(panel).getByRole('alert')).not.toBeEmptyDOMElement();
    expect(timeout).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().text).toBe(before);
    // and a duration is written in place
    typeAndEnter(timeout, '5s');
    expect(store.getState().text).toBe(before.replace('timeout: 3s', 'timeout: 5s'));
  });

  it('adds a DestinationRule subset labelled with its name', async () => {
    // given the storefront DestinationRule
    const { store, panel } = renderInspector('DestinationRule/shop/storefront', canary);
    const before = store.getState().text;
    // when a subset v3 is added
    fireEvent.change(within(panel).getByRole('textbox', { name: 'New subset name' }), {
      target: { value: 'v3' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add subset' }));
    await painted();
    // then it follows the others, selecting version: v3
    expect(store.getState().text).toBe(
      before.replace(
        '  - name: canary\n    labels:\n      version: v2\n',
        '  - name: canary\n    labels:\n      version: v2\n  - name: v3\n    labels:\n      version: v3\n',
      ),
    );
    expect(within(panel).getByRole('group', { name: 'Subset v3' })).toBeVisible();
  });

  it('selects a DestinationRule’s workloads by label, and removes the selector with its last label', async () => {
    // given the storefront DestinationRule, which applies to every sidecar
    const { store, panel } = renderInspector('DestinationRule/shop/storefront', canary);
    const before = store.getState().text;
    // (the section is closed while no workload is selected)
    const toggle = within(panel).getByRole('button', { name: 'Applies to workloads' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    const selector = within(panel).getByRole('group', { name: 'Workload labels' });
    expect(
      within(selector).getByText(
        /applies only to the sidecars .* visible only in its own namespace/,
      ),
    ).toBeVisible();
    const key = within(selector).getByRole('textbox', { name: 'New workload label key' });
    // when it is limited to the workloads labelled app: checkout
    fireEvent.change(key, { target: { value: 'app' } });
    fireEvent.change(within(panel).getByRole('textbox', { name: 'New workload label value' }), {
      target: { value: 'checkout' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add workload label' }));
    await painted();
    // then the selector is written after the subsets, in one undo step
    const selected = before.replace(
      '      version: v2\n---',
      '      version: v2\n  workloadSelector:\n    matchLabels:\n      app: checkout\n---',
    );
    expect(store.getState().text).toBe(selected);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
    act(() => store.getState().redo());
    await painted();
    // and removing its only label takes the whole selector away (an empty one still narrows it)
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove workload label app' }));
    await painted();
    expect(store.getState().text).toBe(before);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(selected);
  });

  it('adds settings for one port to a DestinationRule and edits them, each in one undo step', async () => {
    // given the storefront DestinationRule, without a traffic policy
    const { store, panel } = renderInspector('DestinationRule/shop/storefront', canary);
    const before = store.getState().text;
    fireEvent.click(within(panel).getByRole('button', { name: 'Traffic policy' }));
    // when settings are added for port 8080
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Port for new settings' }), {
      target: { value: '8080' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add settings for port' }));
    await painted();
    // then they are one list item, whose balancer is the default one (nothing changes yet)
    const added = before.replace(
      '  host: storefront\n  subsets:',
      '  host: storefront\n  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: 8080\n      loadBalancer:\n        simple: LEAST_REQUEST\n  subsets:',
    );
    expect(store.getState().text).toBe(added);
    const port = within(panel).getByRole('group', { name: 'Port 8080' });
    expect(within(port).getByRole('combobox', { name: 'Port 8080 Algorithm' })).toHaveValue(
      'LEAST_REQUEST',
    );
    // when its connections are limited, the limit is written in that item
    typeAndEnter(within(port).getByRole('textbox', { name: 'Port 8080 Max connections' }), '100');
    await painted();
    expect(store.getState().text).toBe(
      added.replace(
        '        simple: LEAST_REQUEST\n',
        '        simple: LEAST_REQUEST\n      connectionPool:\n        tcp:\n          maxConnections: 100\n',
      ),
    );
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(added);
  });

  it('renumbers and removes a DestinationRule’s settings for one port, each in one undo step', async () => {
    // given the storefront DestinationRule with settings for port 8080 only
    const added = canary.replace(
      '  host: storefront\n  subsets:',
      '  host: storefront\n  trafficPolicy:\n    portLevelSettings:\n    - port: {number: 8080}\n      loadBalancer: {simple: RANDOM}\n  subsets:',
    );
    expect(added).not.toBe(canary);
    const { store, panel } = renderInspector('DestinationRule/shop/storefront', added);
    // when its port becomes 9090 (no port is refused: a port's settings need one)
    const number = within(panel).getByRole('textbox', { name: 'Port 8080 number' });
    typeAndEnter(number, '');
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().text).toBe(added);
    typeAndEnter(number, '9090');
    await painted();
    const moved = added.replace('{number: 8080}', '{number: 9090}');
    expect(store.getState().text).toBe(moved);
    expect(within(panel).getByRole('group', { name: 'Port 9090' })).toBeVisible();
    // when they are removed, the traffic policy holding only them goes too
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove port 9090 settings' }));
    await painted();
    expect(store.getState().text).toBe(canary);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(moved);
  });

  it('renames a subset in one undo step, and the routes naming it follow', () => {
    // given the storefront DestinationRule, whose canary subset two rules route to
    const { store, panel } = renderInspector('DestinationRule/shop/storefront', canary);
    const before = store.getState().text;
    const subset = within(panel).getByRole('group', { name: 'Subset canary' });
    // when the canary subset is renamed next
    typeAndEnter(within(subset).getByRole('textbox', { name: 'Subset canary Name' }), 'next');
    // then the subset and every route to it say next, and one undo puts all of it back
    const after = store.getState().text;
    expect(after).toBe(
      before
        .replace('  - name: canary\n', '  - name: next\n')
        .replaceAll('subset: canary', 'subset: next'),
    );
    expect(after).not.toContain('canary\n    labels');
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('edits a tcp rule’s destinations with the rule intents: add, weight, remove, move', async () => {
    // given a VirtualService with two tcp rules, the first selected
    const text = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata: {name: db, namespace: data}',
      'spec:',
      '  hosts: [db]',
      '  tcp:',
      '  - match: [{port: 5432}]',
      '    route:',
      '    - destination: {host: pg}',
      '  - route:',
      '    - destination: {host: cache}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: pg, namespace: data}',
      'spec: {selector: {app: pg}, ports: [{name: tcp, port: 5432}]}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: pg-replica, namespace: data}',
      'spec: {selector: {app: pg-replica}, ports: [{name: tcp, port: 5432}]}',
      '',
    ].join('\n');
    const { store, panel } = renderInspector('VirtualService/data/db#tcp/0', text);
    // when a second destination is added, the tcp rule splits 50/50
    fireEvent.change(within(panel).getByRole('combobox', { name: 'New destination host' }), {
      target: { value: 'pg-replica' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add destination' }));
    await painted();
    expect(store.getState().text).toContain(
      '    - destination: {host: pg}\n      weight: 50\n    - destination: {host: pg-replica}\n      weight: 50\n',
    );
    // and a weight moves traffic between them (route.setWeight in the tcp section)
    const first = within(panel).getByRole('group', { name: 'Destination 1' });
    typeAndEnter(within(first).getByRole('textbox', { name: 'Destination 1 Weight' }), '80');
    await painted();
    expect(store.getState().text).toContain(
      'weight: 80\n    - destination: {host: pg-replica}\n      weight: 20',
    );
    // and removing one leaves the other without a weight
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove destination 2' }));
    await painted();
    expect(store.getState().text).toContain(
      '    route:\n    - destination: {host: pg}\n  - route:',
    );
    // and moving the rule down keeps it selected at its new place
    fireEvent.click(within(panel).getByRole('button', { name: /^Move .* down$/ }));
    await painted();
    expect(store.getState().text).toContain(
      '  tcp:\n  - route:\n    - destination: {host: cache}\n',
    );
    expect(store.getState().selection?.id).toBe('VirtualService/data/db#tcp/1');
  });

  it('refuses a bad duration, host, subset or weight inline in Istio’s words, writing nothing', () => {
    // given the canary split's storefront rule
    const { store, panel } = renderInspector(`${STOREFRONT}#http/1`, canary);
    const before = store.getState().text;
    const refused = (field: HTMLElement, value: string, message: string) => {
      typeAndEnter(field, value);
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
      expect(store.getState().text).toBe(before);
      fireEvent.keyDown(field, { key: 'Escape' });
    };
    // when a timeout is not a Go duration, or finer than a millisecond
    const timeout = within(panel).getByRole('textbox', { name: 'Timeout' });
    refused(timeout, '5 seconds', 'time: invalid duration "5 seconds"');
    refused(timeout, '1500us', 'only durations to ms precision are supported');
    // when a destination host or subset is not a name
    const destination = within(panel).getByRole('group', { name: /^Destination 1/ });
    refused(
      within(destination).getByRole('combobox', { name: 'Destination 1 Host' }),
      'store front',
      'domain name "store front" invalid (label "store front" invalid)',
    );
    refused(
      within(destination).getByRole('combobox', { name: 'Destination 1 Subset' }),
      'V_2',
      'subset name is invalid: V_2',
    );
    // when a weight is negative
    refused(
      within(destination).getByRole('textbox', { name: 'Destination 1 Weight' }),
      '-5',
      'weight -5 < 0',
    );
  });

  it('edits a rule’s mirrors list: add a target, set its share, remove the last one', async () => {
    // given the canary rule with a mirrors list of one target
    const text = canary.replace(
      '        subset: canary\n  # Everyone',
      '        subset: canary\n    mirrors:\n    - destination:\n        host: storefront\n  # Everyone',
    );
    expect(text).not.toBe(canary);
    const { store, panel } = renderInspector(`${STOREFRONT}#http/0`, text);
    // when a second target is added, it is one list item
    fireEvent.change(within(panel).getByRole('combobox', { name: 'New mirror host' }), {
      target: { value: 'storefront-next' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add mirror' }));
    await painted();
    expect(store.getState().text).toContain(
      '    mirrors:\n    - destination:\n        host: storefront\n    - destination:\n        host: storefront-next\n',
    );
    // and its share is set in place
    typeAndEnter(within(panel).getByRole('textbox', { name: 'Mirror 2 mirrored %' }), '5');
    await painted();
    expect(store.getState().text).toContain(
      'host: storefront-next\n      percentage:\n        value: 5\n',
    );
    // and removing both leaves no mirrors key at all
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove mirror 2' }));
    await painted();
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove mirror 1' }));
    expect(store.getState().text).toBe(canary);
  });

  it('sets a fault abort’s gRPC status in place of its HTTP status, in one undo step', async () => {
    // given a rule aborting 10% of requests with 503
    const text = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata: {name: ratings, namespace: shop}',
      'spec:',
      '  hosts: [ratings]',
      '  http:',
      '  - fault:',
      '      abort:',
      '        httpStatus: 503',
      '        percentage:   # of the requests',
      '          value: 10',
      '    route:',
      '    - destination: {host: ratings}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: ratings, namespace: shop}',
      'spec: {selector: {app: ratings}, ports: [{name: grpc, port: 9080}]}',
      '',
    ].join('\n');
    const { store, panel } = renderInspector('VirtualService/shop/ratings#http/0', text);
    const grpc = within(panel).getByRole('combobox', { name: 'Abort gRPC status' });
    expect(grpc).toHaveValue('');
    expect(within(grpc).queryByRole('option', { name: 'OK' })).toBeNull();
    // when it aborts with UNAVAILABLE instead
    fireEvent.change(grpc, { target: { value: 'UNAVAILABLE' } });
    await painted();
    // then the HTTP status goes in the same edit (an abort has one status), the percentage stays
    const withGrpc = store.getState().text;
    expect(withGrpc).toBe(text.replace('httpStatus: 503\n', 'grpcStatus: UNAVAILABLE\n'));
    expect(grpc).toHaveValue('UNAVAILABLE');
    expect(within(panel).getByRole('textbox', { name: 'Abort status' })).toHaveValue('');
    // and one undo brings the 503 back
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(text);
    // and the other way round: an HTTP status typed over a gRPC one takes its place
    act(() => store.getState().redo());
    await painted();
    typeAndEnter(within(panel).getByRole('textbox', { name: 'Abort status' }), '500');
    await painted();
    expect(store.getState().text).toBe(text.replace('httpStatus: 503\n', 'httpStatus: 500\n'));
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(withGrpc);
  });

  it('renames a pod label key in one intent, leaving the other labels alone', () => {
    // given the stable Deployment
    const { store, panel } = renderInspector('Deployment/shop/storefront-v1', canary);
    const before = store.getState().text;
    const podLabels = within(panel).getByRole('group', { name: 'Pod labels' });
    // when its `version` label becomes `track`
    typeAndEnter(
      within(podLabels).getByRole('textbox', { name: 'Pod label key version' }),
      'track',
    );
    // then only that key changes in the pod template (the selector is not touched)
    const text = store.getState().text;
    expect(text).toContain(
      '  template:\n    metadata:\n      labels:\n        app: storefront\n        track: v1\n',
    );
    expect(text).toContain('    matchLabels:\n      app: storefront\n      version: v1\n');
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('adds a Service port only when its number is a port', () => {
    // given the storefront Service
    const { store, panel } = renderInspector('Service/shop/storefront', canary);
    const before = store.getState().text;
    const input = within(panel).getByRole('textbox', { name: 'New port number' });
    // when port 99999 is added, it is refused and nothing is written
    fireEvent.change(input, { target: { value: '99999' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add port' }));
    expect(within(panel).getByRole('alert')).toHaveTextContent(
      'port number 99999 must be in the range 1..65535',
    );
    // (the refusal describes the input, marked invalid, as a field's own message does)
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/port number 99999 must be in the range 1\.\.65535/);
    expect(store.getState().text).toBe(before);
    // when 9090 is added, it follows the http port
    fireEvent.change(input, { target: { value: '9090' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add port' }));
    expect(store.getState().text).toBe(
      before.replace(
        '    targetPort: 8080\n---\napiVersion: apps/v1',
        '    targetPort: 8080\n  - name: http-9090\n    port: 9090\n    targetPort: 9090\n---\napiVersion: apps/v1',
      ),
    );
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('sets a ServiceEntry’s resolution from its select', () => {
    // given the httpbin ServiceEntry, resolved by DNS
    const { store, panel } = renderInspector('ServiceEntry/shop/httpbin', egress);
    const before = store.getState().text;
    // when it is made STATIC
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Resolution' }), {
      target: { value: 'STATIC' },
    });
    // then exactly that scalar changes, in that document
    const httpbin = before.indexOf('name: httpbin\n  namespace: shop');
    const at = before.indexOf('resolution: DNS', httpbin);
    expect(store.getState().text).toBe(
      `${before.slice(0, at)}resolution: STATIC${before.slice(at + 'resolution: DNS'.length)}`,
    );
  });
  it('turns an HTTP server into HTTPS with its TLS settings in one undo step', async () => {
    // given a Gateway whose only server is plain HTTP
    const text = shopGateway(
      '  - port: {number: 443, name: web, protocol: HTTP}   # to terminate',
      '    hosts: ["shop.example.com"]',
    );
    const { store, panel } = renderInspector('Gateway/ingress/shop-gw', text);
    const protocol = within(panel).getByRole('combobox', { name: 'Server 1 Protocol' });
    // when its protocol becomes HTTPS
    fireEvent.change(protocol, { target: { value: 'HTTPS' } });
    await painted();
    // then the server terminates TLS with the Gateway's credential, and nothing is refused
    expect(store.getState().text).toBe(
      text.replace('protocol: HTTP}', 'protocol: HTTPS}') +
        '    tls:\n      mode: SIMPLE\n      credentialName: shop-gw-credential\n',
    );
    expect(protocol).toHaveValue('HTTPS');
    expect(protocol).not.toHaveAttribute('aria-invalid');
    expect(within(panel).getByRole('combobox', { name: 'Server 1 TLS mode' })).toHaveValue(
      'SIMPLE',
    );
    expect(within(panel).getByRole('textbox', { name: 'Server 1 Credential' })).toHaveValue(
      'shop-gw-credential',
    );
    // and one undo brings the plain HTTP server back
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(text);
  });

  it('drops a refused choice’s message once another edit changes the design', async () => {
    // given a plain HTTP server, whose TLS mode cannot become SIMPLE (refused, the select snaps back)
    const text = shopGateway(
      '  - port: {number: 443, name: web, protocol: HTTP}',
      '    hosts: ["shop.example.com"]',
    );
    const { panel } = renderInspector('Gateway/ingress/shop-gw', text);
    const mode = within(panel).getByRole('combobox', { name: 'Server 1 TLS mode' });
    fireEvent.change(mode, { target: { value: 'SIMPLE' } });
    expect(mode).toHaveValue('');
    expect(mode).toHaveAttribute('aria-invalid', 'true');
    expect(mode).toHaveAccessibleDescription(/^Schema validation error: /);
    // when the protocol becomes HTTPS (which brings TLS settings)
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Server 1 Protocol' }), {
      target: { value: 'HTTPS' },
    });
    await painted();
    // then the TLS mode shows SIMPLE and no longer the refusal of the earlier choice
    expect(mode).toHaveValue('SIMPLE');
    expect(mode).not.toHaveAttribute('aria-invalid');
    expect(within(panel).queryByText(/Schema validation error/)).toBeNull();
  });
  it('gives a server turned to SIMPLE TLS the Gateway’s credential, in one undo step', async () => {
    // given an HTTPS server passing TLS through
    const text = shopGateway(
      '  - port: {number: 443, name: https, protocol: HTTPS}',
      '    hosts: ["shop.example.com"]',
      '    tls:',
      '      mode: PASSTHROUGH   # for now',
    );
    const { store, panel } = renderInspector('Gateway/ingress/shop-gw', text);
    const mode = within(panel).getByRole('combobox', { name: 'Server 1 TLS mode' });
    // when it terminates TLS (SIMPLE needs a certificate, which the webhook requires)
    fireEvent.change(mode, { target: { value: 'SIMPLE' } });
    await painted();
    // then the mode and a credential are written together, the comment kept
    expect(store.getState().text).toBe(
      text.replace(
        '      mode: PASSTHROUGH   # for now\n',
        '      mode: SIMPLE   # for now\n      credentialName: shop-gw-credential\n',
      ),
    );
    expect(mode).toHaveValue('SIMPLE');
    expect(mode).not.toHaveAttribute('aria-invalid');
    // and No TLS is refused on an HTTPS server, saying why
    fireEvent.change(mode, { target: { value: '' } });
    expect(mode).toHaveAccessibleDescription(/HTTPS servers need TLS settings/);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(text);
  });
});
