import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import type {
  ClientCredentialsModuleOptions,
  CognitoClientCredentialsOptions,
} from '../client-credentials/client-credentials.options.js';
import { COGNITO_MODULE_OPTIONS, COGNITO_OPTIONS } from '../cognito.constants.js';
import {
  type CognitoModuleOptions,
  resolveCognitoOptions,
  type TrustedPoolOptions,
} from '../cognito.options.js';
import {
  DEFAULT_FLOWS,
  DEFAULT_MFA,
  DEFAULT_POLICIES,
  type EmulatedCognitoOptions,
  type MachineTokenInput,
  type ManagedLoginInput,
  type ManagedLoginUser,
  type SignInAsInput,
} from './emulated-cognito.options.js';
import { clientIdsOf, type EmulatedPool, emulatedPools, MAIN_POOL, poolSeed } from './emulated-pools.js';
import {
  type EmulatorMessage,
  type InProcessEmulator,
  loadEmulator,
  type RunningCognitoEmulator,
} from './emulator-handle.js';
import { type MachineClient, type MachineToken, requestMachineToken } from './machine-token.js';
import { type ManagedLoginCredentials, managedLoginTokens, signInOnManagedLogin } from './managed-login.js';
import {
  customScopes,
  DEFAULT_RESOURCE_SERVERS,
  DEFAULT_USER_SCOPES,
  TESTING_CALLBACK,
} from './oauth-setup.js';
import { type SignedInUser, signUpAndSignIn } from './signed-in-user.js';
import type { Overridable } from './testing-module.js';
import { triggerSetup } from './trigger-config.js';

export type {
  EmulatedCognitoOptions,
  MachineTokenInput,
  ManagedLoginInput,
  ManagedLoginUser,
  SignInAsInput,
} from './emulated-cognito.options.js';
export type { EmulatedPool } from './emulated-pools.js';
export type { SignedInUser, SignInFlowName } from './signed-in-user.js';

const CREDENTIALS = { accessKeyId: 'nest-cognito-testing', secretAccessKey: 'nest-cognito-testing' };

/**
 * A real Cognito for tests: the emulator in this process (state in memory) with a pool, its
 * users' app client and machine client, and OAuth 2.0 set up (a domain, resource servers).
 * `apply()` points the application's `CognitoModule` at it (its other options kept), `signInAs()`
 * gives real users with real tokens, signed up, confirmed and signed in through the Cognito wire
 * protocol, `machineToken()` real client-credentials tokens. `stop()` when done.
 */
export class EmulatedCognito {
  private users = 0;
  private readonly sdk: CognitoIdentityProvider;
  /** The running emulator: its `endpoint`, `messages()`, `stop()`. */
  readonly emulator: RunningCognitoEmulator;
  /** The main pool (`'default'`) and the emulated trusted pools, by name. */
  readonly pools: Readonly<Record<string, EmulatedPool>>;

  constructor(
    running: InProcessEmulator,
    pools: Record<string, EmulatedPool>,
    /** The flows the users' app clients allow (`ALLOW_...`). */
    private readonly clientFlows: readonly string[] = DEFAULT_FLOWS,
    /** Every custom scope of the pools' resource servers (`api/read`, ...). */
    readonly scopes: readonly string[] = [],
  ) {
    this.emulator = running;
    this.pools = pools;
    this.sdk = new CognitoIdentityProvider({
      endpoint: running.endpoint,
      region: this.userPoolId.split('_')[0]!,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
  }

  /** The main pool's id. */
  get userPoolId(): string {
    return this.pool().userPoolId;
  }

  /** The main pool's users' app client (no secret). */
  get clientId(): string {
    return this.pool().clientId;
  }

  /** The main pool's machine client's id: the `client_id` and `sub` of `machineToken()`'s tokens. */
  get machineClientId(): string | undefined {
    return this.pool().machine?.clientId;
  }

  /**
   * The main pool's app clients whose tokens the guard accepts once `apply()`d: the users' client
   * and the machine client, as an application lists the services that call it in
   * `verification.clientIds`.
   */
  get clientIds(): string[] {
    return clientIdsOf(this.pool());
  }

  /** Options of a `CognitoModule` that talks to this Cognito. */
  get moduleOptions(): CognitoModuleOptions {
    return {
      userPoolId: this.userPoolId,
      clientId: this.clientId,
      endpoint: this.emulator.endpoint,
      credentials: CREDENTIALS,
    };
  }

  /** A pool by name: `'default'` (the main one) or one of `trustedPools`. */
  pool(name: string = MAIN_POOL): EmulatedPool {
    const pool = Object.hasOwn(this.pools, name) ? this.pools[name] : undefined;
    if (!pool) {
      throw new Error(
        `No emulated pool named ${name}: name it in startEmulatedCognito({ trustedPools: ['${name}'] })`,
      );
    }
    return pool;
  }

  /**
   * Points the testing module's `CognitoModule` at this Cognito: pool, client, endpoint and
   * credentials replace the application's, and the guard accepts this pool's users' and machine
   * clients (`clientIds`). Each of the application's `trustedPools` emulated here (see
   * `trustedPools`) becomes that emulated pool, with its clients; the others are dropped. Its
   * `clientCredentials` (its scopes and timings kept) get the main pool's machine client, so that
   * `CognitoClientCredentials` fetches real tokens here. Its other options (auth flow, guard
   * settings, ...) stay. Call before `compile()`. Adds no route and no provider of its own.
   */
  apply<T extends Overridable>(builder: T): T {
    builder.overrideProvider(COGNITO_OPTIONS).useFactory({
      inject: [COGNITO_MODULE_OPTIONS],
      factory: (own: CognitoModuleOptions) => {
        // The application's own pools and clients are real ones: never mixed with the emulator's.
        const {
          clientSecret: _secret,
          verification,
          trustedPools,
          clientCredentials,
          ...rest
        } = own ?? ({} as CognitoModuleOptions);
        const { clientIds: _c, userPoolIds: _p, ...guard } = verification ?? {};
        const machine = clientCredentials && this.emulatedClientCredentials(clientCredentials);
        const trusted = this.emulatedTrustedPools(trustedPools);
        return resolveCognitoOptions({
          ...rest,
          ...this.moduleOptions,
          verification: { ...guard, clientIds: this.clientIds },
          ...(Object.keys(trusted).length > 0 ? { trustedPools: trusted } : {}),
          ...(machine ? { clientCredentials: machine } : {}),
        });
      },
    });
    return builder;
  }

  /**
   * A new confirmed user (email verified), in the given groups, signed in: its real tokens. Sign-up,
   * confirmation with the emailed code, group membership (`CreateGroup`, `AdminAddUserToGroup`)
   * and sign-in go through the Cognito wire protocol.
   */
  async signInAs(input: SignInAsInput = {}): Promise<SignedInUser> {
    const { userPoolId, clientId } = this.pool(input.pool);
    return signUpAndSignIn(
      {
        sdk: this.sdk,
        userPoolId,
        clientId,
        codeFor: (email) => this.emulator.messages({ to: email, poolId: userPoolId }).at(-1)?.code,
        authFlow:
          input.authFlow ??
          (this.clientFlows.includes('ALLOW_USER_PASSWORD_AUTH') ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH'),
      },
      {
        email: input.email ?? `user-${++this.users}-${Date.now().toString(36)}@example.test`,
        password: input.password ?? 'Test-passw0rd!',
        groups: input.groups ?? [],
        ...(input.attributes ? { attributes: input.attributes } : {}),
        ...(input.mfa ? { mfa: input.mfa } : {}),
        ...(input.passwordless ? { passwordless: input.passwordless } : {}),
      },
    );
  }

  /**
   * A real machine token: the machine client's client-credentials grant at the emulator's
   * `/oauth2/token`, with the given custom scopes (default: every one). A new token each call.
   */
  async machineToken(input: MachineTokenInput = {}): Promise<MachineToken> {
    const endpoint = `${this.emulator.endpoint}/oauth2/token`;
    return requestMachineToken(endpoint, this.machineClient(input.pool), input.scopes);
  }

  /**
   * Options of a `CognitoClientCredentials` that fetches a machine client's tokens from this
   * Cognito: `new CognitoClientCredentials(cognito.clientCredentialsOptions(['api/read']))`, or
   * `clientCredentials` of a `CognitoModule` built for the test (`apply()` does it for the app's own).
   */
  clientCredentialsOptions(scopes?: string[], pool: string = MAIN_POOL): CognitoClientCredentialsOptions {
    return {
      ...this.machineClient(pool),
      userPoolId: this.pool(pool).userPoolId,
      endpoint: this.emulator.endpoint,
      ...(scopes ? { scopes } : {}),
    };
  }

  /**
   * Signs a user in on the emulator's managed login as a browser would (authorization code with
   * PKCE, through the sign-in page's form), and answers the tokens of the code: a user of an app
   * that signs in with the hosted pages. Default: a new user, OpenID's scopes, the testing callback.
   */
  async signInWithManagedLogin(input: ManagedLoginInput = {}): Promise<ManagedLoginUser> {
    const { clientId } = this.pool(input.pool);
    const user = input.user ?? (await this.signInAs(input.pool ? { pool: input.pool } : {}));
    const tokens = await managedLoginTokens(
      {
        endpoint: this.emulator.endpoint,
        clientId,
        redirectUri: input.redirectUri ?? TESTING_CALLBACK,
        scopes: input.scopes ?? DEFAULT_USER_SCOPES,
      },
      user,
    );
    return { ...tokens, email: user.email, password: user.password };
  }

  /**
   * Signs a user in on the managed login from an authorization URL (where the application's own
   * login route redirected the browser) and answers the URL the managed login sends the browser
   * back to: the application's callback with `code` and `state`, for the test to call.
   */
  signInOnManagedLogin(authorizationUrl: string, user: ManagedLoginCredentials): Promise<string> {
    return signInOnManagedLogin(authorizationUrl, user);
  }

  /** Messages Cognito "sent" (codes, invitations) for the main pool, oldest first; optionally to one address. */
  messages(to?: string): EmulatorMessage[] {
    return this.emulator.messages(to ? { to, poolId: this.userPoolId } : { poolId: this.userPoolId });
  }

  /**
   * The last code sent to an address (an email, or a phone number for SMS), of any kind or of the
   * one given (`EmulatorMessage['kind']`: `MFA` for the code of an SMS_MFA or EMAIL_OTP challenge,
   * and for the one-time code of a passwordless sign-in, EMAIL_OTP or SMS_OTP, which Cognito sends
   * with the same message).
   */
  lastCode(to: string, kind?: string): string | undefined {
    const messages = this.messages(to).filter((message) => !kind || message.kind === kind);
    return messages.at(-1)?.code ?? undefined;
  }

  stop(): Promise<void> {
    this.sdk.destroy();
    return this.emulator.stop();
  }

  private machineClient(name?: string): MachineClient {
    const { machine } = this.pool(name);
    if (!machine) {
      throw new Error(
        'The emulated pool has no machine client: give startEmulatedCognito({ resourceServers }) at least one scope',
      );
    }
    return machine;
  }

  /** The application's client-credentials options with the main pool's machine client (its scopes and timings kept). */
  private emulatedClientCredentials(own: ClientCredentialsModuleOptions) {
    const machine = this.pool().machine;
    if (!machine) return undefined;
    const {
      tokenEndpoint: _endpoint,
      userPoolId: _pool,
      clientId: _id,
      clientSecret: _secret,
      ...kept
    } = own;
    return { ...kept, ...machine };
  }

  /** The application's trusted pools that are emulated here, each replaced by its emulated pool. */
  private emulatedTrustedPools(own: unknown): Record<string, TrustedPoolOptions> {
    const trusted: Record<string, TrustedPoolOptions> = {};
    if (!isRecord(own)) return trusted;
    for (const [name, options] of Object.entries(own)) {
      const pool = name !== MAIN_POOL && Object.hasOwn(this.pools, name) ? this.pools[name] : undefined;
      if (!pool) continue;
      const tokenUse = isRecord(options) ? options.tokenUse : undefined;
      trusted[name] = {
        userPoolId: pool.userPoolId,
        clientIds: clientIdsOf(pool),
        ...(tokenUse === 'access' || tokenUse === 'id' || tokenUse === 'any' ? { tokenUse } : {}),
      };
    }
    return trusted;
  }
}

/** Starts an in-process, in-memory emulator with its pools and clients; see `EmulatedCognito`. */
export async function startEmulatedCognito(options: EmulatedCognitoOptions = {}): Promise<EmulatedCognito> {
  const { startEmulator } = await loadEmulator();
  const servers = options.resourceServers ?? DEFAULT_RESOURCE_SERVERS;
  const scopes = customScopes(servers);
  const triggers = triggerSetup(options.triggers ?? {}, options.tokenGenerationVersion ?? 'V1_0');
  const ownConfig = options.pool?.LambdaConfig;
  const lambdaConfig = { ...(isRecord(ownConfig) ? ownConfig : {}), ...triggers.lambdaConfig };
  const names = [...new Set([MAIN_POOL, ...(options.trustedPools ?? [])])];
  const settings = {
    pool: {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: DEFAULT_POLICIES,
      ...options.pool,
      ...(Object.keys(lambdaConfig).length > 0 ? { LambdaConfig: lambdaConfig } : {}),
    },
    client: { ExplicitAuthFlows: DEFAULT_FLOWS, ...options.client },
    mfa: options.mfa ?? DEFAULT_MFA,
    groups: options.groups ?? [],
    servers,
    scopes,
    callbackUrls: options.callbackUrls ?? [],
    logoutUrls: options.logoutUrls ?? [],
  };
  const emulator = await startEmulator({
    port: 0,
    dataFile: ':memory:',
    passwordCost: options.passwordCost ?? 4,
    lambdas: triggers.lambdas,
    seed: { pools: names.map((name) => poolSeed(name, settings)) },
  });
  const flows = options.client?.ExplicitAuthFlows;
  return new EmulatedCognito(
    emulator,
    emulatedPools(emulator, names),
    Array.isArray(flows) ? flows.map(String) : DEFAULT_FLOWS,
    scopes,
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
