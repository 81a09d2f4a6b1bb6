import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  COGNITO_ACCESS_TOKEN,
  COGNITO_USER,
  type CognitoRequest,
} from '../decorators/current-user.decorator.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { CognitoException } from '../errors/cognito.exception.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../revocation/revocation.store.js';
import { CognitoTokenVerifier } from '../tokens/cognito-token-verifier.js';
import type { CognitoUser } from '../tokens/cognito-user.js';

/** The longest token the guard reads; Cognito tokens are far shorter. */
export const MAX_TOKEN_LENGTH = 8 * 1024;

interface HttpRequestLike extends CognitoRequest {
  headers: Record<string, string | string[] | undefined>;
  rawHeaders?: string[];
  raw?: { rawHeaders?: string[] };
}

/**
 * Lets a request through only with a valid Cognito access token in `Authorization: Bearer`.
 * Routes marked `@Public()` pass without one. Subclasses adapt it to other transports through
 * `getRequest` and `extractToken`.
 */
@Injectable()
export class CognitoAuthGuard implements CanActivate {
  constructor(
    protected readonly verifier: CognitoTokenVerifier,
    protected readonly reflector: Reflector,
    @Inject(COGNITO_REVOCATION_STORE) protected readonly revocations: RevocationStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.isPublic(context)) return true;
    const request = this.getRequest(context);
    // Already authenticated by this guard for this request (a global guard and a route guard).
    if (request[COGNITO_USER] && request[COGNITO_ACCESS_TOKEN]) return true;
    const token = this.extractToken(request);
    if (!token) throw this.unauthorized(context, 'Missing bearer token.');
    if (token.length > MAX_TOKEN_LENGTH) throw this.unauthorized(context, 'Invalid token.');
    let user: CognitoUser;
    try {
      user = await this.verifier.verify(token);
    } catch {
      throw this.unauthorized(context, 'Invalid or expired token.');
    }
    if (await this.isRevoked(user)) throw this.unauthorized(context, 'Token has been revoked.');
    request[COGNITO_USER] = user;
    request[COGNITO_ACCESS_TOKEN] = token;
    return true;
  }

  /** Whether a sign-out recorded in the revocation store covers this token. */
  protected isRevoked(user: CognitoUser): Promise<boolean> {
    const { origin_jti: originJti, iat } = user.claims;
    return this.revocations.isRevoked({
      sub: user.sub,
      issuedAt: typeof iat === 'number' ? iat : 0,
      ...(typeof originJti === 'string' ? { originJti } : {}),
    });
  }

  protected isPublic(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ===
      true
    );
  }

  protected getRequest(context: ExecutionContext): HttpRequestLike {
    return context.switchToHttp().getRequest<HttpRequestLike>();
  }

  /**
   * The token of `Authorization: Bearer <token>` (scheme in any case). Nothing else is accepted,
   * and a request with more than one Authorization header has none.
   */
  protected extractToken(request: HttpRequestLike): string | undefined {
    const raw = request.rawHeaders ?? request.raw?.rawHeaders;
    if (raw) {
      let count = 0;
      for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'authorization') count++;
      if (count > 1) return undefined;
    }
    const header = request.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const match = /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)$/i.exec(header.trim());
    return match?.[1];
  }

  protected unauthorized(context: ExecutionContext, message: string): CognitoException {
    const response = context.switchToHttp().getResponse<{
      header?: (name: string, value: string) => unknown;
      setHeader?: (name: string, value: string) => unknown;
    }>();
    const challenge = 'Bearer error="invalid_token"';
    if (typeof response?.setHeader === 'function') response.setHeader('WWW-Authenticate', challenge);
    else if (typeof response?.header === 'function') response.header('WWW-Authenticate', challenge);
    return new CognitoException(HttpStatus.UNAUTHORIZED, 'INVALID_TOKEN', message);
  }
}
