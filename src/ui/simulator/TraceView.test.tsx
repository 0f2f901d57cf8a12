// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSailplanStore, SailplanStoreProvider } from '../../store';
import canary from '../../../examples/canary-split.yaml?raw';
import { TraceView } from './TraceView';

afterEach(cleanup);

describe('TraceView', () => {
  it('given a sampled request, then the chip and the first step show the same draw, not the raw float', () => {
    // given the canary split, sent with the draw Math.random gave
    const store = createSailplanStore({ text: canary });
    store.getState().setRequest({ method: 'GET', headers: [], url: 'http://shop.example.com/' });
    render(
      <SailplanStoreProvider store={store}>
        <TraceView />
      </SailplanStoreProvider>,
    );
    act(() => store.getState().sendRequest(0.15676493302013927));
    // then both read 0.15, and the float is nowhere
    const trace = screen.getByRole('region', { name: 'Trace' });
    expect(screen.getByText('sampled, draw 0.15')).toBeVisible();
    expect(trace).toHaveTextContent('port 80, draw 0.15');
    expect(trace).not.toHaveTextContent('0.1567');
  });

  it('given Sample, then the panel says it is a sample of one request and how to see the whole split', () => {
    const store = createSailplanStore({ text: canary });
    store.getState().setRequest({ method: 'GET', headers: [], url: 'http://shop.example.com/' });
    render(
      <SailplanStoreProvider store={store}>
        <TraceView />
      </SailplanStoreProvider>,
    );
    act(() => store.getState().sendRequest());
    expect(screen.getByRole('status')).toHaveTextContent('Split across 2 destinations');
    // when Sample draws the stable subset
    act(() => store.getState().sendRequest(0.15));
    // then the outcome and the steps are that request's, and the way back is named
    expect(screen.getByRole('status')).toHaveTextContent(
      'storefront.shop.svc.cluster.local:80, subset stable (sampled)',
    );
    const steps = screen.getByRole('list', { name: 'Trace steps' });
    expect(steps).not.toHaveTextContent('Subset canary');
    expect(screen.getByText(/A sample: one request/)).toHaveTextContent('All outcomes');
    act(() => screen.getByRole('button', { name: 'All outcomes' }).click());
    expect(screen.getByRole('status')).toHaveTextContent('Split across 2 destinations');
  });
});
