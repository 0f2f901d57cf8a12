import { describe, expect, it } from 'vitest';
import { validateExportTo } from './exportTo';

const virtualService = {
  namespace: 'shop',
  isServiceEntry: false,
  isDestinationRuleWithSelector: false,
};

describe('exportTo', () => {
  it('given ".", "*" or namespace names alone, when checked, then they pass', () => {
    expect(validateExportTo(['.'], virtualService)).toEqual([]);
    expect(validateExportTo(['*'], virtualService)).toEqual([]);
    expect(validateExportTo(['shop', 'istio-system'], virtualService)).toEqual([]);
  });

  it('given "." and the own namespace, when checked, then it is a duplicate', () => {
    expect(validateExportTo(['shop', '.'], virtualService)).toEqual([
      { index: 1, message: 'duplicate entries in exportTo: . and current namespace shop' },
    ]);
  });

  it('given "*" with another entry, when checked, then public and non-public are mixed', () => {
    expect(validateExportTo(['*', 'shop'], virtualService)).toEqual([
      { message: 'cannot have both public (*) and non-public exportTo values for a resource' },
    ]);
  });

  it('given "~", when on a VirtualService, then it is refused, and on a ServiceEntry accepted', () => {
    expect(validateExportTo(['~'], virtualService)).toEqual([
      { index: 0, message: 'exportTo ~ (none) is not allowed for Istio configuration objects' },
    ]);
    expect(validateExportTo(['~'], { ...virtualService, isServiceEntry: true })).toEqual([]);
    expect(validateExportTo(['~', 'shop'], { ...virtualService, isServiceEntry: true })).toEqual([
      { message: 'cannot export service entry to no one (~) and someone' },
    ]);
  });

  it('given a DestinationRule with a workload selector, when exported elsewhere, then it is refused', () => {
    const owner = { ...virtualService, isDestinationRuleWithSelector: true };
    expect(validateExportTo(['.'], owner)).toEqual([]);
    expect(validateExportTo(['other'], owner)).toEqual([
      {
        message:
          'destination rule with workload selector cannot have exportTo beyond current namespace',
      },
    ]);
    expect(validateExportTo(['.', 'other'], owner)).toEqual([
      {
        message: 'destination rule with workload selector cannot have multiple entries in exportTo',
      },
    ]);
  });
});
