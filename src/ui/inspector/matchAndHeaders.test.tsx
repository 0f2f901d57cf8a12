// @vitest-environment jsdom
import { act, cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { nextPaint, type SailplanStore } from '../../store';
import { renderInspector as renderShared } from './testing/renderInspector';

const SHOP = 'VirtualService/shop/shop';

/** A Gateway, and a VirtualService with an http split, a tls rule and a tcp rule. */
const DESIGN = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - shop/shop.example.com
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: shop
spec:
  hosts:
  - shop.example.com
  - "*.db.example.com"
  http:
  - name: api
    route:
    - destination:
        host: api
        subset: v1
      weight: 90
    - destination:
        host: api
        subset: v2
      weight: 10 # canary
  tls:
  - match:
    - sniHosts: [orders.db.example.com]   # orders first
      port: 9443
    route:
    - destination:
        host: orders-db
  tcp:
  - match:
    - port: 5432
    route:
    - destination:
        host: orders-db
      weight: 50
    - destination:
        host: orders-replica
      weight: 50
`;

/** The inspector over DESIGN (or `text`), with `id` selected as the canvas would. */
function renderInspector(id: string, text = DESIGN): { store: SailplanStore; panel: HTMLElement } {
  return renderShared(id, text);
}

function typeAndEnter(input: HTMLElement, value: string): void {
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

/** Fills a new item's input(s) and presses its Add button, as a user does. */
function add(scope: HTMLElement, inputs: Record<string, string>, button: string): void {
  for (const [name, value] of Object.entries(inputs)) {
    fireEvent.change(within(scope).getByRole('textbox', { name }), { target: { value } });
  }
  fireEvent.click(within(scope).getByRole('button', { name: button }));
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// Each commit plans, applies and analyses the design before writing: slow on a loaded machine.
describe('the inspector’s match conditions and header operations', { timeout: 20_000 }, () => {
  it('writes a tls condition’s destination subnet, source labels and namespace in API order', async () => {
    // given the tls rule, whose condition has an SNI host and a port
    const { store, panel } = renderInspector(`${SHOP}#tls/0`);
    const before = store.getState().text;
    const condition = within(panel).getByRole('group', { name: 'Condition 1' });
    const subnets = within(condition).getByRole('group', { name: 'Destination subnets' });
    // when a subnet that is no CIDR block is added, it is refused in Istio's words and kept
    add(
      subnets,
      { 'Condition 1 New destination subnet': '10.0.0.0/33' },
      'Condition 1 Add destination subnet',
    );
    expect(within(subnets).getByRole('alert')).toHaveTextContent(
      '10.0.0.0/33 is not a valid CIDR block',
    );
    expect(
      within(subnets).getByRole('textbox', { name: 'Condition 1 New destination subnet' }),
    ).toHaveValue('10.0.0.0/33');
    expect(store.getState().text).toBe(before);
    // when it is corrected, it is written between the SNI hosts and the port (API order)
    add(
      subnets,
      { 'Condition 1 New destination subnet': '10.0.0.0/8' },
      'Condition 1 Add destination subnet',
    );
    const withSubnet = before.replace(
      '      port: 9443\n',
      '      destinationSubnets:\n      - 10.0.0.0/8\n      port: 9443\n',
    );
    expect(store.getState().text).toBe(withSubnet);
    await waitFor(() =>
      expect(
        within(subnets).getByRole('textbox', { name: 'Condition 1 Destination subnet 1' }),
      ).toHaveValue('10.0.0.0/8'),
    );
    // when a source label is added, it follows the port
    const labels = within(condition).getByRole('group', { name: 'Source labels' });
    add(
      labels,
      { 'Condition 1 New source label key': 'app', 'Condition 1 New source label value': 'orders' },
      'Condition 1 Add source label',
    );
    const withLabels = withSubnet.replace(
      '      port: 9443\n',
      '      port: 9443\n      sourceLabels:\n        app: orders\n',
    );
    expect(store.getState().text).toBe(withLabels);
    // when the source namespace is not a DNS label, the field says why and keeps the draft
    const namespace = within(condition).getByRole('combobox', {
      name: 'Condition 1 Source namespace',
    });
    typeAndEnter(namespace, 'Shop_ns');
    expect(namespace).toHaveAttribute('aria-invalid', 'true');
    expect(namespace).toHaveAccessibleDescription(
      expect.stringContaining('sourceNamespace match Shop_ns is invalid'),
    );
    expect(namespace).toHaveValue('Shop_ns');
    expect(store.getState().text).toBe(withLabels);
    // and a namespace is written last
    typeAndEnter(namespace, 'frontend');
    expect(store.getState().text).toBe(
      withLabels.replace(
        '        app: orders\n',
        '        app: orders\n      sourceNamespace: frontend\n',
      ),
    );
    // each gesture was one undo step
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(withLabels);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(withSubnet);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('adds a tls condition by its SNI host (a tls condition needs one) and checks it', () => {
    // given the tls rule
    const { store, panel } = renderInspector(`${SHOP}#tls/0`);
    const before = store.getState().text;
    // when a condition is added with a host that is no domain name, it is refused
    add(panel, { 'New condition SNI host': 'orders db' }, 'Add condition');
    const form = within(panel)
      .getByRole('textbox', { name: 'New condition SNI host' })
      .closest('form');
    if (form === null) throw new Error('The new condition’s input is in no form');
    expect(within(form).getByRole('alert')).toHaveTextContent('domain name "orders db" invalid');
    expect(store.getState().text).toBe(before);
    // when the host is a name, the condition is written with it
    add(panel, { 'New condition SNI host': 'payments.db.example.com' }, 'Add condition');
    expect(store.getState().text).toBe(
      before.replace(
        '      port: 9443\n',
        '      port: 9443\n    - sniHosts: [payments.db.example.com]\n',
      ),
    );
  });

  it('offers a tcp condition its destination subnets too, and no SNI hosts', async () => {
    // given the tcp rule
    const { store, panel } = renderInspector(`${SHOP}#tcp/0`);
    const before = store.getState().text;
    const condition = within(panel).getByRole('group', { name: 'Condition 1' });
    expect(within(condition).queryByRole('group', { name: 'SNI hosts' })).toBeNull();
    // when a destination subnet is added to its condition
    add(
      condition,
      { 'Condition 1 New destination subnet': '10.1.0.0/16' },
      'Condition 1 Add destination subnet',
    );
    // then it goes before the port, where the API declares it
    expect(store.getState().text).toBe(
      before.replace(
        '  - match:\n    - port: 5432\n',
        '  - match:\n    - destinationSubnets:\n      - 10.1.0.0/16\n      port: 5432\n',
      ),
    );
    await waitFor(() =>
      expect(
        within(panel).getByRole('textbox', { name: 'Condition 1 Destination subnet 1' }),
      ).toBeVisible(),
    );
  });

  it('edits one destination’s own header operations, checked as the webhook checks them', async () => {
    // given the http split; the canary destination has no header operations of its own
    const { store, panel } = renderInspector(`${SHOP}#http/0`);
    const before = store.getState().text;
    const canary = within(panel).getByRole('group', { name: 'Destination 2 10% of traffic' });
    expect(within(canary).getByText('Headers of destination 2')).toBeVisible();
    const remove = within(canary).getByRole('group', { name: 'Response: remove (destination 2)' });
    // when the Host header is to be removed from its responses, the webhook's refusal is shown
    add(
      remove,
      { 'New destination 2 response header to remove': 'Host' },
      'Add destination 2 response header to remove',
    );
    expect(within(remove).getByRole('alert')).toHaveTextContent(
      'invalid header "Host": cannot set Host header',
    );
    expect(store.getState().text).toBe(before);
    // when x-internal is removed instead, it is written on that destination only, after its weight
    add(
      remove,
      { 'New destination 2 response header to remove': 'x-internal' },
      'Add destination 2 response header to remove',
    );
    const removed = before.replace(
      '      weight: 10 # canary\n',
      '      weight: 10 # canary\n      headers:\n        response:\n          remove:\n          - x-internal\n',
    );
    expect(store.getState().text).toBe(removed);
    // and a request header set on it: a pseudo-header is refused, a header is written
    const set = within(canary).getByRole('group', { name: 'Request: set (destination 2)' });
    const inputs = {
      'New destination 2 request header to set key': ':path',
      'New destination 2 request header to set value': '/v2',
    };
    add(set, inputs, 'Add destination 2 request header to set');
    expect(within(set).getByRole('alert')).toHaveTextContent(
      'request set: invalid header ":path": header cannot have ":" prefix',
    );
    expect(store.getState().text).toBe(removed);
    add(
      set,
      { ...inputs, 'New destination 2 request header to set key': 'x-canary' },
      'Add destination 2 request header to set',
    );
    const withSet = removed.replace(
      '      headers:\n        response:',
      '      headers:\n        request:\n          set:\n            x-canary: /v2\n        response:',
    );
    expect(store.getState().text).toBe(withSet);
    // the text shows nothing else changed (the rule's own operations are untouched); one undo each
    await waitFor(() =>
      expect(
        within(canary).getByRole('textbox', {
          name: 'Destination 2 request header to set key x-canary',
        }),
      ).toHaveValue('x-canary'),
    );
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(removed);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(before);
  });

  it('shows a route edge’s own header operations, and a tcp edge’s weight rebalances the split', async () => {
    // given the http canary destination selected as a connection
    const http = renderInspector(`route:${SHOP}#http/0/1`);
    expect(
      within(http.panel).getByRole('group', { name: 'Response: remove (destination 2)' }),
    ).toBeInTheDocument();
    cleanup();
    // given a tcp destination selected as a connection (tcp has no header operations)
    const { store, panel } = renderInspector(`route:${SHOP}#tcp/0/0`);
    const before = store.getState().text;
    expect(within(panel).queryByText(/^Headers of destination/)).toBeNull();
    // when its weight becomes 80, the other gets 20 (route.setWeight, as in the rule's panel)
    typeAndEnter(within(panel).getByRole('textbox', { name: 'Weight' }), '80');
    expect(store.getState().text).toBe(
      before
        .replace('host: orders-db\n      weight: 50', 'host: orders-db\n      weight: 80')
        .replace(
          'host: orders-replica\n      weight: 50',
          'host: orders-replica\n      weight: 20',
        ),
    );
    await waitFor(() => expect(within(panel).getByText('= 80%')).toBeVisible());
  });

  it('says that text left in an add row is not added yet, and adds it only on Enter or +', () => {
    // given the public Gateway's hosts, and a host typed in the add row
    const { store, panel } = renderInspector('Gateway/istio-system/public');
    const before = store.getState().text;
    const hosts = within(panel).getByRole('group', { name: 'Hosts' });
    const input = within(hosts).getByRole('textbox', { name: 'Server 1 New host' });
    const other = within(panel).getByRole('textbox', { name: 'Server 1 Host 1' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'web.example.com' } });
    expect(within(hosts).queryByRole('status')).toBeNull();
    // when focus moves on to the + button of the same row, nothing is said yet
    fireEvent.blur(input, {
      relatedTarget: within(hosts).getByRole('button', { name: 'Server 1 Add host' }),
    });
    expect(within(hosts).queryByRole('status')).toBeNull();
    // when it leaves the row (Tab to another field)
    fireEvent.blur(input, { relatedTarget: other });
    // then the row says the host is not added, in the input's description, without an error
    expect(within(hosts).getByRole('status')).toHaveTextContent('Not added yet: press Enter or +');
    expect(input).toHaveAccessibleDescription('Not added yet: press Enter or +');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveValue('web.example.com');
    expect(store.getState().text).toBe(before);
    // when it is added with +, the hint goes with the text
    fireEvent.click(within(hosts).getByRole('button', { name: 'Server 1 Add host' }));
    expect(store.getState().text).toContain('    - web.example.com\n');
    expect(within(hosts).queryByRole('status')).toBeNull();
    expect(input).not.toHaveAccessibleDescription();
  });

  it('says the same of a header match whose name was typed and left', async () => {
    // given the api rule with a condition, and a header name typed in the condition's add row
    const { store, panel } = renderInspector(`${SHOP}#http/0`);
    fireEvent.click(within(panel).getByRole('button', { name: 'Add condition' }));
    await act(nextPaint);
    const before = store.getState().text;
    const condition = within(panel).getByRole('group', { name: 'Condition 1' });
    const name = within(condition).getByRole('textbox', { name: 'Condition 1 New header name' });
    fireEvent.focus(name);
    fireEvent.change(name, { target: { value: 'x-user' } });
    // when focus leaves the row for nowhere in particular (a click on the page)
    fireEvent.blur(name, { relatedTarget: null });
    // then it is described as not added, and nothing is written
    expect(name).toHaveAccessibleDescription('Not added yet: press Enter or +');
    expect(within(condition).getByRole('status')).toHaveTextContent('Not added yet');
    expect(store.getState().text).toBe(before);
  });

  it('refuses a Gateway server host the webhook refuses, naming the problem', () => {
    // given the public Gateway's http server
    const { store, panel } = renderInspector('Gateway/istio-system/public');
    const before = store.getState().text;
    const hosts = within(panel).getByRole('group', { name: 'Hosts' });
    // when a namespace/host has a short name, or the namespace is no DNS label
    add(hosts, { 'Server 1 New host': 'shop/web' }, 'Server 1 Add host');
    expect(within(hosts).getByRole('alert')).toHaveTextContent(
      'short names (non FQDN) are not allowed',
    );
    add(hosts, { 'Server 1 New host': 'sh_op/web.example.com' }, 'Server 1 Add host');
    expect(within(hosts).getByRole('alert')).toHaveTextContent(
      'invalid namespace value "sh_op" in gateway',
    );
    expect(store.getState().text).toBe(before);
    // and a listed host edited in place is checked the same way, its draft kept
    const first = within(hosts).getByRole('textbox', { name: 'Server 1 Host 1' });
    typeAndEnter(first, '/shop.example.com');
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(first).toHaveAccessibleDescription(
      expect.stringContaining('config namespace and dnsName in host entry cannot be empty'),
    );
    expect(first).toHaveValue('/shop.example.com');
    expect(store.getState().text).toBe(before);
    // when it is a namespace and a domain, it is written
    add(hosts, { 'Server 1 New host': './web.example.com' }, 'Server 1 Add host');
    expect(store.getState().text).toBe(
      before.replace(
        '    - shop/shop.example.com\n',
        '    - shop/shop.example.com\n    - ./web.example.com\n',
      ),
    );
  });

  it('reorders tls rules by drag and with their arrows in the VirtualService’s panel', async () => {
    // given a second tls rule, for payments, after the orders rule
    const text = DESIGN.replace(
      '  tcp:\n',
      '  - match:\n    - sniHosts: [payments.db.example.com]\n    route:\n    - destination:\n        host: payments-db\n  tcp:\n',
    );
    expect(text).not.toBe(DESIGN);
    const { store, panel } = renderInspector(SHOP, text);
    const tls = within(panel).getByRole('list', { name: 'TLS rules in match order' });
    const summaries = () =>
      within(tls)
        .getAllByRole('button', { name: /^Edit / })
        .map((button) => button.textContent);
    expect(summaries()).toEqual([
      expect.stringContaining('orders.db.example.com :9443 → orders-db'),
      expect.stringContaining('payments.db.example.com → payments-db'),
    ]);
    expect(within(panel).getByRole('list', { name: 'TCP rules in match order' })).toHaveTextContent(
      ':5432 → orders-db, orders-replica',
    );
    // when the orders rule is dragged onto the payments rule's lower half (jsdom has no
    // coordinates for a drag: the pointer counts as below the middle), it lands after it
    const [orders, payments] = within(tls).getAllByRole('listitem');
    if (orders === undefined || payments === undefined) throw new Error('Two tls rules expected');
    const dataTransfer = { setData: () => undefined, effectAllowed: '', dropEffect: '' };
    fireEvent.dragStart(orders, { dataTransfer });
    fireEvent.dragOver(payments, { dataTransfer });
    fireEvent.drop(payments, { dataTransfer });
    // then payments is the first tls rule in the YAML (one rule.move in the tls section)
    const moved = store.getState().text;
    expect(moved.indexOf('sniHosts: [payments')).toBeLessThan(moved.indexOf('sniHosts: [orders'));
    expect(moved).toContain('        host: orders-db\n  tcp:\n');
    await waitFor(() =>
      expect(summaries()[0]).toEqual(expect.stringContaining('payments.db.example.com')),
    );
    // and its arrow puts it back; one undo step each
    fireEvent.click(within(tls).getByRole('button', { name: 'Move tls rule 0 down' }));
    expect(store.getState().text).toBe(text);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(moved);
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(text);
  });

  it('sets a rule’s retry backoff and whether retries avoid hosts already tried', () => {
    // given the http rule, without retries
    const { store, panel } = renderInspector(`${SHOP}#http/0`);
    const before = store.getState().text;
    fireEvent.click(within(panel).getByRole('button', { name: 'Retries' }));
    // when retries are told to avoid no host: a boolean, written under retries after the route
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Avoid hosts already tried' }), {
      target: { value: 'false' },
    });
    const avoided = before.replace(
      '      weight: 10 # canary\n',
      '      weight: 10 # canary\n    retries:\n      retryIgnorePreviousHosts: false\n',
    );
    expect(store.getState().text).toBe(avoided);
    // when the backoff is no duration, it is refused in Istio's words, the draft kept
    const backoff = within(panel).getByRole('textbox', { name: 'Backoff' });
    typeAndEnter(backoff, 'soon');
    expect(backoff).toHaveAttribute('aria-invalid', 'true');
    expect(backoff).toHaveValue('soon');
    expect(store.getState().text).toBe(avoided);
    // and a duration is written after it (API order)
    typeAndEnter(backoff, '50ms');
    expect(store.getState().text).toBe(
      avoided.replace(
        'retryIgnorePreviousHosts: false\n',
        'retryIgnorePreviousHosts: false\n      backoff: 50ms\n',
      ),
    );
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(avoided);
  });
});
