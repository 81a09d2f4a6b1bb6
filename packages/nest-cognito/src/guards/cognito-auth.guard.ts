import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { COGNITO_CALLER_KIND, type CallerKind } from '../decorators/caller-kind.decorator.js';
import { COGNITO_POOLS } from '../decorators/cognito-pools.decorator.js';
import { COGNITO_ACCESS_TOKEN, COGNITO_USER } from '../decorators/current-user.decorator.js';
import { COGNITO_GROUPS, type GroupRequirement } from '../decorators/groups.decorator.js';
import { IS_OPTIONAL_AUTH } from '../decorators/optional-auth.decorator.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { COGNITO_SCOPES, type ScopeRequirement } from '../decorators/scopes.decorator.js';
import { CognitoException } from '../errors/cognito.exception.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../revocation/revocation.store.js';
import { CognitoTokenVerifier } from '../tokens/cognito-token-verifier.js';
import { type CognitoUser, DEFAULT_POOL } from '../tokens/cognito-user.js';
import { forbiddenError, missingGroups, missingScopes, wrongCallerKind } from './authorization.js';
import { findToken, requestOf, type TokenCarrier, type TokenLookup } from './token-sources.js';
import { wsError } from './ws-exception.js';

export { MAX_TOKEN_LENGTH } from './token-sources.js';

const NOT_TRUSTED = 'Token is not from a pool this route trusts.';

/**
 * Lets a request through only with a valid, unrevoked Cognito token of a pool the route trusts
 * (`@CognitoPools()`, else the main pool; 401 otherwise), then checks `@UsersOnly()` /
 * `@MachinesOnly()`, `@Groups()` and `@Scopes()` (403 when lacking). Machine tokens (client
 * credentials) pass like users' unless the route says otherwise; they have scopes, never groups.
 * `@Public()` routes pass untouched; `@OptionalAuth()` routes pass anonymous callers but still
 * refuse a bad token. Works over HTTP (Express, Fastify), Socket.IO and GraphQL; subclasses adapt
 * it to other contexts through the protected hooks (`getRequest`, `extractToken`, `acceptsPool`,
 * `isRevoked`, `authorize`, `unauthorized`, `forbidden`).
 */
@Injectable()
export class CognitoAuthGuard implements CanActivate {
  constructor(
    protected readonly verifier: CognitoTokenVerifier,
    protected readonly reflector: Reflector,
    @Inject(COGNITO_REVOCATION_STORE) protected readonly revocations: RevocationStore,
    @Inject(COGNITO_OPTIONS) protected readonly options: ResolvedCognitoOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.flag(context, IS_PUBLIC)) return true;
    const request = this.getRequest(context);
    // Another instance of this guard (global and per route) may have authenticated this request.
    let user = request[COGNITO_USER] as CognitoUser | undefined;
    if (!user) {
      const found = this.extractToken(request);
      if (found.token === undefined) {
        if (!found.malformed && this.flag(context, IS_OPTIONAL_AUTH)) return true;
        throw this.unauthorized(context, found.malformed ? 'Malformed token.' : 'Missing bearer token.');
      }
      try {
        user = await this.verifier.verify(found.token);
      } catch {
        throw this.unauthorized(context, 'Invalid or expired token.');
      }
      if (!this.acceptsPool(context, user)) throw this.unauthorized(context, NOT_TRUSTED);
      let revoked: boolean;
      try {
        revoked = await this.isRevoked(user);
      } catch {
        // Without the store there is no knowing whether the caller signed out: refuse, as unavailable.
        throw this.unavailable(context);
      }
      if (revoked) throw this.unauthorized(context, 'Token has been revoked.');
      request[COGNITO_USER] = user;
      request[COGNITO_ACCESS_TOKEN] = found.token;
    } else if (!this.acceptsPool(context, user)) {
      throw this.unauthorized(context, NOT_TRUSTED);
    }
    this.authorize(context, user);
    return true;
  }

  /** The object the token is read from and the user is left on (see `requestOf`). */
  protected getRequest(context: ExecutionContext): TokenCarrier {
    return requestOf(context);
  }

  /** The token the request presents (see `findToken`), with the configured cookie as a source. */
  protected extractToken(request: TokenCarrier): TokenLookup {
    return findToken(request, this.options.tokenCookie);
  }

  /** Whether the route trusts the pool that issued the token (`@CognitoPools()`, else the main pool). */
  protected acceptsPool(context: ExecutionContext, user: CognitoUser): boolean {
    const pools = this.reflector.getAllAndOverride<readonly string[] | undefined>(COGNITO_POOLS, [
      context.getHandler(),
      context.getClass(),
    ]);
    return (pools ?? [DEFAULT_POOL]).includes(user.pool);
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

  /**
   * Checks `@UsersOnly()` / `@MachinesOnly()`, `@Groups()` / `@Groups.all()` and `@Scopes()` /
   * `@Scopes.all()` (the method's over the class's).
   */
  protected authorize(context: ExecutionContext, user: CognitoUser): void {
    const targets = [context.getHandler(), context.getClass()];
    const kind = this.reflector.getAllAndOverride<CallerKind | undefined>(COGNITO_CALLER_KIND, targets);
    const groups = this.reflector.getAllAndOverride<GroupRequirement | undefined>(COGNITO_GROUPS, targets);
    const scopes = this.reflector.getAllAndOverride<ScopeRequirement | undefined>(COGNITO_SCOPES, targets);
    const problem =
      wrongCallerKind(user, kind) ||
      (groups && missingGroups(user, groups)) ||
      (scopes && missingScopes(user, scopes));
    if (problem) throw this.forbidden(context, problem);
  }

  protected unauthorized(context: ExecutionContext, message: string): Error {
    const body = { statusCode: HttpStatus.UNAUTHORIZED, code: 'INVALID_TOKEN' as const, message };
    if (context.getType<string>() === 'ws') return wsError(body);
    if (context.getType<string>() === 'http') {
      const response = context.switchToHttp().getResponse<{
        header?: (name: string, value: string) => unknown;
        setHeader?: (name: string, value: string) => unknown;
      }>();
      const challenge = 'Bearer error="invalid_token"';
      if (typeof response?.setHeader === 'function') response.setHeader('WWW-Authenticate', challenge);
      else if (typeof response?.header === 'function') response.header('WWW-Authenticate', challenge);
    }
    return new CognitoException(HttpStatus.UNAUTHORIZED, body.code, message);
  }

  protected unavailable(context: ExecutionContext): Error {
    const message = 'Sign-outs cannot be checked right now; try again later.';
    const body = {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'REVOCATION_STORE_UNAVAILABLE' as const,
      message,
    };
    if (context.getType<string>() === 'ws') return wsError(body);
    return new CognitoException(HttpStatus.SERVICE_UNAVAILABLE, body.code, message);
  }

  protected forbidden(context: ExecutionContext, message: string): Error {
    return forbiddenError(context, message);
  }

  private flag(context: ExecutionContext, key: symbol): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true
    );
  }
}
