// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Request } from '../engine';
import { createSailplanStore, SailplanStoreProvider, type SailplanStore } from '../store';
import seed from '../../examples/seed-ingress.yaml?raw';
import headerRouting from '../../examples/header-routing-subsets.yaml?raw';
import canary from '../../examples/canary-split.yaml?raw';
import { SimulatorPanel } from './SimulatorPanel';
import { READY_REQUESTS_SHOWN } from './simulator/ReadyRequestPicker';

const PRODUCT_PAGE = { namespace: 'bookinfo', labels: { app: 'productpage', version: 'v1' } };

function renderPanel(text: string, request: Request): SailplanStore {
  const store = createSailplanStore({ text, request });
  render(
    <SailplanStoreProvider store={store}>
      <SimulatorPanel />
    </SailplanStoreProvider>,
  );
  return store;
}

function outcome(): string {
  return screen.getByRole('status').textContent ?? '';
}

afterEach(cleanup);

describe('the Simulator panel', () => {
  it('sends the request on Enter in the URL and lists the trace steps with their reasons', () => {
    // given the seed and an empty request
    const store = renderPanel(seed, { method: 'GET', url: '' });
    // when the user types a URL and presses Enter
    const url = screen.getByRole('textbox', { name: 'URL' });
    fireEvent.change(url, { target: { value: 'http://example.com/' } });
    fireEvent.submit(url);
    // then the request is in the store, and its outcome and steps are shown
    expect(store.getState().request.url).toBe('http://example.com/');
    expect(outcome()).toContain('proxy.default.svc.cluster.local:80');
    const steps = within(screen.getByRole('list', { name: 'Trace steps' })).getAllByRole(
      'listitem',
    );
    expect(steps.length).toBeGreaterThan(5);
    expect(steps[1]).toHaveTextContent(/LoadBalancer istio-system\/istio-ingressgateway/);
    expect(steps[1]).toHaveTextContent('Service port http2 forwards to targetPort 8080');
  });

  it('keeps the URL parts and the URL in step', () => {
    const store = renderPanel(seed, { url: 'http://example.com/' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Path' }), {
      target: { value: '/cart' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Query' }), {
      target: { value: 'id=7' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Port' }), { target: { value: '8080' } });
    expect(store.getState().request.url).toBe('http://example.com:8080/cart?id=7');
    fireEvent.change(screen.getByRole('textbox', { name: 'URL' }), {
      target: { value: 'https://shop.example.com/' },
    });
    expect(screen.getByRole('textbox', { name: 'Host' })).toHaveValue('shop.example.com');
    expect(screen.getByRole('combobox', { name: 'Scheme' })).toHaveValue('https');
  });

  it('routes by the header rows the user adds, changes and removes', () => {
    // given reviews called from productpage without headers: everyone else, subset v1
    const store = renderPanel(headerRouting, {
      url: 'http://reviews:9080/reviews/0',
      from: PRODUCT_PAGE,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(outcome()).toContain('subset v1');
    // when a header row is added and filled with end-user: jason
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    const name = screen.getByRole('textbox', { name: 'Header 1 name' });
    expect(name).toHaveFocus();
    fireEvent.change(name, { target: { value: 'end-user' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Header 1 value' }), {
      target: { value: 'jason' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    // then the request carries it and lands on subset v2
    expect(store.getState().request.headers).toEqual([['end-user', 'jason']]);
    expect(outcome()).toContain('subset v2');
    // and removing it goes back to v1
    fireEvent.click(screen.getByRole('button', { name: 'Remove header end-user' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(outcome()).toContain('subset v1');
  });

  it('sends from a chosen workload, or from a namespace and labels', () => {
    const store = renderPanel(headerRouting, { url: 'http://reviews:9080/reviews/0' });
    fireEvent.click(screen.getByRole('radio', { name: 'A workload in the mesh' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Workload' }), {
      target: { value: 'Deployment/bookinfo/reviews-v1' },
    });
    expect(store.getState().request.from).toEqual({
      namespace: 'bookinfo',
      labels: { app: 'reviews', version: 'v1' },
    });
    const labels = screen.getByRole('textbox', { name: 'Labels' });
    fireEvent.change(labels, { target: { value: 'app=ratings' } });
    fireEvent.blur(labels);
    expect(store.getState().request.from).toEqual({
      namespace: 'bookinfo',
      labels: { app: 'ratings' },
    });
    expect(screen.getByRole('combobox', { name: 'Workload' })).toHaveValue('');
    fireEvent.click(screen.getByRole('radio', { name: 'The internet, through' }));
    expect(store.getState().request.from).toBe('ingress');
  });

  it('offers ready requests derived from the design, and sends the one picked', () => {
    const store = renderPanel(headerRouting, { url: '' });
    const ready = screen.getByRole('combobox', { name: 'Ready requests' });
    const option = within(ready).getByRole('option', {
      name: 'GET http://bookinfo.example.com/productpage (bookinfo/bookinfo)',
    });
    fireEvent.change(ready, { target: { value: (option as HTMLOptionElement).value } });
    expect(store.getState().request.url).toBe('http://bookinfo.example.com/productpage');
    expect(outcome()).toContain('productpage.bookinfo.svc.cluster.local:9080');
  });

  it('offers the first ready requests of a large design and says there are more', () => {
    // given a design of 60 VirtualServices on the seed's gateway, one host each
    const hosts = Array.from({ length: 60 }, (_, index) => `app-${index}.example.com`);
    const virtualServices = hosts.map((host, index) =>
      [
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        `metadata: {name: app-${index}, namespace: default}`,
        `spec: {hosts: [${host}], gateways: [istio-system/default-gateway], http: [{route: [{destination: {host: proxy}}]}]}`,
      ].join('\n'),
    );
    renderPanel([seed, ...virtualServices].join('\n---\n'), { url: '' });
    const ready = screen.getByRole('combobox', { name: 'Ready requests' });
    // then the list holds the first 50 and a note that there are more, which cannot be picked
    const options = within(ready).getAllByRole('option');
    const offered = options.filter((option) => !(option as HTMLOptionElement).disabled);
    expect(offered).toHaveLength(READY_REQUESTS_SHOWN);
    expect(options.at(-1)).toHaveTextContent(/^More hosts: type the URL$/);
    expect(options.at(-1)).toBeDisabled();
  });

  it('explains a 404 with the rules tried, near misses first, and marks them', () => {
    // given a path only one match entry nearly matches
    renderPanel(headerRouting, { url: 'http://bookinfo.example.com/api/v1/product' });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(outcome()).toBe('404: no route (NR)');
    const tried = within(screen.getByRole('list', { name: 'Rules tried' })).getAllByRole(
      'listitem',
    );
    expect(tried).toHaveLength(5);
    // the prefix /api/v1/products is one letter off: it comes first, as a near miss
    expect(tried[0]).toHaveTextContent('match[4]');
    expect(tried[0]).toHaveTextContent('near miss');
    expect(tried[0]).toHaveTextContent('wanted prefix "/api/v1/products", got "/api/v1/product"');
    // and the outcome names it, a click away from its lines
    const nearest = screen.getByRole('button', {
      name: /^Nearest miss: bookinfo\/bookinfo http\[0\]/,
    });
    expect(nearest).toHaveAccessibleName(/match\[4\]: uri: wanted prefix "\/api\/v1\/products"/);
  });

  it('selects the node of a step clicked, and asks the editor to reveal its lines', () => {
    const store = renderPanel(seed, { url: 'http://example.com/' });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    fireEvent.click(screen.getByRole('button', { name: /^Destination proxy\.default/ }));
    expect(store.getState().selection).toEqual({ id: 'Service/default/proxy', origin: 'panel' });
    expect(store.getState().revealRequest?.range.line).toBe(49);
    // a step decided inside a part of its node selects that part: the rule, the port
    fireEvent.click(screen.getByRole('button', { name: /^default\/proxy http\[0\]/ }));
    expect(store.getState().selection?.id).toBe('VirtualService/default/proxy#http/0');
    fireEvent.click(screen.getByRole('button', { name: /^LoadBalancer istio-system/ }));
    expect(store.getState().selection?.id).toBe('Service/istio-system/istio-ingressgateway#port/0');
  });

  it('shows a split as percentages and samples one destination', () => {
    renderPanel(canary, { url: 'http://shop.example.com/cart' });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(outcome()).toContain('90% subset stable · 10% subset canary');
    expect(screen.getByText('90% of requests')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Sample' }));
    expect(outcome()).toMatch(/subset (stable|canary) \(sampled\)$/);
    expect(screen.getByText(/sampled, draw/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'All outcomes' }));
    expect(outcome()).toContain('Split across 2 destinations');
  });

  it('follows an edit of the design without a new send', () => {
    const store = renderPanel(seed, { url: 'http://example.com/' });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    act(() => store.getState().replaceText(seed.replace('host: proxy', 'host: web')));
    expect(outcome()).toBe('503: no cluster (NC)');
  });

  it('gives every control an accessible name', () => {
    renderPanel(headerRouting, {
      url: 'http://reviews:9080/',
      headers: [['a', 'b']],
      from: PRODUCT_PAGE,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const controls = document.querySelectorAll('input, select, button, textarea');
    expect(controls.length).toBeGreaterThan(15);
    for (const control of controls) expect(control).toHaveAccessibleName();
  });
  it('on an empty design, says what to do first instead of offering ready requests', () => {
    renderPanel('', { url: '' });
    expect(
      screen.getByText(/The design is empty: add resources from the palette or in the YAML/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/pick one of the ready requests/)).toBeNull();
  });
});
