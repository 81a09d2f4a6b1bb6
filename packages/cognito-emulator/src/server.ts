import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { CognitoError } from './errors.js';
import { inboxPage } from './inbox.js';
import { COGNITO_OPERATIONS } from './operations.js';
import type { OutboxFilter } from './services/outbox.js';
import { issuerOf } from './services/tokens.js';
import { SIGNED_TARGETS, TARGETS } from './targets/index.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const MAX_BODY_BYTES = 1024 * 1024;
const AMZ_JSON = 'application/x-amz-json-1.1';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, x-amz-content-sha256, authorization, amz-sdk-invocation-id, amz-sdk-request, cache-control',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage',
  'access-control-max-age': '86400',
};

/** The emulator's HTTP face: the Cognito wire protocol on `POST /`, plus JWKS and the outbox. */
export function createEmulatorServer(ctx: EmulatorContext): Server {
  return createServer((req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      console.error('cognito-emulator: unexpected failure', error);
      if (!res.headersSent) sendError(res, new CognitoError('InternalErrorException', 'Internal error', 500));
    });
  });
}

async function handle(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS_HEADERS).end();
    return;
  }
  if (req.method === 'POST' && url.pathname === '/') {
    await handleOperation(ctx, req, res);
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const wellKnown = /^\/([\w-]+_[0-9A-Za-z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(
      url.pathname,
    );
    if (wellKnown) {
      const pool = ctx.pools.findPool(wellKnown[1]!);
      if (!pool) return sendJson(res, 404, { message: `User pool ${wellKnown[1]} does not exist.` });
      if (wellKnown[2] === 'jwks.json') return sendJson(res, 200, ctx.tokens.jwks(pool));
      return sendJson(res, 200, openIdConfiguration(req, pool.id));
    }
    if (url.pathname === '/_emulator/messages') {
      return sendJson(res, 200, ctx.outbox.list(outboxFilter(url.searchParams)));
    }
    if (url.pathname === '/_emulator/inbox') return sendInbox(res);
    if (url.pathname === '/_emulator/health' || url.pathname === '/health') {
      return sendJson(res, 200, { status: 'ok' });
    }
  }
  sendJson(res, 404, { message: `Nothing at ${req.method} ${url.pathname}` });
}

async function handleOperation(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const header = req.headers['x-amz-target'];
    const target =
      typeof header === 'string' && header.startsWith(TARGET_PREFIX)
        ? header.slice(TARGET_PREFIX.length)
        : '';
    const operation = TARGETS[target];
    if (!operation) {
      await readBody(req);
      throw COGNITO_OPERATIONS.has(target)
        ? new CognitoError('UnsupportedOperationException', `cognito-emulator does not support ${target}.`)
        : new CognitoError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`);
    }
    const raw = await readBody(req);
    const signed =
      typeof req.headers.authorization === 'string' &&
      req.headers.authorization.startsWith('AWS4-HMAC-SHA256');
    if (SIGNED_TARGETS.has(target) && !signed) {
      throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    const input = parseBody(raw);
    const output = await operation(ctx, input, { signed });
    const body = JSON.stringify(output);
    res.writeHead(200, {
      'content-type': AMZ_JSON,
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': randomUUID(),
      ...CORS_HEADERS,
    });
    res.end(body);
  } catch (error) {
    if (error instanceof CognitoError) return sendError(res, error);
    throw error;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new CognitoError('SerializationException', 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new CognitoError('SerializationException', 'Unable to parse the request body as JSON.');
  }
}

function sendError(res: ServerResponse, error: CognitoError): void {
  const body = JSON.stringify({ __type: error.type, message: error.message });
  res.writeHead(error.statusCode, {
    'content-type': AMZ_JSON,
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': error.type,
    'x-amzn-requestid': randomUUID(),
    ...CORS_HEADERS,
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

function sendInbox(res: ServerResponse): void {
  const nonce = randomBytes(16).toString('base64');
  const body = inboxPage(nonce);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; connect-src 'self'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...CORS_HEADERS,
  });
  res.end(body);
}

function openIdConfiguration(req: IncomingMessage, poolId: string) {
  const base = `http://${req.headers.host ?? 'localhost'}/${poolId}`;
  return {
    issuer: issuerOf(poolId),
    jwks_uri: `${base}/.well-known/jwks.json`,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    claims_supported: [
      'aud',
      'auth_time',
      'cognito:username',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'sub',
      'token_use',
    ],
  };
}
