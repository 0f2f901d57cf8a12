import { describe, expect, it } from 'vitest';
import { admittedServerHosts, parseServerHost, resolveGatewayRef } from './resolveGateway';

describe('resolveGatewayRef (routing-semantics §1.8)', () => {
  it.each([
    { written: 'istio-system/public', key: 'Gateway/istio-system/public', form: 'namespaced' },
    { written: './public', key: 'Gateway/app/public', form: 'relative' },
    { written: 'public', key: 'Gateway/app/public', form: 'short' },
    {
      written: 'public.istio-system.svc.cluster.local',
      key: 'Gateway/istio-system/public',
      form: 'legacyFqdn',
    },
    { written: 'public.istio-system', key: 'Gateway/istio-system/public', form: 'legacyFqdn' },
  ])('given $written in a VirtualService in app, then $key', ({ written, key, form }) => {
    expect(resolveGatewayRef(written, 'app')).toMatchObject({
      type: 'gateway',
      key,
      form,
      written,
    });
  });

  it('given mesh, then the reference is the mesh', () => {
    expect(resolveGatewayRef('mesh', 'app')).toEqual({ type: 'mesh', written: 'mesh' });
  });
});

describe('parseServerHost and admittedServerHosts (routing-semantics §1.4)', () => {
  it.each([
    { written: 'foo.example.com', namespace: '*', dnsName: 'foo.example.com' },
    { written: '*/foo.example.com', namespace: '*', dnsName: 'foo.example.com' },
    { written: 'ns1/foo.example.com', namespace: 'ns1', dnsName: 'foo.example.com' },
    { written: './foo.example.com', namespace: 'gateways', dnsName: 'foo.example.com' },
    { written: 'ns1/*', namespace: 'ns1', dnsName: '*' },
    { written: '*', namespace: '*', dnsName: '*' },
    { written: '*/*', namespace: '*', dnsName: '*' },
  ])(
    'given $written on a Gateway in gateways, then namespace $namespace, name $dnsName',
    ({ written, namespace, dnsName }) => {
      expect(parseServerHost(written, 'gateways')).toEqual({ written, namespace, dnsName });
    },
  );

  it.each([
    { namespace: 'shop', admitted: ['a.com', 'b.com', 'c.com'] },
    { namespace: 'gateways', admitted: ['a.com', 'b.com', 'd.com'] },
    { namespace: 'other', admitted: ['a.com', 'b.com'] },
  ])(
    'given a VirtualService in $namespace, then it may bind $admitted',
    ({ namespace, admitted }) => {
      const hosts = ['a.com', '*/b.com', 'shop/c.com', './d.com'];
      expect(admittedServerHosts(hosts, 'gateways', namespace)).toEqual(admitted);
    },
  );
});
