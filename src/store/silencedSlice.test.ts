import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSailplanStore } from './createSailplanStore';

function example(name: string): string {
  return readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
}

const seed = example('seed-ingress.yaml');

describe('silenced findings', () => {
  const portName = seed.replace(
    '  - name: http\n    port: 80\n    targetPort: 80',
    '  - name: web\n    port: 80\n    targetPort: 80',
  );

  it('leaves a silenced code out of the diagnostics, for one resource or everywhere', () => {
    // given a Service port whose name does not tell Istio its protocol (IST0118)
    const store = createSailplanStore({ text: portName });
    const codes = () => store.getState().derived.diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes()).toContain('IST0118');
    // when it is silenced for another resource, it stays
    store.getState().silence('IST0118:Service/default/other');
    expect(codes()).toContain('IST0118');
    // when it is silenced for its resource, it goes, from the canvas's derivation too
    store.getState().silence('IST0118:Service/default/proxy');
    expect(codes()).not.toContain('IST0118');
    expect(
      store.getState().lastGood.diagnostics.map((diagnostic) => diagnostic.code),
    ).not.toContain('IST0118');
    // and unsilencing brings it back
    store.getState().unsilence('IST0118:Service/default/proxy');
    expect(codes()).toContain('IST0118');
    // a code silenced everywhere stays silenced through edits
    store.getState().setSilenced(['IST0118']);
    store.getState().replaceText(`${portName}\n`);
    expect(codes()).not.toContain('IST0118');
  });

  it('starts with the design list it is given', () => {
    const store = createSailplanStore({ text: portName, silenced: ['IST0118'] });
    expect(store.getState().derived.diagnostics).toEqual([]);
  });
});
