import { describe, expect, it } from 'vitest';
import { designOf } from '../testing/designOf';
import { isVisibleTo } from './resolveVisibility';

const virtualService = (exportTo: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v, namespace: shop}\nspec:\n  hosts: [a]${exportTo}\n`;

describe('isVisibleTo (routing-semantics §2.3, §3.2, §4)', () => {
  it.each([
    { exportTo: '', from: 'istio-system', visible: true },
    { exportTo: '\n  exportTo: ["*"]', from: 'istio-system', visible: true },
    { exportTo: '\n  exportTo: ["."]', from: 'shop', visible: true },
    { exportTo: '\n  exportTo: ["."]', from: 'istio-system', visible: false },
    { exportTo: '\n  exportTo: [istio-system]', from: 'istio-system', visible: true },
    { exportTo: '\n  exportTo: [istio-system]', from: 'shop', visible: false },
    { exportTo: '\n  exportTo: [shop]', from: 'shop', visible: true },
    { exportTo: '\n  exportTo: []', from: 'anything', visible: true },
  ])(
    'given a VirtualService in shop with exportTo "$exportTo", then visible from $from is $visible',
    ({ exportTo, from, visible }) => {
      const resource = designOf(virtualService(exportTo)).model.virtualServices[0];
      expect(resource && isVisibleTo(resource, from)).toBe(visible);
    },
  );

  it.each([
    { exportTo: '["~"]', from: 'shop', visible: false },
    { exportTo: '["."]', from: 'shop', visible: true },
  ])(
    'given a ServiceEntry with exportTo $exportTo, then visible from $from is $visible',
    ({ exportTo, from, visible }) => {
      const { model } = designOf(
        `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: e, namespace: shop}\nspec:\n  hosts: [api.example.com]\n  exportTo: ${exportTo}\n`,
      );
      const resource = model.serviceEntries[0];
      expect(resource && isVisibleTo(resource, from)).toBe(visible);
    },
  );

  it.each([
    { annotation: '"."', from: 'istio-system', visible: false },
    { annotation: '"default, istio-system"', from: 'istio-system', visible: true },
    { annotation: '"*"', from: 'shop', visible: true },
  ])(
    'given a Service exportTo annotation $annotation, then visible from $from is $visible',
    ({ annotation, from, visible }) => {
      const { model } = designOf(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    networking.istio.io/exportTo: ${annotation}\n`,
      );
      const resource = model.services[0];
      expect(resource && isVisibleTo(resource, from)).toBe(visible);
    },
  );
});
