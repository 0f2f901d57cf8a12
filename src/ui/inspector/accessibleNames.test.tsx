// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSailplanStore, SailplanStoreProvider } from '../../store';
import headerRouting from '../../../examples/header-routing-subsets.yaml?raw';
import egress from '../../../examples/egress-service-entry.yaml?raw';
import seed from '../../../examples/seed-ingress.yaml?raw';
import redirects from '../../../examples/redirects-rewrites.yaml?raw';
import faults from '../../../examples/fault-injection.yaml?raw';
import bookinfo from '../../../examples/bookinfo-mesh.yaml?raw';
import canary from '../../../examples/canary-split.yaml?raw';
import teams from '../../../examples/shared-gateway-teams.yaml?raw';
import { Inspector } from './Inspector';

const ROLES = ['textbox', 'combobox', 'checkbox', 'spinbutton', 'button'] as const;

/** Opens every closed section of the panel, and those the opened ones show. */
function openEverySection(panel: HTMLElement): void {
  for (let round = 0; round < 20; round++) {
    const closed = panel.querySelectorAll<HTMLElement>('button[aria-expanded="false"]');
    if (closed.length === 0) return;
    closed.forEach((button) => fireEvent.click(button));
  }
}

/** The accessible names that more than one control of the panel has, with how many share each. */
function repeatedNames(panel: HTMLElement): Map<string, number> {
  const counts = new Map<string, number>();
  for (const role of ROLES) {
    // The `name` option is called with each control's accessible name, as testing-library computes it.
    within(panel).queryAllByRole(role, {
      name: (name) => {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return true;
      },
    });
  }
  return new Map([...counts].filter(([, count]) => count > 1));
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the inspector’s accessible names', { timeout: 120_000 }, () => {
  it.each([
    ['header-routing-subsets', headerRouting],
    ['egress-service-entry', egress],
    ['seed-ingress', seed],
    ['redirects-rewrites', redirects],
    ['fault-injection', faults],
    ['bookinfo-mesh', bookinfo],
    ['canary-split', canary],
    ['shared-gateway-teams', teams],
  ])(
    'given %s, no two controls of any resource’s panel share a name, every section open',
    (_name, text) => {
      const store = createSailplanStore({ text });
      const { design, topology } = store.getState().derived;
      // Every resource, every rule of every VirtualService, every edge.
      const keys: string[] = [];
      for (const [key, resource] of design.model.byKey) {
        keys.push(key);
        if (resource.kind !== 'VirtualService') continue;
        for (const section of ['http', 'tcp', 'tls'] as const) {
          (resource.spec[section] ?? []).forEach((_rule, index) =>
            keys.push(`${key}#${section}/${index}`),
          );
        }
      }
      keys.push(...topology.edges.map((edge) => edge.id));
      expect(keys.length).toBeGreaterThan(3);
      const repeated: string[] = [];
      for (const key of keys) {
        act(() => store.getState().select({ id: key, origin: 'canvas' }));
        render(
          <SailplanStoreProvider store={store}>
            <Inspector />
          </SailplanStoreProvider>,
        );
        const panel = screen.getByRole('complementary', { name: 'Inspector' });
        openEverySection(panel);
        for (const [name, count] of repeatedNames(panel))
          repeated.push(`${key}: "${name}" ×${count}`);
        cleanup();
      }
      expect(repeated).toEqual([]);
    },
  );
});
