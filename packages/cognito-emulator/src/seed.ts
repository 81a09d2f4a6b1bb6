import { passwordSecrets } from './services/srp-verifier.js';
import type { EmulatorContext } from './context.js';
import { recordOf } from './records.js';
import { invalidParameter } from './errors.js';
import { newClientId, newClientSecret, newPoolId, newSub } from './ids.js';
import { clientConfigFromInput } from './services/client-config.js';
import { newSigningKey } from './services/keys.js';
import type { Client, Pool, User, UserStatus } from './services/model.js';
import { assertPasswordConforms } from './services/passwords.js';
import { poolConfigFromInput } from './services/pool-config.js';
import { assertAttributesConform } from './services/schema.js';
import { CreateUserPool } from './targets/CreateUserPool.js';
import { CreateUserPoolClient } from './targets/CreateUserPoolClient.js';
import { CreateResourceServer } from './targets/CreateResourceServer.js';
import { CreateUserPoolDomain } from './targets/CreateUserPoolDomain.js';
import { assertOAuthSettings } from './services/client-oauth.js';
import { resourceServerScopes } from './services/oauth-config.js';
import { SetUserPoolMfaConfig } from './targets/SetUserPoolMfaConfig.js';
import { applyMfaConfig } from './services/mfa-config.js';
import type { Target, Validated } from './targets/target.js';
import { validate } from './validation.js';
import { checkWireTypes } from './wire-check.js';

/** A seed file: pools, their clients and users, created at start unless they already exist. */
export interface Seed {
  pools: SeedPool[];
  /**
   * Trigger functions run from handler files, by function name (the name in the trigger's ARN):
   * `{ "pre-sign-up": "./triggers/pre-sign-up.mjs#handler" }`, paths relative to the seed file
   * (to the working directory for a seed given as an object); the export is `handler` unless named.
   */
  lambdas?: Record<string, string>;
}

export interface SeedPool {
  /** The pool's name; an existing pool of this name (or `id`) is reused. */
  name: string;
  /** A fixed pool id (`<region>_<alphanumerics>`), so that an application starts with known ids. */
  id?: string;
  /** Any CreateUserPool input besides `PoolName`. */
  settings?: Record<string, unknown>;
  /** Any SetUserPoolMfaConfig input besides `UserPoolId`: the factors and MFA mode of the pool. */
  mfa?: Record<string, unknown>;
  /**
   * The pool's domain: a prefix (`"my-app"`), or any CreateUserPoolDomain input besides `UserPoolId`
   * (`{ "Domain": "my-app", "ManagedLoginVersion": 2 }`). Kept if the pool has it already.
   */
  domain?: string | Record<string, unknown>;
  /** Resource servers (CreateResourceServer input besides `UserPoolId`), made before the clients that use their scopes. */
  resourceServers?: Record<string, unknown>[];
  clients?: SeedClient[];
  groups?: SeedGroup[];
  users?: SeedUser[];
}

export interface SeedGroup {
  name: string;
  description?: string;
  precedence?: number;
}

export interface SeedClient {
  name: string;
  /** A fixed client id. */
  id?: string;
  /** A fixed client secret (implies a client with a secret). */
  secret?: string;
  /** A generated secret, as `CreateUserPoolClient`'s `GenerateSecret` (which `settings` may also hold). */
  generateSecret?: boolean;
  /** Any CreateUserPoolClient input besides `UserPoolId` and `ClientName`. */
  settings?: Record<string, unknown>;
}

export interface SeedUser {
  /** The user name; in pools that sign in with email, the email (the user name becomes the sub). */
  username: string;
  password: string;
  attributes?: Record<string, string>;
  /** Groups (declared in the pool's `groups`) the user belongs to. */
  groups?: string[];
  /** Default `CONFIRMED`. */
  status?: Extract<UserStatus, 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED'>;
  enabled?: boolean;
}

export interface SeededPool {
  id: string;
  name: string;
  clients: Record<string, { id: string; secret?: string }>;
}

/** Applies a seed idempotently and tells the ids of what it declares, by name. */
export async function applySeed(ctx: EmulatorContext, seed: Seed): Promise<Record<string, SeededPool>> {
  const result: Record<string, SeededPool> = {};
  for (const declared of seed.pools ?? []) {
    const pool = existingPool(ctx, declared) ?? (await createPool(ctx, declared));
    for (const server of declared.resourceServers ?? []) ensureResourceServer(ctx, pool, server);
    if (declared.domain !== undefined) ensureDomain(ctx, pool, declared.domain);
    const clients: SeededPool['clients'] = {};
    for (const declaredClient of declared.clients ?? []) {
      const client =
        existingClient(ctx, pool.id, declaredClient) ?? createClient(ctx, pool.id, declaredClient);
      clients[declaredClient.name] = { id: client.id, ...(client.secret ? { secret: client.secret } : {}) };
    }
    for (const group of declared.groups ?? []) ensureGroup(ctx, pool, group);
    for (const declaredUser of declared.users ?? []) await ensureUser(ctx, pool, declaredUser);
    result[declared.name] = { id: pool.id, name: declared.name, clients };
  }
  return result;
}

/**
 * Seed settings checked as the operation would check them on the wire (JSON types from the API
 * model, then the target's constraints), so that a seed cannot store what the API would refuse.
 */
function seedInput<T>(
  operation: string,
  definition: Target<T>,
  input: Record<string, unknown>,
): Validated<T> {
  return validate(checkWireTypes(operation, input), definition.input) as Validated<T>;
}

function existingPool(ctx: EmulatorContext, declared: SeedPool): Pool | undefined {
  if (declared.id) return ctx.pools.findPool(declared.id);
  return ctx.pools
    .listPoolIds()
    .map((id) => ctx.pools.findPool(id)!)
    .find((pool) => pool.config.Name === declared.name);
}

async function createPool(ctx: EmulatorContext, declared: SeedPool): Promise<Pool> {
  if (declared.id !== undefined && !/^[a-z]{2}-[a-z]+-\d_[0-9A-Za-z]+$/.test(declared.id)) {
    throw invalidParameter(`Seed pool id ${declared.id} is not of the form <region>_<alphanumerics>.`);
  }
  const { pem, kid } = await newSigningKey();
  const now = ctx.now();
  const id = declared.id ?? newPoolId(ctx.region);
  const pool: Pool = {
    id,
    config: poolConfigFromInput(
      seedInput('CreateUserPool', CreateUserPool, { ...declared.settings, PoolName: declared.name }),
    ),
    kid,
    signingKeyPem: pem,
    createdAt: now,
    updatedAt: now,
  };
  if (declared.mfa) {
    const input = seedInput('SetUserPoolMfaConfig', SetUserPoolMfaConfig, {
      ...declared.mfa,
      UserPoolId: id,
    });
    const { mode, factors } = applyMfaConfig(pool, input);
    pool.config = { ...pool.config, MfaConfiguration: mode, MfaFactors: { ...factors } };
  }
  ctx.pools.insertPool(pool);
  return pool;
}

function existingClient(ctx: EmulatorContext, poolId: string, declared: SeedClient): Client | undefined {
  if (declared.id) return ctx.pools.findClient(declared.id);
  return ctx.pools
    .listClientIds(poolId)
    .map((id) => ctx.pools.findClient(id)!)
    .find((client) => client.config.ClientName === declared.name);
}

function createClient(ctx: EmulatorContext, poolId: string, declared: SeedClient): Client {
  const now = ctx.now();
  const generated = wantsGeneratedSecret(declared);
  const secret = declared.secret ?? (generated ? newClientSecret() : undefined);
  const input = seedInput('CreateUserPoolClient', CreateUserPoolClient, {
    ...declared.settings,
    UserPoolId: poolId,
    ClientName: declared.name,
  });
  assertOAuthSettings(input, {
    hasSecret: secret !== undefined,
    customScopes: resourceServerScopes(ctx, poolId),
  });
  const client: Client = {
    id: declared.id ?? newClientId(),
    poolId,
    config: clientConfigFromInput(input),
    createdAt: now,
    updatedAt: now,
    ...(secret ? { secret } : {}),
  };
  ctx.pools.insertClient(client);
  return client;
}

/**
 * Whether a seeded client asks for a generated secret: `generateSecret`, or `GenerateSecret` in its
 * `settings` (as `CreateUserPoolClient` takes it). A non-boolean, or two answers that disagree (with
 * each other, or `false` beside a fixed `secret`), is refused rather than guessed.
 */
function wantsGeneratedSecret(declared: SeedClient): boolean {
  const inSettings = declared.settings?.GenerateSecret;
  const flags = [
    ['generateSecret', declared.generateSecret],
    ['settings.GenerateSecret', inSettings],
  ] as const;
  for (const [where, value] of flags) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalidParameter(`Seed client ${declared.name}: ${where} must be true or false.`);
    }
  }
  if (
    declared.generateSecret !== undefined &&
    inSettings !== undefined &&
    declared.generateSecret !== inSettings
  ) {
    throw invalidParameter(
      `Seed client ${declared.name}: generateSecret and settings.GenerateSecret disagree.`,
    );
  }
  const wanted = (declared.generateSecret ?? inSettings) as boolean | undefined;
  if (declared.secret !== undefined && wanted === false) {
    throw invalidParameter(`Seed client ${declared.name}: a fixed secret with GenerateSecret false.`);
  }
  return wanted === true;
}

/** The seed's resource server, made through CreateResourceServer's own checks unless the pool has it. */
function ensureResourceServer(ctx: EmulatorContext, pool: Pool, declared: Record<string, unknown>): void {
  const input = seedInput('CreateResourceServer', CreateResourceServer, { ...declared, UserPoolId: pool.id });
  if (ctx.resourceServers.find(pool.id, input.Identifier)) return;
  void CreateResourceServer.handler(ctx, input, { sourceIp: null });
}

/** The seed's domain, made through CreateUserPoolDomain's own checks unless the pool has it. */
function ensureDomain(ctx: EmulatorContext, pool: Pool, declared: string | Record<string, unknown>): void {
  const given = typeof declared === 'string' ? { Domain: declared } : declared;
  const input = seedInput('CreateUserPoolDomain', CreateUserPoolDomain, { ...given, UserPoolId: pool.id });
  if (ctx.domains.ofPool(pool.id).some((d) => d.domain === input.Domain)) return;
  void CreateUserPoolDomain.handler(ctx, input, { sourceIp: null });
}

function ensureGroup(ctx: EmulatorContext, pool: Pool, declared: SeedGroup): void {
  if (ctx.groups.find(pool.id, declared.name)) return;
  const now = ctx.now();
  ctx.groups.insert({
    poolId: pool.id,
    name: declared.name,
    ...(declared.description !== undefined ? { description: declared.description } : {}),
    ...(declared.precedence !== undefined ? { precedence: declared.precedence } : {}),
    createdAt: now,
    updatedAt: now,
  });
}

async function ensureUser(ctx: EmulatorContext, pool: Pool, declared: SeedUser): Promise<void> {
  const existing = ctx.users.findBySignInName(pool, declared.username);
  if (existing) return joinGroups(ctx, pool, existing.username, declared);
  assertPasswordConforms(declared.password, pool.config.Policies.PasswordPolicy);
  const attributes = recordOf(declared.attributes ?? {});
  const sub = newSub();
  let username = declared.username;
  if (pool.config.UsernameAttributes?.includes('email') && declared.username.includes('@')) {
    attributes.email = declared.username;
    attributes.email_verified ??= 'true';
    username = sub;
  }
  assertAttributesConform(pool.config.SchemaAttributes, attributes);
  const now = ctx.now();
  const user: User = {
    poolId: pool.id,
    username,
    sub,
    status: declared.status ?? 'CONFIRMED',
    enabled: declared.enabled ?? true,
    ...(await passwordSecrets(ctx, pool, username, declared.password)),
    attributes: recordOf({ sub, ...attributes }),
    createdAt: now,
    updatedAt: now,
  };
  ctx.users.insert(pool, user);
  joinGroups(ctx, pool, username, declared);
}

function joinGroups(ctx: EmulatorContext, pool: Pool, username: string, declared: SeedUser): void {
  for (const name of declared.groups ?? []) {
    if (!ctx.groups.find(pool.id, name)) {
      throw invalidParameter(
        `Seed user ${declared.username} names group ${name}, which the pool does not declare.`,
      );
    }
    ctx.groups.addMember(pool.id, name, username);
  }
}
