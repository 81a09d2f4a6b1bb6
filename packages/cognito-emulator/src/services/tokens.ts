import { createHash, createPublicKey, type KeyObject, randomUUID, sign, verify } from 'node:crypto';
import { notAuthorized } from '../errors.js';
import { newOpaqueToken, regionOfPool } from '../ids.js';
import { emptyRecord } from '../records.js';
import type { Db } from '../store/database.js';
import { type RefreshTokenRow, type SessionRow, SessionStore } from '../store/sessions.js';
import type { Client, Pool, TimeUnit, User } from './model.js';
import type { PoolService } from '../store/pools.js';
import type { StringMap, TokenGenerationTriggerSource } from '../lambda/events.js';

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  /** The device key a sign-in issued, in a pool that tracks devices (none when a known device signed in). */
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

export interface AccessTokenClaims {
  sub: string;
  iss: string;
  client_id: string;
  origin_jti: string;
  token_use: 'access';
  scope: string;
  auth_time: number;
  exp: number;
  iat: number;
  jti: string;
  username: string;
  'cognito:groups'?: string[];
  device_key?: string;
}

/** How a set of tokens comes to be, as the pre token generation trigger is told. */
export interface TokenGeneration {
  source: TokenGenerationTriggerSource;
  /** The `ClientMetadata` of the call, where AWS passes it to this trigger (challenge answers). */
  clientMetadata?: StringMap;
  /**
   * The OAuth 2.0 scopes the user granted at the pool's authorization endpoint: the access token's
   * `scope` (otherwise `aws.cognito.signin.user.admin`), kept for the session's refreshes.
   */
  scopes?: readonly string[];
  /** The `nonce` of the authorization request, which the ID token carries back (OpenID Connect). */
  nonce?: string;
  /** When the user authenticated (epoch seconds), where that was before the tokens (managed login). */
  authTime?: number;
}

/** A token's claims before signing. */
export type Claims = Record<string, unknown>;

/** The tokens of a sign-in or a refresh before they are signed, and how they came to be. */
export interface TokenDraft {
  pool: Pool;
  client: Client;
  user: User;
  groups: string[];
  access: Claims;
  id: Claims;
  generation: TokenGeneration;
}

/** A machine-to-machine access token (client credentials) before it is signed: no user, no ID token. */
export interface MachineTokenDraft {
  pool: Pool;
  client: Client;
  access: Claims;
  clientMetadata?: StringMap;
}

/**
 * What may change the claims of tokens before they are signed: the pool's pre token generation
 * trigger (`trigger-tokens.ts`), which the emulator's context installs (see `customizeWith`):
 * users' tokens, and machine tokens.
 */
export interface TokenCustomizer {
  user(draft: TokenDraft): Promise<{ access: Claims; id: Claims }>;
  machine(draft: MachineTokenDraft): Promise<Claims>;
}

/** The scope of access tokens from Cognito's own sign-in API. */
export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export const issuerOf = (poolId: string) =>
  `https://cognito-idp.${regionOfPool(poolId)}.amazonaws.com/${poolId}`;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The validity of each token a client issues, in seconds, from its settings and units. */
export function tokenValidity(client: Client): { access: number; id: number; refresh: number } {
  const {
    AccessTokenValidity,
    IdTokenValidity,
    RefreshTokenValidity,
    TokenValidityUnits: units,
  } = client.config;
  return {
    access: AccessTokenValidity ? AccessTokenValidity * UNIT_SECONDS[units?.AccessToken ?? 'hours'] : 3600,
    id: IdTokenValidity ? IdTokenValidity * UNIT_SECONDS[units?.IdToken ?? 'hours'] : 3600,
    refresh: (RefreshTokenValidity || 30) * UNIT_SECONDS[units?.RefreshToken ?? 'days'],
  };
}

/**
 * Signs the tokens of a sign-in and keeps its session: one row per sign-in, keyed by the
 * `origin_jti` that every token of the sign-in carries, holding the hash of its refresh token.
 * Revoking the session revokes the refresh token and every access token issued from it.
 */
export class TokenService {
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly sessions: SessionStore;
  private customizer: TokenCustomizer | undefined;
  constructor(
    db: Db,
    private readonly pools: PoolService,
    private readonly now: () => number,
  ) {
    this.sessions = new SessionStore(db);
  }

  /**
   * Installs what customizes claims before signing (the context installs the pre token generation
   * trigger; without it, tokens are signed as built).
   */
  customizeWith(customizer: TokenCustomizer): void {
    this.customizer = customizer;
  }

  /**
   * A new sign-in: a new session, and all three tokens; where the pool tracks devices, issued to
   * the device the sign-in was made with or was given (its key in the access token's `device_key`).
   * `generation` tells the pre token generation trigger how (`TokenGeneration_Authentication` by
   * default). The trigger runs before the session is stored: when it fails, no session is left.
   */
  async signIn(
    pool: Pool,
    client: Client,
    user: User,
    groups: string[],
    deviceKey: string | null = null,
    generation: TokenGeneration = { source: 'TokenGeneration_Authentication' },
  ): Promise<AuthenticationResult> {
    const validity = tokenValidity(client);
    const authTime = generation.authTime ?? Math.floor(this.now() / 1000);
    const originJti = randomUUID();
    const refreshToken = newOpaqueToken(96);
    const tokens = await this.sign(
      pool,
      client,
      user,
      groups,
      { originJti, authTime, deviceKey },
      generation,
    );
    this.sessions.insert(
      {
        origin_jti: originJti,
        pool_id: pool.id,
        client_id: client.id,
        username: user.username,
        auth_time: authTime,
        expires_at: this.now() + validity.refresh * 1000,
        device_key: deviceKey,
        scope: generation.scopes ? generation.scopes.join(' ') : null,
      },
      hashToken(refreshToken),
    );
    return { ...tokens, RefreshToken: refreshToken };
  }

  /**
   * New access and ID tokens of the session a refresh token belongs to (no new refresh token);
   * the pre token generation trigger is told `TokenGeneration_RefreshTokens`.
   */
  async refresh(
    pool: Pool,
    client: Client,
    user: User,
    groups: string[],
    session: SessionRow,
    generation: TokenGeneration = { source: 'TokenGeneration_RefreshTokens' },
  ) {
    const scopes = grantedScopesOf(session);
    return this.sign(
      pool,
      client,
      user,
      groups,
      { originJti: session.origin_jti, authTime: session.auth_time, deviceKey: session.device_key },
      scopes ? { ...generation, scopes } : generation,
    );
  }

  /**
   * A machine-to-machine access token (client credentials grant), with AWS's claims: the client is
   * its own subject, no user name, no session (it cannot be revoked, only expire), the granted
   * custom scopes. A `V3_0` pre token generation trigger may change it.
   */
  async machineToken(
    pool: Pool,
    client: Client,
    scopes: readonly string[],
    clientMetadata?: StringMap,
  ): Promise<{ access_token: string; expires_in: number; token_type: 'Bearer' }> {
    const validity = tokenValidity(client);
    const iat = Math.floor(this.now() / 1000);
    const access: Claims = {
      sub: client.id,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: iat,
      iss: issuerOf(pool.id),
      exp: iat + validity.access,
      iat,
      version: 2,
      jti: randomUUID(),
      client_id: client.id,
    };
    const draft = { pool, client, access, ...(clientMetadata ? { clientMetadata } : {}) };
    const claims = this.customizer ? await this.customizer.machine(draft) : access;
    const key = this.pools.signingKey(pool.id);
    const token = await signJwt(claims, key.kid, key.privateKey);
    return { access_token: token, expires_in: validity.access, token_type: 'Bearer' };
  }

  /** The session a refresh token belongs to, live or not, with the token's retirement. */
  findSession(refreshToken: string): RefreshTokenRow | undefined {
    return this.sessions.findByRefreshHash(hashToken(refreshToken));
  }

  /**
   * The live session of a refresh token issued to this client, or `NotAuthorizedException`. The
   * token itself may have been retired by rotation: see `isSpent`.
   */
  sessionOfRefreshToken(client: Client, refreshToken: string): RefreshTokenRow {
    const row = this.findSession(refreshToken);
    if (!row || row.client_id !== client.id) throw notAuthorized('Invalid Refresh Token');
    if (row.revoked) throw notAuthorized('Refresh Token has been revoked');
    if (row.expires_at <= this.now()) throw notAuthorized('Refresh Token has expired');
    return row;
  }

  /** Whether rotation replaced this refresh token and its grace period is over. */
  isSpent(row: RefreshTokenRow): boolean {
    return row.retired_until !== null && row.retired_until <= this.now();
  }

  /**
   * Rotation: a new refresh token of the same session (same `origin_jti`, same expiry) in place of
   * `refreshToken`, which stays good for `graceSeconds`. Undefined when the token is spent (its
   * grace is over, or another request rotated it first without grace): synchronous, so that of
   * concurrent requests the store decides.
   */
  rotateRefreshToken(refreshToken: string, graceSeconds: number): string | undefined {
    const next = newOpaqueToken(96);
    const now = this.now();
    const rotated = this.sessions.rotate(
      hashToken(refreshToken),
      hashToken(next),
      now + graceSeconds * 1000,
      now,
    );
    return rotated ? next : undefined;
  }

  /** Revokes one session: its refresh token and the access tokens issued from it. */
  revokeSession(originJti: string): void {
    this.sessions.revoke(originJti);
  }

  /** Revokes every session of a user (global sign-out). */
  revokeUser(poolId: string, username: string): void {
    this.sessions.revokeUser(poolId, username);
  }

  /**
   * Verifies an access token as Cognito's own APIs do: signed by a pool here, an access token,
   * not expired, not revoked. Every failure is `NotAuthorizedException`.
   */
  verifyAccessToken(token: string): { pool: Pool; claims: AccessTokenClaims } {
    const invalid = () => notAuthorized('Invalid Access Token');
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid();
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const header = parseJson(headerPart);
    const claims = parseJson(payloadPart) as AccessTokenClaims | undefined;
    if (!header || !claims || header.alg !== 'RS256' || typeof claims.iss !== 'string') throw invalid();
    const poolId = claims.iss.slice(claims.iss.lastIndexOf('/') + 1);
    const pool = this.pools.findPool(poolId);
    if (!pool || claims.iss !== issuerOf(poolId) || header.kid !== pool.kid) throw invalid();
    const signed = verify(
      'sha256',
      Buffer.from(`${headerPart}.${payloadPart}`),
      this.publicKey(pool),
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!signed || claims.token_use !== 'access') throw invalid();
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now()) {
      throw notAuthorized('Access Token has expired');
    }
    if (!this.sessions.isLive(claims.origin_jti)) throw notAuthorized('Access Token has been revoked');
    return { pool, claims };
  }

  /** The JWKS a pool publishes. */
  jwks(pool: Pool): { keys: Record<string, string>[] } {
    return { keys: [this.pools.signingKey(pool.id).publicJwk] };
  }

  private publicKey(pool: Pool): KeyObject {
    let key = this.publicKeys.get(pool.id);
    if (!key) {
      key = createPublicKey(this.pools.signingKey(pool.id).privateKey);
      this.publicKeys.set(pool.id, key);
    }
    return key;
  }

  private async sign(
    pool: Pool,
    client: Client,
    user: User,
    groups: string[],
    session: { originJti: string; authTime: number; deviceKey: string | null },
    generation: TokenGeneration,
  ): Promise<AuthenticationResult> {
    const { originJti, authTime, deviceKey } = session;
    const validity = tokenValidity(client);
    const iat = Math.floor(this.now() / 1000);
    const iss = issuerOf(pool.id);
    const eventId = randomUUID();
    const groupClaim = groups.length > 0 ? { 'cognito:groups': groups } : {};
    const access = {
      sub: user.sub,
      ...groupClaim,
      ...(deviceKey ? { device_key: deviceKey } : {}),
      iss,
      version: 2,
      client_id: client.id,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: generation.scopes ? generation.scopes.join(' ') : USER_ADMIN_SCOPE,
      auth_time: authTime,
      exp: iat + validity.access,
      iat,
      jti: randomUUID(),
      username: user.username,
    };
    const id = {
      ...idTokenAttributes(user),
      ...groupClaim,
      iss,
      'cognito:username': user.username,
      origin_jti: originJti,
      aud: client.id,
      event_id: eventId,
      token_use: 'id',
      auth_time: authTime,
      exp: iat + validity.id,
      iat,
      jti: randomUUID(),
      ...(generation.nonce !== undefined ? { nonce: generation.nonce } : {}),
    };
    const claims = this.customizer
      ? await this.customizer.user({ pool, client, user, groups, access, id, generation })
      : { access, id };
    const key = this.pools.signingKey(pool.id);
    if (generation.scopes) {
      // Tokens of the authorization endpoint: the ID token binds the access token (`at_hash`).
      const AccessToken = await signJwt(claims.access, key.kid, key.privateKey);
      const id = { at_hash: accessTokenHash(AccessToken), ...claims.id };
      const IdToken = await signJwt(id, key.kid, key.privateKey);
      return { AccessToken, IdToken, ExpiresIn: validity.access, TokenType: 'Bearer' };
    }
    const [AccessToken, IdToken] = await Promise.all([
      signJwt(claims.access, key.kid, key.privateKey),
      signJwt(claims.id, key.kid, key.privateKey),
    ]);
    return { AccessToken, IdToken, ExpiresIn: validity.access, TokenType: 'Bearer' };
  }
}

/** The user's attributes as ID token claims: `sub` first, `*_verified` as booleans. */
function idTokenAttributes(user: User): Record<string, string | boolean> {
  const claims = emptyRecord<string | boolean>();
  claims.sub = user.sub;
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub') continue;
    claims[name] = name.endsWith('_verified') ? value === 'true' : value;
  }
  return claims;
}

/** OpenID Connect's `at_hash`: the left half of the access token's SHA-256, base64url. */
const accessTokenHash = (token: string) =>
  createHash('sha256').update(token, 'ascii').digest().subarray(0, 16).toString('base64url');

/** RS256 over libuv's thread pool, so that signing does not hold the event loop. */
function signJwt(payload: object, kid: string, key: KeyObject): Promise<string> {
  const header = Buffer.from(JSON.stringify({ kid, alg: 'RS256' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const input = `${header}.${body}`;
  return new Promise((resolve, reject) =>
    sign('sha256', Buffer.from(input), key, (err, signature) =>
      err ? reject(err) : resolve(`${input}.${signature.toString('base64url')}`),
    ),
  );
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The scopes of a session begun at the authorization endpoint; undefined for one of the API. */
export function grantedScopesOf(session: SessionRow): readonly string[] | undefined {
  return session.scope === null ? undefined : session.scope.split(' ').filter(Boolean);
}
