// @vitest-environment jsdom
import { cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import seed from '../../../examples/seed-ingress.yaml?raw';
import egress from '../../../examples/egress-service-entry.yaml?raw';
import { selectOptions } from './fields';
import { renderInspector } from './testing/renderInspector';

/** The label of the option a select shows. */
function shownOption(select: HTMLElement): string | undefined {
  const element = select as HTMLSelectElement;
  return element.options[element.selectedIndex]?.textContent ?? undefined;
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('a select whose value is not among its options', { timeout: 20_000 }, () => {
  it('keeps its options when the value is one of them', () => {
    const options = [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ];
    expect(selectOptions('b', options)).toEqual({ options, unknown: false });
  });

  it('shows a value outside its options as written, marked not valid, and an empty one as not set', () => {
    const options = [{ value: 'a', label: 'A' }];
    expect(selectOptions('Banana', options)).toEqual({
      options: [{ value: 'Banana', label: 'Banana (not valid)' }, ...options],
      unknown: true,
    });
    expect(selectOptions('', options, 'Not set (A)')).toEqual({
      options: [{ value: '', label: 'Not set (A)' }, ...options],
      unknown: false,
    });
    expect(selectOptions('', options).options[0]).toEqual({ value: '', label: 'Not set' });
  });

  it('given a Service of type Banana, shows Banana (not valid), not ClusterIP, and writes nothing when chosen again', () => {
    const text = seed.replace('spec:\n  type: LoadBalancer', 'spec:\n  type: Banana');
    const { store, panel } = renderInspector('Service/istio-system/istio-ingressgateway', text);
    const type = within(panel).getByRole('combobox', { name: 'Type' });
    expect(type).toHaveValue('Banana');
    expect(shownOption(type)).toBe('Banana (not valid)');
    expect(type).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(type, { target: { value: 'Banana' } });
    expect(store.getState().text).toBe(text);
    // choosing a valid type writes it, and the value as written is gone from the options
    fireEvent.change(type, { target: { value: 'NodePort' } });
    expect(store.getState().text).toContain('spec:\n  type: NodePort');
  });

  it('given a Service without a type, shows it not set (ClusterIP, the default), not the first option', () => {
    const { panel } = renderInspector('Service/default/proxy', seed);
    const type = within(panel).getByRole('combobox', { name: 'Type' });
    expect(type).toHaveValue('');
    expect(shownOption(type)).toBe('Not set (ClusterIP)');
    expect(type).not.toHaveAttribute('aria-invalid');
  });

  it('given enums the model drops (a ServiceEntry resolution, a TLS mode), shows them as written', () => {
    const text = egress.replace(/resolution: \w+/, 'resolution: SOMETIMES');
    expect(text).not.toBe(egress);
    const { panel } = renderInspector('ServiceEntry/shop/payments-provider', text);
    const resolution = within(panel).getByRole('combobox', { name: 'Resolution' });
    expect(shownOption(resolution)).toBe('SOMETIMES (not valid)');
    cleanup();
    const gateway = seed.replace(
      '      protocol: HTTP\n',
      '      protocol: HTTPS\n    tls:\n      mode: SOMETIMES\n',
    );
    const { panel: gatewayPanel } = renderInspector(
      'Gateway/istio-system/default-gateway',
      gateway,
    );
    const mode = within(gatewayPanel).getByRole('combobox', { name: 'Server 1 TLS mode' });
    expect(shownOption(mode)).toBe('SOMETIMES (not valid)');
  });
});
