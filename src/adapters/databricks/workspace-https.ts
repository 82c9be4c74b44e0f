/**
 * `fetch` for workspace hosts over node:https, so an extra CA (DATABRICKS_TLS_CA_FILE: a corporate
 * TLS-inspecting proxy, a private CA, the local emulator) is trusted on top of Node's bundled
 * roots — the same rule the SQL driver applies to its `customCaCert`.
 */
import { Agent, request, type RequestOptions } from 'node:https';
import { trustingSecureContext } from './trusted-roots.js';
import type { FetchLike } from './oauth-token-provider.js';

/** A FetchLike over HTTPS trusting `extraCaPem` in addition to the usual roots; plain fetch when none. */
export function workspaceFetch(extraCaPem: string | undefined): FetchLike {
  if (extraCaPem === undefined) return (url, init) => fetch(url, init);
  // One agent with one secure context: a `ca` list in the request options would be parsed for
  // every connection and concatenated into the agent's pool key on every request (~200 kB).
  const agent = new Agent({ keepAlive: true, secureContext: trustingSecureContext(extraCaPem) });
  return (url, init) => httpsRequest(url, init, agent);
}

function httpsRequest(url: string, init: RequestInit, agent: Agent): Promise<Response> {
  const target = new URL(url);
  if (target.protocol !== 'https:')
    return Promise.reject(new TypeError(`not an https URL: ${target.origin}`));
  const options: RequestOptions = {
    method: init.method ?? 'GET',
    headers: Object.fromEntries(new Headers(init.headers).entries()),
    agent,
    ...(init.signal ? { signal: init.signal } : {}),
  };
  return new Promise<Response>((resolve, reject) => {
    const req = request(target, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
        }
        const status = res.statusCode ?? 502;
        const body = [204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
        resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers }));
      });
    });
    req.on('error', reject);
    if (typeof init.body === 'string') req.write(init.body);
    req.end();
  });
}
