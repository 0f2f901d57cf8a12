// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSailplanStore, SailplanStoreProvider, type SailplanStore } from '../../store';
import seed from '../../../examples/seed-ingress.yaml?raw';
import { ClusterDomainField } from './ClusterDomainField';

/** The seed with its route written as an FQDN in the corp.example domain. */
const corpRoute = seed.replace('host: proxy', 'host: proxy.default.svc.corp.example');

function renderField(text: string): SailplanStore {
  const store = createSailplanStore({ text });
  render(
    <SailplanStoreProvider store={store}>
      <ClusterDomainField />
    </SailplanStoreProvider>,
  );
  return store;
}

function hostErrors(store: SailplanStore): string[] {
  return store
    .getState()
    .derived.diagnostics.filter((diagnostic) => diagnostic.code === 'IST0101')
    .map((diagnostic) => diagnostic.message);
}

function setDomain(domain: string): void {
  const input = screen.getByRole('textbox', { name: 'Cluster domain' });
  fireEvent.change(input, { target: { value: domain } });
  fireEvent.submit(input);
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the cluster domain field', () => {
  it('shows cluster.local for a design that sets none', () => {
    renderField(seed);
    expect(screen.getByRole('textbox', { name: 'Cluster domain' })).toHaveValue('cluster.local');
  });

  it('writes the domain into the design as one undoable step, and the analysis follows', () => {
    const store = renderField(corpRoute);
    expect(hostErrors(store)).toHaveLength(1);

    setDomain('corp.example');
    store.getState().flush();
    const { text } = store.getState();
    expect(text.startsWith(corpRoute)).toBe(true);
    expect(text).toContain('kind: IstioOperator');
    expect(text).toContain('clusterDomain: corp.example');
    expect(hostErrors(store)).toEqual([]);
    expect(screen.getByRole('textbox', { name: 'Cluster domain' })).toHaveValue('corp.example');

    act(() => {
      store.getState().undo();
      store.getState().flush();
    });
    expect(store.getState().text).toBe(corpRoute);
    expect(screen.getByRole('textbox', { name: 'Cluster domain' })).toHaveValue('cluster.local');
    expect(hostErrors(store)).toHaveLength(1);
  });

  it('refuses a name that is not a DNS name and leaves the design as it is', () => {
    const store = renderField(seed);
    setDomain('Corp_Example');
    expect(screen.getByRole('textbox', { name: 'Cluster domain' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(store.getState().text).toBe(seed);
  });
});
