import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidRequest, type OAuthError } from './errors.js';

/** The largest form body the OAuth endpoints read (a login form, a token request): 64 KiB. */
const MAX_FORM_BYTES = 64 * 1024;

const FORM = 'application/x-www-form-urlencoded';

/** Whether the request's media type is a form (`application/x-www-form-urlencoded`, any parameters). */
export function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === FORM;
}

/**
 * The form body of a POST: AWS's endpoints take `application/x-www-form-urlencoded` only
 * (anything else is `invalid_request`); a body over 64 KiB is too.
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!isForm(req)) {
    req.resume();
    throw invalidRequest();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      req.resume();
      throw invalidRequest();
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * One parameter of a query or form: undefined when absent or empty; given twice, the request is
 * malformed (RFC 6749 3.1: parameters must not repeat).
 */
export function param(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw invalidRequest();
  return values[0] === '' ? undefined : values[0];
}

/** Headers every answer of the OAuth endpoints carries: nothing here may be cached. */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function sendOAuthJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    ...NO_STORE,
    ...headers,
  });
  res.end(body);
}

/** An OAuth error as JSON: `{"error":"..."}`, its status and headers. */
export function sendOAuthError(
  res: ServerResponse,
  error: OAuthError,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendOAuthJson(res, error.status, { error: error.error }, { ...headers, ...error.headers });
}

/** A redirect (302) to `location`, with cookies to set if any. */
export function redirect(res: ServerResponse, location: string, cookies: readonly string[] = []): void {
  res.writeHead(302, {
    location,
    'content-length': 0,
    ...NO_STORE,
    ...(cookies.length > 0 ? { 'set-cookie': [...cookies] } : {}),
  });
  res.end();
}

/**
 * A page of the managed login: no script at all, styles from the page itself only, never framed
 * (clickjacking), never cached.
 */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  cookies: readonly string[] = [],
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Same-origin referrers only: the form posts then carry their real `Origin` (with none, browsers send `null`).
    'referrer-policy': 'same-origin',
    ...NO_STORE,
    ...(cookies.length > 0 ? { 'set-cookie': [...cookies] } : {}),
  });
  res.end(html);
}

/** The `Basic` credentials of an `Authorization` header, or undefined when it has none. */
export function basicCredentials(
  header: string | undefined,
): { id: string; secret: string } | 'malformed' | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    // RFC 6749 2.3.1: both parts are form-encoded before they are joined.
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return 'malformed';
  }
}
