import type { ExecutionContext } from '@nestjs/common';

/** The longest token the guard reads; Cognito tokens are far shorter. */
export const MAX_TOKEN_LENGTH = 8 * 1024;

const JWT = /^[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*$/;
const BEARER = /^Bearer +(\S+)$/i;

/** What the guard reads a token from, in each context: an HTTP request, a socket, a GraphQL request. */
export interface TokenCarrier {
  headers?: Record<string, string | string[] | undefined>;
  rawHeaders?: string[];
  raw?: { rawHeaders?: string[] };
  cookies?: Record<string, string | undefined>;
  /** Socket.IO: the handshake of the connection. */
  handshake?: { auth?: Record<string, unknown>; headers?: Record<string, string | string[] | undefined> };
  [key: string | symbol]: unknown;
}

/**
 * The object of a request in any Nest context: the HTTP request, the Socket.IO client, or the
 * GraphQL context's request (`req`, `request`, or Mercurius's `reply.request`).
 */
export function requestOf(context: ExecutionContext): TokenCarrier {
  const type = context.getType<string>();
  if (type === 'ws') return context.switchToWs().getClient<TokenCarrier>();
  if (type === 'graphql') {
    const gql = context.getArgByIndex<Record<string, unknown> | undefined>(2) ?? {};
    const request = gql.req ?? gql.request ?? (gql.reply as { request?: unknown } | undefined)?.request;
    return (request ?? gql) as TokenCarrier;
  }
  return context.switchToHttp().getRequest<TokenCarrier>();
}

export type TokenLookup = { token: string } | { token?: undefined; malformed: boolean };

/**
 * The token a carrier presents: `Authorization: Bearer <jwt>` (scheme in any case, exactly one
 * header), else the configured cookie, else Socket.IO's `handshake.auth.token` or handshake
 * header. `malformed` when something was sent that is not one well-formed token: two
 * Authorization headers, another scheme, not a JWT, too long.
 */
export function findToken(carrier: TokenCarrier, cookieName?: string): TokenLookup {
  const headers = carrier.handshake?.headers ?? carrier.headers ?? {};
  const raw = carrier.rawHeaders ?? carrier.raw?.rawHeaders;
  if (raw) {
    let count = 0;
    for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'authorization') count++;
    if (count > 1) return { malformed: true };
  }
  const authorization = headers.authorization;
  if (Array.isArray(authorization)) return { malformed: true };
  if (typeof authorization === 'string' && authorization.length > 0) {
    return asToken(BEARER.exec(authorization.trim())?.[1]);
  }
  const fromAuth = carrier.handshake?.auth?.token;
  if (fromAuth !== undefined) {
    return asToken(typeof fromAuth === 'string' ? fromAuth.replace(/^Bearer +/i, '') : undefined);
  }
  if (cookieName) {
    const cookie = carrier.cookies?.[cookieName] ?? readCookie(headers.cookie, cookieName);
    if (cookie !== undefined) return asToken(cookie);
  }
  return { malformed: false };
}

function asToken(candidate: string | undefined): TokenLookup {
  if (!candidate || candidate.length > MAX_TOKEN_LENGTH || !JWT.test(candidate)) return { malformed: true };
  return { token: candidate };
}

function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  const value = Array.isArray(header) ? header.join('; ') : header;
  if (!value) return undefined;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}
