import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(fault: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: aborts, namespace: default}
spec:
  hosts: [web]
  http: [{fault: ${fault}, route: [{destination: {host: web}}]}]`;
}

describe('SP1003 FaultWithoutPercentage (V58)', () => {
  it('given an abort and a delay without percentage, when analyzed, then both never fire', () => {
    expect(
      messagesOf('SP1003', [virtualService('{abort: {httpStatus: 503}, delay: {fixedDelay: 2s}}')]),
    ).toEqual([
      'fault.abort has no percentage, so no request is aborted; set percentage.value (0-100).',
      'fault.delay has no percentage, so no request is delayed; set percentage.value (0-100).',
    ]);
  });

  it('given percentages (including the deprecated delay percent), when analyzed, then nothing is reported', () => {
    expect(
      withCode('SP1003', [
        virtualService(
          '{abort: {httpStatus: 503, percentage: {value: 10}}, delay: {fixedDelay: 2s, percent: 5}}',
        ),
      ]),
    ).toEqual([]);
  });
});
