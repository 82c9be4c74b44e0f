import type { IncomingMessage } from 'node:http';

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * Arguments Slack documents as "a JSON-encoded string". The WebClient JSON-encodes every
 * non-scalar argument before form-encoding it, so these arrive as strings and are decoded back.
 * Free-text arguments (`text`, `initial_comment`, ...) are never decoded, even when they look
 * like JSON.
 */
const JSON_ARGUMENTS = new Set([
  'attachments',
  'blocks',
  'files',
  'metadata',
  'option_groups',
  'options',
  'unfurls',
  'user_auth_blocks',
  'view',
]);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses Web API arguments whatever the encoding: query string, form, JSON or multipart (the
 * WebClient switches to multipart when an argument is a Buffer or stream).
 */
export function parseApiArguments(
  contentType: string | undefined,
  raw: Buffer,
  query: URLSearchParams,
): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const text = raw.toString('utf8').trim();
    if (text !== '') Object.assign(params, JSON.parse(text) as Record<string, unknown>);
  } else if (type === 'multipart/form-data') {
    for (const part of parseMultipart(contentType ?? '', raw)) {
      params[part.name] = part.filename === undefined ? part.data.toString('utf8') : part.data;
    }
  } else if (raw.length > 0) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  }
  for (const key of JSON_ARGUMENTS) params[key] = decodeJsonArgument(params[key]);
  return params;
}

function decodeJsonArgument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // Slack would reject it; leave it for the method to complain about.
  }
}

/** A small multipart/form-data parser: enough for the WebClient's uploads. */
export function parseMultipart(contentType: string, raw: Buffer): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) return [];
  const delimiter = Buffer.from(`--${marker}`);
  const parts: MultipartPart[] = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const section = raw.subarray(start + delimiter.length + 2, next - 2); // strip CRLFs
    const headerEnd = section.indexOf('\r\n\r\n');
    if (headerEnd !== -1)
      parts.push(toPart(section.subarray(0, headerEnd).toString('utf8'), section.subarray(headerEnd + 4)));
    start = next;
  }
  return parts;
}

function toPart(headers: string, data: Buffer): MultipartPart {
  const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
  return {
    name,
    data: Buffer.from(data),
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

/** The bearer token from the Authorization header, or the legacy `token` argument. */
export function tokenOf(req: IncomingMessage, params: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  const bearer = header === undefined ? undefined : /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (bearer !== undefined && bearer !== '') return bearer;
  return typeof params.token === 'string' && params.token !== '' ? params.token : undefined;
}
