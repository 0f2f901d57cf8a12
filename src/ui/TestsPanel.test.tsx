// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSailplanStore,
  SailplanStoreProvider,
  withoutAnalysisForTesting,
  type SailplanStore,
} from '../store';
import seed from '../../examples/seed-ingress.yaml?raw';
import seedTests from '../../examples/seed-ingress.tests.yaml?raw';
import headerRouting from '../../examples/header-routing-subsets.yaml?raw';
import headerRoutingTests from '../../examples/header-routing-subsets.tests.yaml?raw';
import { BottomPanel, loadPanels } from './BottomPanel';

/** The bottom panel on its Tests tab, over a real store. */
function renderTests(text: string, tests: string): SailplanStore {
  const store = createSailplanStore({ text, tests });
  store.getState().setPanel('tests');
  render(
    <SailplanStoreProvider store={store}>
      <BottomPanel />
    </SailplanStoreProvider>,
  );
  return store;
}

function testRows(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'Route tests' })).getAllByRole('listitem');
}

// The panels' code loads on demand in the app; here it is loaded once, before any render.
beforeAll(loadPanels);

afterEach(cleanup);

describe('the Tests panel', () => {
  it("runs the design's tests and says how many pass", () => {
    renderTests(headerRouting, headerRoutingTests);
    expect(testRows()).toHaveLength(4);
    expect(screen.getByRole('status')).toHaveTextContent('4 passed, 0 failed');
    expect(testRows()[0]).toHaveTextContent('the product page is public through the gateway');
    expect(screen.getByLabelText('Rules reached by a test')).toHaveAttribute('value', '3');
  });

  it('saves the Simulator request and outcome as a test that then fails when the route breaks', () => {
    // given the seed without tests and a request sent in the Simulator
    const store = renderTests(seed, '');
    act(() => {
      store.getState().setRequest({ method: 'GET', url: 'http://example.com/' });
      store.getState().sendRequest();
    });
    // when it is saved as a test under the suggested name
    fireEvent.click(screen.getByRole('button', { name: 'Save as test' }));
    const name = screen.getByRole('textbox', { name: 'Test name' });
    expect(name).toHaveValue('GET example.com/ reaches proxy');
    fireEvent.submit(name);
    // then the design's tests hold it, and it passes
    expect(store.getState().tests).toContain('- name: GET example.com/ reaches proxy');
    expect(store.getState().tests).toContain('virtualService: default/proxy');
    expect(testRows()).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('1 passed, 0 failed');
    // when the route is broken in the YAML
    act(() => store.getState().replaceText(seed.replace('host: proxy', 'host: web')));
    // then the test fails with what differs, and the tab counts one failure
    expect(testRows()[0]).toHaveTextContent(/failed/);
    const difference = screen.getByRole('table', { name: /What differs/ });
    expect(within(difference).getByRole('rowheader', { name: 'destination' })).toBeInTheDocument();
    expect(difference).toHaveTextContent('proxy.default.svc.cluster.local port 80');
    // and says how the request ends now, beyond the keys the test compares
    expect(testRows()[0]).toHaveTextContent(
      'Now: 503 NC: Envoy has no cluster outbound|80||web.default.svc.cluster.local',
    );
    const testsTab = screen.getByRole('tab', { name: 'Tests' });
    expect(testsTab).toHaveAccessibleName('Tests');
    expect(testsTab).toHaveAccessibleDescription('1 failing test');
  });

  it('removes a test, and shows the trace of another in the Simulator', () => {
    const store = renderTests(headerRouting, headerRoutingTests);
    fireEvent.click(
      screen.getByRole('button', { name: 'Remove the test “other paths are not routed”' }),
    );
    expect(testRows()).toHaveLength(3);
    expect(store.getState().tests).not.toContain('other paths are not routed');
    fireEvent.click(
      screen.getByRole('button', { name: 'Trace “jason sees reviews v2” in the Simulator' }),
    );
    expect(store.getState().panel).toBe('simulator');
    expect(store.getState().simulation?.highlight.outcome.headline).toBe(
      'reviews.bookinfo.svc.cluster.local:9080, subset v2',
    );
  });

  it('lists the rules no test reaches', () => {
    const store = renderTests(headerRouting, '');
    act(() =>
      store
        .getState()
        .setTests(headerRoutingTests.slice(0, headerRoutingTests.indexOf('- name: other paths'))),
    );
    const unreached = within(screen.getByRole('list', { name: 'Rules no test reaches' }));
    expect(unreached.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'bookinfo/reviews http[0] "jason-sees-v2"',
      'bookinfo/reviews http[1] "everyone-else"',
    ]);
    fireEvent.click(unreached.getByRole('button', { name: /everyone-else/ }));
    expect(store.getState().selection).toEqual({
      id: 'VirtualService/bookinfo/reviews#http/1',
      origin: 'panel',
    });
  });

  it('imports a tests file, asking whether it replaces or joins the tests there are', async () => {
    const store = renderTests(headerRouting, headerRoutingTests);
    const file = new File([seedTests.replace('every host and path', 'a host')], 'more.tests.yaml');
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Tests file to import'), {
        target: { files: [file] },
      });
      await file.text();
    });
    const question = await screen.findByRole('group', { name: 'Import tests' });
    fireEvent.click(within(question).getByRole('button', { name: 'Add them' }));
    expect(testRows()).toHaveLength(5);
    expect(store.getState().tests.startsWith(headerRoutingTests)).toBe(true);
  });

  it('edits the tests as YAML and lists the errors of a file that does not read', () => {
    const store = renderTests(seed, seedTests);
    fireEvent.click(screen.getByRole('button', { name: 'Edit as YAML' }));
    const source = screen.getByRole('textbox', { name: 'Route tests (YAML)' });
    fireEvent.change(source, { target: { value: `${seedTests}    colour: red\n` } });
    fireEvent.keyDown(source, { key: 'Enter', ctrlKey: true });
    expect(store.getState().tests).toContain('colour: red');
    expect(screen.getByRole('list', { name: 'Errors in the tests file' })).toHaveTextContent(
      'unknown key "colour"',
    );
    const testsTab = screen.getByRole('tab', { name: 'Tests' });
    expect(testsTab).toHaveAccessibleName('Tests');
    expect(testsTab).toHaveAccessibleDescription('1 error in the tests file');
  });

  it('gives every control an accessible name', () => {
    const store = renderTests(headerRouting, headerRoutingTests);
    act(() => {
      store.getState().setRequest({ url: 'http://bookinfo.example.com/productpage' });
      store.getState().sendRequest();
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save as test' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit as YAML' }));
    for (const control of document.querySelectorAll(
      'input:not([hidden]), select, button, textarea, meter',
    )) {
      expect(control, control.outerHTML).toHaveAccessibleName();
    }
  });

  it('says the tests are running until their code arrives, never that none fail', async () => {
    const restore = withoutAnalysisForTesting();
    try {
      // given the panel shown before the route tests' code has arrived
      renderTests(headerRouting, headerRoutingTests);
      // then it says they are running, with no count of passes or failures
      expect(screen.getByRole('status')).toHaveTextContent('Running the tests…');
      expect(screen.queryByRole('list', { name: 'Route tests' })).toBeNull();
      // when it arrives, then the tests run
      expect(await screen.findByText('4 passed, 0 failed')).toBeInTheDocument();
      expect(testRows()).toHaveLength(4);
    } finally {
      restore();
    }
  });
});
