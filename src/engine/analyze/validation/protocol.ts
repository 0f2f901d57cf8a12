/** Istio's port protocols (`protocol.Parse`), read case-insensitively. */
export const PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'HTTP2',
  'HTTP_PROXY',
  'GRPC',
  'GRPC-WEB',
  'TCP',
  'TLS',
  'UDP',
  'MONGO',
  'REDIS',
  'MYSQL',
] as const;

/** One of Istio's protocols. */
export type Protocol = (typeof PROTOCOLS)[number];

const BY_LOWER_NAME: ReadonlyMap<string, Protocol> = new Map(
  PROTOCOLS.map((protocol) => [protocol.toLowerCase(), protocol]),
);

/** The protocol a written name stands for, or undefined when Istio does not know it. */
export function parseProtocol(written: string | undefined): Protocol | undefined {
  return written === undefined ? undefined : BY_LOWER_NAME.get(written.toLowerCase());
}

/** HTTP-family protocols: their traffic is routed by `http[]` rules. */
export function isHttpProtocol(protocol: Protocol | undefined): boolean {
  return (
    protocol === 'HTTP' ||
    protocol === 'HTTP2' ||
    protocol === 'HTTP_PROXY' ||
    protocol === 'GRPC' ||
    protocol === 'GRPC-WEB'
  );
}

/** Protocols that carry TLS: HTTPS and TLS. */
export function isTlsProtocol(protocol: Protocol | undefined): boolean {
  return protocol === 'HTTPS' || protocol === 'TLS';
}

/** Istio's IsTCP: TCP and the protocols carried over opaque TCP. */
export function isTcpProtocol(protocol: Protocol | undefined): boolean {
  return (
    protocol === 'TCP' ||
    protocol === 'HTTPS' ||
    protocol === 'TLS' ||
    protocol === 'MONGO' ||
    protocol === 'REDIS' ||
    protocol === 'MYSQL'
  );
}
