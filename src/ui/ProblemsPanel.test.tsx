// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RULE_DESCRIPTORS } from '../engine';
import {
  createSailplanStore,
  SailplanStoreProvider,
  withoutAnalysisForTesting,
  type SailplanStore,
} from '../store';
import seed from '../../examples/seed-ingress.yaml?raw';
import { BottomPanel, loadPanels } from './BottomPanel';

/** The seed with two findings: a route to a host that does not exist, a port name Istio cannot read. */
const withProblems = seed
  .replace('host: proxy', 'host: proxy-v2')
  .replace(
    '  - name: http\n    port: 80\n    targetPort: 80',
    '  - name: web\n    port: 80\n    targetPort: 80',
  );

function renderProblems(text = withProblems, silenced: readonly string[] = []): SailplanStore {
  const store = createSailplanStore({ text, silenced });
  store.getState().setPanel('problems');
  render(
    <SailplanStoreProvider store={store}>
      <BottomPanel />
    </SailplanStoreProvider>,
  );
  return store;
}

function rows(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'Problems' })).getAllByRole('listitem');
}

// The panels' code loads on demand in the app; here it is loaded once, before any render.
beforeAll(loadPanels);

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the Problems panel', () => {
  it('lists every diagnostic with its level, code, resource, message and place', () => {
    renderProblems();
    expect(rows()).toHaveLength(2);
    const notFound = within(rows()[0] as HTMLElement).getByRole('button', {
      name: /^error: IST0101/,
    });
    expect(notFound).toHaveAccessibleName(
      'error: IST0101 VirtualService default/proxy: Referenced host not found: "proxy-v2", design.yaml:50:15',
    );
    expect(rows()[1]).toHaveTextContent('IST0118');
    expect(rows()[1]).toHaveTextContent('Service default/proxy');
  });

  it('filters by level', () => {
    renderProblems();
    fireEvent.click(screen.getByRole('button', { name: /^Errors/ }));
    expect(screen.getByRole('button', { name: /^Errors/ })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('IST0118');
    fireEvent.click(screen.getByRole('button', { name: /^Info/ }));
    expect(screen.getByText('No problems at the levels shown.')).toBeInTheDocument();
  });

  it('shows a problem clicked: its node part selected, its exact range revealed', () => {
    const store = renderProblems();
    fireEvent.click(
      within(rows()[0] as HTMLElement).getByRole('button', { name: /^error: IST0101/ }),
    );
    expect(store.getState().selection).toEqual({
      id: 'VirtualService/default/proxy#http/0',
      origin: 'panel',
    });
    expect(store.getState().revealRequest?.range).toMatchObject({ line: 50, column: 15 });
  });

  it('moves between problems with the arrow keys, Home and End', () => {
    renderProblems();
    const [first, second] = rows().map((row) => within(row).getAllByRole('button')[0]);
    first?.focus();
    fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown' });
    expect(second).toHaveFocus();
    fireEvent.keyDown(second as HTMLElement, { key: 'Home' });
    expect(first).toHaveFocus();
    fireEvent.keyDown(first as HTMLElement, { key: 'End' });
    expect(second).toHaveFocus();
  });

  it('silences a finding for its resource or everywhere, and reports it again', () => {
    const store = renderProblems();
    fireEvent.click(
      screen.getByRole('button', { name: 'Silence IST0118 for Service default/proxy' }),
    );
    expect(rows()).toHaveLength(1);
    expect(store.getState().silenced).toEqual(['IST0118:Service/default/proxy']);
    const problemsTab = screen.getByRole('tab', { name: 'Problems' });
    expect(problemsTab).toHaveAccessibleName('Problems');
    expect(problemsTab).toHaveAccessibleDescription('1 error');
    // the silenced list names it and brings it back
    fireEvent.click(screen.getByRole('button', { name: /^Silenced/ }));
    const silenced = screen.getByRole('region', { name: 'Silenced findings' });
    expect(silenced).toHaveTextContent(
      'IST0118 PortNameIsNotUnderNamingConvention for Service default/proxy',
    );
    fireEvent.click(within(silenced).getByRole('button', { name: /^Report IST0118/ }));
    expect(rows()).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Silence IST0101 everywhere' }));
    expect(store.getState().silenced).toEqual(['IST0101']);
    expect(rows()).toHaveLength(1);
  });

  it('explains a code from the rule catalogue, in the row and in the catalogue', () => {
    renderProblems();
    const help = screen.getByRole('button', { name: 'What is IST0118?' });
    fireEvent.click(help);
    expect(help).toHaveAttribute('aria-expanded', 'true');
    expect(rows()[1]).toHaveTextContent(
      "PortNameIsNotUnderNamingConvention (istio analyzer, usually info): A Service port's name and appProtocol do not tell Istio its protocol.",
    );
    fireEvent.click(screen.getByRole('button', { name: 'Rule catalogue' }));
    const catalogue = screen.getByRole('region', { name: 'Rule catalogue' });
    expect(within(catalogue).getAllByRole('row')).toHaveLength(RULE_DESCRIPTORS.length + 1);
  });

  it('keeps the findings a design was opened with silenced (the design session saves them with it)', () => {
    // given a design opened with one of its findings silenced
    const store = renderProblems(withProblems, ['IST0118:Service/default/proxy']);
    // then only the other one is listed, and the silenced one is listed as such
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('IST0101');
    fireEvent.click(screen.getByRole('button', { name: /^Silenced/ }));
    expect(screen.getByRole('region', { name: 'Silenced findings' })).toHaveTextContent(
      'IST0118 PortNameIsNotUnderNamingConvention for Service default/proxy',
    );
    // and nothing is kept in this browser beside the design
    expect(store.getState().silenced).toEqual(['IST0118:Service/default/proxy']);
    expect(localStorage.length).toBe(0);
  });

  it('gives every control an accessible name', () => {
    renderProblems();
    fireEvent.click(screen.getByRole('button', { name: /^Silenced/ }));
    for (const control of document.querySelectorAll('input, select, button, textarea')) {
      expect(control, control.outerHTML).toHaveAccessibleName();
    }
  });

  it('says it is checking until the analysis arrives, never that there are no problems', async () => {
    const restore = withoutAnalysisForTesting();
    try {
      // given the panel shown before the analysis has arrived (the panel starts loading it)
      renderProblems();
      // then it says it is checking, with none of the analyzer's findings listed yet
      expect(screen.getByRole('status')).toHaveTextContent('Checking…');
      expect(screen.queryByText('No problems found in the design.')).toBeNull();
      // when the analysis arrives, then its findings are listed
      expect(await screen.findAllByRole('button', { name: /^error: IST0101/ })).toHaveLength(1);
      expect(rows()).toHaveLength(2);
      expect(screen.queryByText('Checking…')).toBeNull();
    } finally {
      restore();
    }
  });
});
