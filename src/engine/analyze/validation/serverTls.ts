import type { ServerTLSSettings, YamlPath } from '../../model';
import type { SchemaReporter } from '../schemaReporter';

/** Cipher suites Envoy accepts in `tls.cipherSuites` (BoringSSL names, PSK suites excluded). */
const VALID_CIPHER_SUITES: ReadonlySet<string> = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
]);

const TLS_VERSIONS: ReadonlySet<string> = new Set([
  'TLS_AUTO',
  'TLSV1_0',
  'TLSV1_1',
  'TLSV1_2',
  'TLSV1_3',
]);

function isValidCipherSuite(cipherSuite: string): boolean {
  if (cipherSuite === '' || cipherSuite === 'ALL') return true;
  // Expressions such as `-AES128-SHA` or `[A|B]` are passed to BoringSSL unparsed.
  if (!/^[\p{L}\p{N}]/u.test(cipherSuite)) return true;
  return VALID_CIPHER_SUITES.has(cipherSuite);
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}

/** The webhook's server TLS checks (analyzers.md §2.1, "Server TLS settings"). */
export function validateServerTls(
  tls: ServerTLSSettings,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const mode = tls.mode ?? 'PASSTHROUGH';
  for (const field of ['minProtocolVersion', 'maxProtocolVersion'] as const) {
    const version = tls[field];
    if (version !== undefined && !TLS_VERSIONS.has(version)) {
      reporter.error(
        [...path, field],
        `invalid ${field} ${JSON.stringify(version)}, supported values are TLS_AUTO, TLSV1_0, TLSV1_1, TLSV1_2, TLSV1_3`,
      );
    }
  }
  if (
    (tls.minProtocolVersion === 'TLSV1_0' || tls.minProtocolVersion === 'TLSV1_1') &&
    (tls.cipherSuites ?? []).length === 0
  ) {
    reporter.warning(
      [...path, 'minProtocolVersion'],
      'TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.',
    );
  }
  checkCipherSuites(tls.cipherSuites ?? [], [...path, 'cipherSuites'], reporter);

  const credentialNames = tls.credentialNames ?? [];
  const tlsCertificates = tls.tlsCertificates ?? [];
  const hasCredential = nonEmpty(tls.credentialName) || credentialNames.length > 0;
  const certificateFields = (
    [
      ['serverCertificate', nonEmpty(tls.serverCertificate)],
      ['privateKey', nonEmpty(tls.privateKey)],
      ['caCertificates', nonEmpty(tls.caCertificates)],
      ['caCrl', nonEmpty(tls.caCrl)],
      ['credentialName', nonEmpty(tls.credentialName)],
      ['credentialNames', credentialNames.length > 0],
      ['tlsCertificates', tlsCertificates.length > 0],
    ] as const
  ).filter(([, set]) => set);

  if (mode === 'ISTIO_MUTUAL') {
    const forbidden: Readonly<Record<string, string>> = {
      serverCertificate: 'server certificate',
      privateKey: 'private key',
      caCertificates: 'CA bundle',
      credentialName: 'credentialName',
      credentialNames: 'credentialNames',
      tlsCertificates: 'tlsCertificates',
    };
    for (const [field] of certificateFields) {
      const described = forbidden[field];
      if (described !== undefined) {
        reporter.error([...path, field], `ISTIO_MUTUAL TLS cannot have associated ${described}`);
      }
    }
    return;
  }

  if ((mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') && certificateFields.length > 0) {
    const [firstField] = certificateFields[0] ?? ['mode'];
    reporter.warning(
      tls.mode === undefined ? [...path, firstField] : [...path, 'mode'],
      `${mode} mode does not use certificates, they will be ignored`,
    );
  }

  const sources = [
    nonEmpty(tls.credentialName),
    credentialNames.length > 0,
    nonEmpty(tls.serverCertificate) || nonEmpty(tls.privateKey),
    tlsCertificates.length > 0,
  ].filter(Boolean).length;
  if (sources > 1) {
    reporter.error(
      path,
      'only one of credentialName, credentialNames, serverCertificate/privateKey or tlsCertificates may be set',
    );
  }
  if (credentialNames.length > 2) {
    reporter.error([...path, 'credentialNames'], 'credentialNames may have at most 2 entries');
  }
  if (tlsCertificates.length > 2) {
    reporter.warning([...path, 'tlsCertificates'], 'only the first 2 tlsCertificates are used');
  }

  const terminating = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminating && !hasCredential) {
    const label = mode === 'SIMPLE' ? 'SIMPLE' : 'MUTUAL';
    const certificates =
      tlsCertificates.length > 0
        ? tlsCertificates.map((certificate, index) => ({
            value: certificate,
            at: [...path, 'tlsCertificates', index] as YamlPath,
          }))
        : [{ value: tls, at: path }];
    for (const { value, at } of certificates) {
      if (!nonEmpty(value.serverCertificate)) {
        reporter.error(at, `${label} TLS requires a server certificate`);
      }
      if (!nonEmpty(value.privateKey)) reporter.error(at, `${label} TLS requires a private key`);
    }
    if (mode !== 'SIMPLE' && !nonEmpty(tls.caCertificates)) {
      reporter.error(path, 'MUTUAL TLS requires a client CA bundle');
    }
  }
  if (nonEmpty(tls.caCrl)) {
    if (hasCredential) {
      reporter.error(
        [...path, 'caCrl'],
        'CRL is not supported with credentialName. CRL has to be specified in the credential',
      );
    }
    if (mode === 'SIMPLE')
      reporter.error([...path, 'caCrl'], 'CRL is not supported with SIMPLE TLS');
  }
}

function checkCipherSuites(
  cipherSuites: readonly string[],
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const invalid = new Set<string>();
  const seen = new Set<string>();
  const duplicate = new Set<string>();
  for (const cipherSuite of cipherSuites) {
    if (!isValidCipherSuite(cipherSuite)) invalid.add(cipherSuite);
    else if (seen.has(cipherSuite)) duplicate.add(cipherSuite);
    else seen.add(cipherSuite);
  }
  // Go prints a sorted string slice as `[a b]`.
  if (invalid.size > 0) {
    reporter.warning(path, `ignoring invalid cipher suites: [${[...invalid].sort().join(' ')}]`);
  }
  if (duplicate.size > 0) {
    reporter.warning(
      path,
      `ignoring duplicate cipher suites: [${[...duplicate].sort().join(' ')}]`,
    );
  }
}
