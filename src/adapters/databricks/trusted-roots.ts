import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

/**
 * A TLS context trusting Node's bundled roots plus `extraCaPem` (DATABRICKS_TLS_CA_FILE: a
 * corporate TLS-inspecting proxy, a private CA, the local emulator). Built once and shared by
 * every connection: handing Node a `ca` list instead costs a context per connection and a
 * ~200 kB agent pool key per request.
 */
export function trustingSecureContext(extraCaPem: string): SecureContext {
  return createSecureContext({ ca: [...rootCertificates, extraCaPem], minVersion: 'TLSv1.2' });
}
