import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

/**
 * A TLS context trusting Node's bundled roots plus `extraCaPem` (DATABRICKS_TLS_CA_FILE: a
 * corporate TLS-inspecting proxy, a private CA, the local emulator). Built once and shared by
 * every connection: handing Node a `ca` list instead costs a context per connection and a
 * ~200 kB agent pool key per request.
 */
export function trustingSecureContext(extraCaPem: string): SecureContext {
  return sharedSecureContext([...rootCertificates, extraCaPem]);
}

/** Built contexts by their CA list: parsing ~140 roots costs tens of milliseconds each time. */
const contexts = new Map<string, SecureContext>();

/** One TLS context per distinct CA list for the whole process (connections only read it). */
export function sharedSecureContext(ca: readonly (string | Buffer)[]): SecureContext {
  const key = ca.map(String).join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({ ca: [...ca], minVersion: 'TLSv1.2' });
    contexts.set(key, context);
  }
  return context;
}
