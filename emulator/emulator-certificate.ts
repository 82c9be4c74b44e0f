/**
 * A throwaway self-signed TLS certificate for the emulator's HTTPS server, valid for
 * `localhost` and `127.0.0.1`. Clients trust it by passing the PEM (the driver: `customCaCert`).
 */
import { generate } from 'selfsigned';

export interface EmulatorCertificate {
  /** PEM certificate: also the CA clients must trust. */
  cert: string;
  /** PEM private key. */
  key: string;
}

export async function createEmulatorCertificate(): Promise<EmulatorCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 7 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
