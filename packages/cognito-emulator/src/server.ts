import { randomBytes, randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  STATUS_CODES,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import type { EmulatorContext } from './context.js';
import { type CorsPolicy, corsPolicy } from './cors.js';
import { CognitoError } from './errors.js';
import { type HostPolicy, hostPolicy, hostnameOf } from './hosts.js';
import { inboxPage } from './inbox.js';
import { INBOX_INVOCATIONS } from './lambda/invocations-page.js';
import type { InvocationFilter, LambdaInvocation } from './lambda/invocations.js';
import { COGNITO_OPERATIONS } from './operations.js';
import type { OutboxFilter } from './store/outbox.js';
import { openIdConfiguration } from './oauth/discovery.js';
import { OAuthEndpoints } from './oauth/endpoints.js';
import { poolDomain } from './services/oauth-config.js';
import { findTarget } from './targets/index.js';
import { runTarget } from './targets/target.js';
import { checkWireTypes } from './wire-check.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
export const MAX_BODY_BYTES = 1024 * 1024;
const AMZ_JSON = 'application/x-amz-json-1.1';
/** Media types `POST /` accepts: AWS JSON 1.1, and plain JSON (both need a CORS preflight). */
const ACCEPTED_MEDIA_TYPES = new Set([AMZ_JSON, 'application/json']);

const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, x-amz-content-sha256, authorization, amz-sdk-invocation-id, amz-sdk-request, cache-control',
  'access-control-max-age': '86400',
};
const EXPOSE_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage';

type Headers = Record<string, string>;

export interface ServerOptions {
  /** The address the server listens on (its name is allowed in `Host`). Default 127.0.0.1. */
  listenHost?: string;
  /** Origins besides loopback ones that browsers may use the emulator from; `*` for any. */
  corsOrigins?: readonly string[];
  /** `Host` names besides loopback ones, the listen address and CORS origins' hosts; `*` for any. */
  allowedHosts?: readonly string[];
}

interface Policies {
  cors: CorsPolicy;
  hosts: HostPolicy;
  oauth: OAuthEndpoints;
}

/** The emulator's HTTP face: the Cognito wire protocol on `POST /`, plus JWKS and the outbox. */
export function createEmulatorServer(ctx: EmulatorContext, options: ServerOptions = {}): Server {
  const policies: Policies = {
    cors: corsPolicy(options.corsOrigins),
    hosts: hostPolicy({
      listenHost: options.listenHost ?? '127.0.0.1',
      corsOrigins: options.corsOrigins ?? [],
      allowedHosts: options.allowedHosts ?? [],
    }),
    oauth: new OAuthEndpoints(ctx),
  };
  // Requests without Host are answered below (in the error shape), not with Node's empty 400.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(ctx, policies, req, res).catch((error: unknown) => {
      console.error('cognito-emulator: unexpected failure', error);
      if (!res.headersSent) {
        sendError(res, new CognitoError('InternalErrorException', 'Internal error', 500), {});
      }
    });
  });
  server.on('clientError', answerClientError);
  return server;
}

/**
 * The CORS headers of a response to this request: none without an `Origin`; the allowed origin
 * reflected (with `Vary: Origin`); undefined when the origin is refused.
 */
function corsHeaders(cors: CorsPolicy, req: IncomingMessage): Headers | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return { vary: 'Origin' };
  const allowed = cors.allow(origin);
  if (!allowed) return undefined;
  return {
    'access-control-allow-origin': allowed,
    'access-control-expose-headers': EXPOSE_HEADERS,
    vary: 'Origin',
  };
}

/**
 * The request target as a URL, or undefined: origin-form (`/path`, where `//x` is a path, not a
 * host) or absolute-form (`http://host/path`, as proxies send).
 */
function requestUrl(target = '/'): URL | undefined {
  try {
    if (/^https?:\/\//i.test(target)) return new URL(target);
    return new URL(`http://emulator${target.startsWith('/') ? target : `/${target}`}`);
  } catch {
    return undefined;
  }
}

const PUBLIC_KEYS = /^\/([\w-]+_[0-9A-Za-z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/**
 * The host names a request is addressed to: its `Host` header and, for an absolute-form target
 * (`http://host/path`), that host too. Both must be allowed.
 */
function requestHosts(req: IncomingMessage, url: URL): (string | undefined)[] {
  const absolute = /^https?:\/\//i.test(req.url ?? '') ? [url.host] : [];
  return [req.headers.host, ...absolute];
}

/** A refusal in AWS's error shape on `POST /`, `{ message }` elsewhere; 403 unless told. */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  message: string,
  [status, type] = [403, 'AccessDeniedException'] as [number, string],
): void {
  req.resume();
  if (req.method === 'POST' && url.pathname === '/') {
    return sendError(res, new CognitoError(type, message, status), { vary: 'Origin' });
  }
  sendJson(res, status, { message }, { vary: 'Origin' });
}

function hostRefusal(host: string): string {
  const name = hostnameOf(host);
  const named = name && name.length <= 253 ? `host ${name}` : 'this host';
  return (
    `Request refused: the emulator does not answer to ${named} (a guard against DNS rebinding). ` +
    'It answers to localhost, loopback addresses, the address it listens on and the hosts of --cors-origin; ' +
    'add a name with --allowed-host <name> (startEmulator({ allowedHosts })), or * for any.'
  );
}

async function handle(
  ctx: EmulatorContext,
  policies: Policies,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = requestUrl(req.url);
  if (!url) {
    req.resume();
    return sendJson(res, 400, { message: 'Bad request target.' }, { vary: 'Origin' });
  }
  if (req.headers.host === undefined && req.httpVersion !== '1.0') {
    return refuse(req, res, url, 'Missing Host header.', [400, 'SerializationException']);
  }
  // An HTTP/1.0 request may name no Host; it cannot come from a browser: only named hosts are checked.
  const refusedHost = requestHosts(req, url).find((host) => !policies.hosts.allow(host));
  if (refusedHost !== undefined) return refuse(req, res, url, hostRefusal(refusedHost));
  const wellKnown = PUBLIC_KEYS.exec(url.pathname);
  // Public keys and discovery are public on AWS too: any origin may read them. The managed login's
  // own forms post from the emulator's origin, whatever name it is reached by.
  const headers = wellKnown
    ? { 'access-control-allow-origin': '*' }
    : (corsHeaders(policies.cors, req) ?? sameOriginHeaders(req, url, policies.oauth));
  if (!headers) {
    return refuse(
      req,
      res,
      url,
      'Cross-origin request refused: this origin is not allowed (see --cors-origin).',
    );
  }
  if (req.method === 'OPTIONS') {
    req.resume();
    res.writeHead(204, { ...headers, ...PREFLIGHT_HEADERS }).end();
    return;
  }
  if (req.method === 'POST' && url.pathname === '/') {
    await handleOperation(ctx, req, res, headers);
    return;
  }
  if (policies.oauth.handles(url.pathname)) return policies.oauth.handle(req, res, url, headers);
  req.resume();
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (wellKnown) {
      const pool = ctx.pools.findPool(wellKnown[1]!);
      if (!pool) return sendJson(res, 404, { message: `User pool ${wellKnown[1]} does not exist.` }, headers);
      if (wellKnown[2] === 'jwks.json') return sendJson(res, 200, ctx.tokens.jwks(pool), headers);
      const base = `http://${req.headers.host ?? 'localhost'}`;
      return sendJson(res, 200, openIdConfiguration(base, pool.id, !!poolDomain(ctx, pool.id)), headers);
    }
    if (url.pathname === '/_emulator/messages') {
      return sendJson(res, 200, ctx.outbox.list(outboxFilter(url.searchParams)), headers);
    }
    if (url.pathname === '/_emulator/lambda-invocations') {
      return sendJson(res, 200, ctx.lambdas.log.list(invocationFilter(url.searchParams)), headers);
    }
    if (url.pathname === '/_emulator/inbox') {
      return sendInbox(res, ctx.lambdas.log.list({ latest: INBOX_INVOCATIONS }));
    }
    if (url.pathname === '/_emulator/health' || url.pathname === '/health') {
      return sendJson(res, 200, { status: 'ok' }, headers);
    }
  }
  sendJson(res, 404, { message: 'Nothing here.' }, headers);
}

async function handleOperation(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Headers,
): Promise<void> {
  try {
    const header = req.headers['x-amz-target'];
    const target =
      typeof header === 'string' && header.startsWith(TARGET_PREFIX)
        ? header.slice(TARGET_PREFIX.length)
        : '';
    const operation = findTarget(target);
    const raw = await readBody(req);
    if (!operation) {
      throw COGNITO_OPERATIONS.has(target)
        ? new CognitoError('UnsupportedOperationException', `cognito-emulator does not support ${target}.`)
        : new CognitoError('UnknownOperationException', 'Unknown operation.');
    }
    assertMediaType(req.headers['content-type']);
    const signed =
      typeof req.headers.authorization === 'string' &&
      req.headers.authorization.startsWith('AWS4-HMAC-SHA256');
    if (operation.signed && !signed) {
      throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    const input = checkWireTypes(target, parseBody(raw));
    const output = await runTarget(operation, ctx, input, { sourceIp: sourceIpOf(req) });
    const body = JSON.stringify(output);
    res.writeHead(200, {
      'content-type': AMZ_JSON,
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': randomUUID(),
      ...headers,
    });
    res.end(body);
  } catch (error) {
    if (error instanceof CognitoError) return sendError(res, error, headers);
    throw error;
  }
}

/** The caller's address as a device's `last_ip_used` shows it: IPv4 without its IPv6 mapping. */
function sourceIpOf(req: IncomingMessage): string | null {
  const address = req.socket.remoteAddress;
  if (!address) return null;
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** `Content-Type` must be AWS JSON 1.1 (or JSON); parameters such as `charset` are ignored. */
function assertMediaType(contentType: string | undefined): void {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED_MEDIA_TYPES.has(mediaType)) {
    throw new CognitoError('SerializationException', `Unsupported Content-Type; send ${AMZ_JSON}.`, 415);
  }
}

/**
 * The request body, up to 1 MiB. A larger body is refused with 413 once the limit is crossed: the
 * rest is read and discarded (so the client sees the answer, not a reset) and the connection closes.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      reject(
        new CognitoError(
          'SerializationException',
          `Request body is larger than ${MAX_BODY_BYTES} bytes.`,
          413,
        ),
      );
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // An aborted upload is the client's doing: a 400 (if it can still be read), never an internal error.
    req.on('error', () =>
      reject(new CognitoError('SerializationException', 'The request body was not received in full.')),
    );
  });
}

/** What Node's HTTP parser refuses before any request exists, by error code: status, type, message. */
function clientErrorAnswer(code: string | undefined): [number, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return [431, 'RequestHeaderFieldsTooLargeException', 'Request header fields are too large.'];
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return [408, 'RequestTimeoutException', 'The request was not received in time.'];
  }
  return [400, 'SerializationException', 'Malformed HTTP request.'];
}

/**
 * Answers a request Node's parser refuses (headers too large, malformed, too slow) in AWS's error
 * shape, which also carries `message` for the JSON paths, then closes the connection.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, type, message] = clientErrorAnswer(error.code);
  const body = JSON.stringify({ __type: type, message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      `content-type: ${AMZ_JSON}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-errortype: ${type}\r\n` +
      `x-amzn-requestid: ${randomUUID()}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}

function parseBody(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new CognitoError('SerializationException', 'Unable to parse the request body as JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CognitoError('SerializationException', 'Start of structure or map expected.');
  }
  return value as Record<string, unknown>;
}

function sendError(res: ServerResponse, error: CognitoError, headers: Headers): void {
  const body = JSON.stringify({ __type: error.type, message: error.message });
  res.writeHead(error.statusCode, {
    'content-type': AMZ_JSON,
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': error.type,
    'x-amzn-requestid': randomUUID(),
    ...(error.statusCode === 413 ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(body);
}

/** `?to=&poolId=&after=&latest=` of the outbox's JSON listing; numbers that are not numbers are ignored. */
function outboxFilter(params: URLSearchParams): OutboxFilter {
  const filter: OutboxFilter = {};
  const to = params.get('to');
  const poolId = params.get('poolId');
  const after = Number(params.get('after') ?? Number.NaN);
  const latest = Number(params.get('latest') ?? Number.NaN);
  if (to) filter.to = to;
  if (poolId) filter.poolId = poolId;
  if (Number.isSafeInteger(after) && after >= 0) filter.after = after;
  if (Number.isSafeInteger(latest) && latest > 0) filter.latest = Math.min(latest, 1000);
  return filter;
}

/** `?poolId=&after=&latest=` of the trigger invocations' JSON listing, as the outbox's. */
function invocationFilter(params: URLSearchParams): InvocationFilter {
  const { poolId, after, latest } = outboxFilter(params);
  return { poolId, after, latest };
}

function sendInbox(res: ServerResponse, invocations: readonly LambdaInvocation[]): void {
  const nonce = randomBytes(16).toString('base64');
  const body = inboxPage(nonce, invocations);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; connect-src 'self'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Headers): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/**
 * A request from the emulator's own origin to a managed-login page (its forms post there), allowed
 * whatever the CORS policy says: `Origin` names the host the request is addressed to.
 */
function sameOriginHeaders(req: IncomingMessage, url: URL, oauth: OAuthEndpoints): Headers | undefined {
  const origin = req.headers.origin;
  if (!oauth.isPage(url.pathname) || origin === undefined) return undefined;
  return origin === `http://${req.headers.host}` ? { vary: 'Origin' } : undefined;
}
