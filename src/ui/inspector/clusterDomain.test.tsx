// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesign } from '../../engine';
import { createSailplanStore, SailplanStoreProvider } from '../../store';
import { Inspector } from './Inspector';
import { SUGGESTIONS } from './Suggestions';
import { subsetsForHost } from './views/DestinationFields';

const CORP = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: cluster-domain, namespace: istio-system}
spec: {values: {global: {proxy: {clusterDomain: corp.example}}}}
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
---
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
`;

function renderInspector(id: string): HTMLElement {
  const store = createSailplanStore({ text: CORP });
  store.getState().select({ id, origin: 'canvas' });
  const { container } = render(
    <SailplanStoreProvider store={store}>
      <Inspector />
    </SailplanStoreProvider>,
  );
  return container;
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the inspector in a design with a custom cluster domain', { timeout: 20_000 }, () => {
  it('finds the subsets of a fully qualified host in the design’s domain', () => {
    // given a DestinationRule for the short host reviews in a corp.example design
    const { model } = loadDesign([{ name: 'design.yaml', text: CORP }]);
    // when a VirtualService in another namespace names the Service by its FQDN
    const subsets = subsetsForHost(model, 'reviews.bookinfo.svc.corp.example', 'frontend');
    // then the rule's subsets are offered, and the cluster.local name finds none
    expect(subsets).toEqual(['v1']);
    expect(subsetsForHost(model, 'reviews.bookinfo.svc.cluster.local', 'frontend')).toEqual([]);
  });

  it('explains short hosts and suggests Service FQDNs in the design’s domain', () => {
    // given the DestinationRule selected
    const container = renderInspector('DestinationRule/bookinfo/reviews');
    const panel = screen.getByRole('complementary', { name: 'Inspector' });
    // then the Host help names the corp.example FQDN
    expect(
      within(panel).getByText('A name without a dot means name.bookinfo.svc.corp.example.'),
    ).toBeInTheDocument();
    // and the host suggestions hold the Service's FQDN in that domain
    const options = [...container.querySelectorAll(`#${SUGGESTIONS.hosts} option`)].map((option) =>
      option.getAttribute('value'),
    );
    expect(options).toContain('reviews.bookinfo.svc.corp.example');
    expect(options).not.toContain('reviews.bookinfo.svc.cluster.local');
  });

  it('explains a VirtualService’s short hosts in the design’s domain', () => {
    renderInspector('VirtualService/bookinfo/reviews');
    const panel = screen.getByRole('complementary', { name: 'Inspector' });
    expect(
      within(panel).getByText('A name without a dot means name.bookinfo.svc.corp.example.'),
    ).toBeInTheDocument();
  });
});
