import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import type { Jwks } from 'aws-jwt-verify/jwk';

export interface MintClaims {
  /** Default: a random UUID. */
  sub?: string;
  /** Default: the `sub`, as in pools that sign in with email. */
  username?: string;
  groups?: string[];
  /** OAuth scopes of an access token. Default `aws.cognito.signin.user.admin`. */
  scopes?: string[];
  /** Default: the first client id the application accepts. */
  clientId?: string;
  /** Seconds from now until `exp`; negative for an expired token. Default 3600. */
  expiresIn?: number;
  /** ID tokens: the email (and `email_verified: true`). */
  email?: string;
  /** Further claims, set last (they may override any of the above). */
  claims?: Record<string, unknown>;
}

/** The claims of a minted machine token (client credentials). */
export interface MintMachineClaims {
  /** Custom scopes granted (`resource-server/scope`); at least one, as Cognito grants. */
  scopes: string[];
  /** The machine client, also the `sub`. Default: the first client id the application accepts. */
  clientId?: string;
  /** Seconds from now until `exp`; negative for an expired token. Default 3600. */
  expiresIn?: number;
  /** Further claims, set last. */
  claims?: Record<string, unknown>;
}

/**
 * A key pair made in this process (never stored, never shipped) and tokens shaped like Cognito's,
 * signed with it. Only a verifier given this minter's JWKS accepts them.
 */
export class TokenMinter {
  readonly kid = `nest-cognito-testing-${randomUUID()}`;
  readonly jwks: Jwks;
  private readonly privateKey: KeyObject;

  constructor() {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    const { n, e } = createPublicKey(privateKey).export({ format: 'jwk' }) as { n: string; e: string };
    this.jwks = { keys: [{ kid: this.kid, alg: 'RS256', kty: 'RSA', use: 'sig', n, e }] } as Jwks;
  }

  accessToken(pool: { userPoolId: string; clientId: string }, input: MintClaims = {}): string {
    const base = this.base(pool.userPoolId, input);
    return this.sign({
      sub: base.sub,
      ...(input.groups?.length ? { 'cognito:groups': input.groups } : {}),
      iss: base.iss,
      version: 2,
      client_id: input.clientId ?? pool.clientId,
      origin_jti: randomUUID(),
      event_id: randomUUID(),
      token_use: 'access',
      scope: (input.scopes ?? ['aws.cognito.signin.user.admin']).join(' '),
      auth_time: base.now,
      exp: base.now + (input.expiresIn ?? 3600),
      iat: base.now,
      jti: randomUUID(),
      username: input.username ?? base.sub,
      ...input.claims,
    });
  }

  /**
   * A machine token, shaped like Cognito's client-credentials tokens: no user (no `username`, no
   * groups), the client its own subject (`sub` = `client_id`), the granted custom scopes.
   */
  machineToken(pool: { userPoolId: string; clientId: string }, input: MintMachineClaims): string {
    const { iss, now } = this.base(pool.userPoolId, {});
    const clientId = input.clientId ?? pool.clientId;
    return this.sign({
      sub: clientId,
      token_use: 'access',
      scope: input.scopes.join(' '),
      auth_time: now,
      iss,
      exp: now + (input.expiresIn ?? 3600),
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: clientId,
      ...input.claims,
    });
  }

  idToken(pool: { userPoolId: string; clientId: string }, input: MintClaims = {}): string {
    const base = this.base(pool.userPoolId, input);
    return this.sign({
      sub: base.sub,
      ...(input.groups?.length ? { 'cognito:groups': input.groups } : {}),
      ...(input.email ? { email_verified: true, email: input.email } : {}),
      iss: base.iss,
      'cognito:username': input.username ?? base.sub,
      origin_jti: randomUUID(),
      aud: input.clientId ?? pool.clientId,
      event_id: randomUUID(),
      token_use: 'id',
      auth_time: base.now,
      exp: base.now + (input.expiresIn ?? 3600),
      iat: base.now,
      jti: randomUUID(),
      ...input.claims,
    });
  }

  private base(userPoolId: string, input: MintClaims) {
    const region = userPoolId.split('_')[0];
    return {
      sub: input.sub ?? randomUUID(),
      iss: `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
      now: Math.floor(Date.now() / 1000),
    };
  }

  private sign(payload: Record<string, unknown>): string {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${b64({ kid: this.kid, alg: 'RS256' })}.${b64(payload)}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }
}
