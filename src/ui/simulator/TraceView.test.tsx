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
});
