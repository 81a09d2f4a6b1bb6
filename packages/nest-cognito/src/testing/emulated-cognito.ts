import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { COGNITO_MODULE_OPTIONS, COGNITO_OPTIONS } from '../cognito.constants.js';
import { type CognitoModuleOptions, resolveCognitoOptions } from '../cognito.options.js';
import {
  type EmulatorMessage,
  type InProcessEmulator,
  loadEmulator,
  type RunningCognitoEmulator,
} from './emulator-handle.js';
import { type SignedInUser, type SignInFlowName, signUpAndSignIn } from './signed-in-user.js';
import type { Overridable } from './testing-module.js';

export type { SignedInUser, SignInFlowName } from './signed-in-user.js';

export interface EmulatedCognitoOptions {
  /**
   * `CreateUserPool` settings over the defaults (users sign in with their email, verified by code;
   * every first factor allowed: password, email and SMS codes, passkeys).
   */
  pool?: Record<string, unknown>;
  /** `CreateUserPoolClient` settings over the defaults (SRP, password, admin, choice-based and refresh flows). */
  client?: Record<string, unknown>;
  /**
   * The pool's MFA (`SetUserPoolMfaConfig` input). Default: `OPTIONAL` with authenticator apps, so
   * that `signInAs({ mfa: 'totp' })` works and other users sign in without a second factor.
   */
  mfa?: Record<string, unknown>;
  /** Groups to create at start (`signInAs` creates the ones it is asked for, too). */
  groups?: string[];
  /** scrypt cost of stored passwords, as log2(N). Default 4: tests need no slow KDF. */
  passwordCost?: number;
}

/** The app client's flows unless `client.ExplicitAuthFlows` says otherwise. */
const DEFAULT_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/**
 * The pool's first factors unless `pool.Policies` says otherwise: every one, so that passwordless
 * sign-in and passkeys work in tests (`signInAs({ passwordless: 'EMAIL_OTP' })`).
 */
const DEFAULT_POLICIES = {
  SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] },
};

export interface SignInAsInput {
  /** Default: a new `user-<n>@example.test`. */
  email?: string;
  /** Default `Test-passw0rd!` (meets the default policy). */
  password?: string;
  groups?: string[];
  /** Attributes by name (custom ones as `custom:<name>`, declared in the pool's `Schema`). */
  attributes?: Record<string, string>;
  /**
   * How the user signs in. Default: `USER_PASSWORD_AUTH` where the app client allows it, else
   * `USER_SRP_AUTH` (a client like the AWS console's default allows only SRP and refresh).
   */
  authFlow?: SignInFlowName;
  /**
   * `totp`: the user sets up an authenticator app (verified and preferred) and signs in through
   * its challenge (MFA_SETUP where the pool's MFA is ON); its secret comes back as `totpSecret`,
   * for `totp()`.
   */
  mfa?: 'totp';
  /**
   * `EMAIL_OTP`: the user signs in without its password, with the one-time code Cognito emails
   * (choice-based sign-in, `USER_AUTH`; the default pool and client allow it). Not with `mfa`.
   */
  passwordless?: 'EMAIL_OTP';
}

/** The pool's MFA unless `mfa` says otherwise: optional, with authenticator apps. */
const DEFAULT_MFA = { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } };

const CREDENTIALS = { accessKeyId: 'nest-cognito-testing', secretAccessKey: 'nest-cognito-testing' };

/**
 * A real Cognito for tests: the emulator in this process (state in memory) with a pool and an
 * app client. `apply()` points the application's `CognitoModule` at it (its other options kept),
 * `signInAs()` gives real users with real tokens, signed up, confirmed and signed in through the
 * Cognito wire protocol. `stop()` when done.
 */
export class EmulatedCognito {
  private users = 0;
  private readonly sdk: CognitoIdentityProvider;
  /** The running emulator: its `endpoint`, `messages()`, `stop()`. */
  readonly emulator: RunningCognitoEmulator;

  constructor(
    running: InProcessEmulator,
    readonly userPoolId: string,
    readonly clientId: string,
    /** The flows the app client allows (`ALLOW_...`). */
    private readonly clientFlows: readonly string[] = DEFAULT_FLOWS,
  ) {
    this.emulator = running;
    this.sdk = new CognitoIdentityProvider({
      endpoint: running.endpoint,
      region: userPoolId.split('_')[0]!,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
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

  /**
   * Points the testing module's `CognitoModule` at this Cognito: pool, client, endpoint and
   * credentials replace the application's; its other options (auth flow, guard settings, ...) stay.
   * Call before `compile()`. Adds no route and no provider of its own.
   */
  apply<T extends Overridable>(builder: T): T {
    builder.overrideProvider(COGNITO_OPTIONS).useFactory({
      inject: [COGNITO_MODULE_OPTIONS],
      factory: (own: CognitoModuleOptions) => {
        const { clientSecret: _secret, verification, ...rest } = own ?? ({} as CognitoModuleOptions);
        const { clientIds: _c, userPoolIds: _p, ...guard } = verification ?? {};
        return resolveCognitoOptions({ ...rest, ...this.moduleOptions, verification: guard });
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
    return signUpAndSignIn(
      {
        sdk: this.sdk,
        userPoolId: this.userPoolId,
        clientId: this.clientId,
        codeFor: (email) => this.lastCode(email),
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

  /** Messages Cognito "sent" (codes, invitations), oldest first; optionally to one address. */
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
}

/** Starts an in-process, in-memory emulator with one pool and client; see `EmulatedCognito`. */
export async function startEmulatedCognito(options: EmulatedCognitoOptions = {}): Promise<EmulatedCognito> {
  const { startEmulator } = await loadEmulator();
  const emulator = await startEmulator({
    port: 0,
    dataFile: ':memory:',
    passwordCost: options.passwordCost ?? 4,
    seed: {
      pools: [
        {
          name: 'nest-cognito-testing',
          settings: {
            UsernameAttributes: ['email'],
            AutoVerifiedAttributes: ['email'],
            UsernameConfiguration: { CaseSensitive: false },
            Policies: DEFAULT_POLICIES,
            ...options.pool,
          },
          clients: [
            {
              name: 'app',
              settings: { ExplicitAuthFlows: DEFAULT_FLOWS, ...options.client },
            },
          ],
          mfa: options.mfa ?? DEFAULT_MFA,
          groups: (options.groups ?? []).map((name) => ({ name })),
        },
      ],
    },
  });
  const pool = emulator.pools['nest-cognito-testing']!;
  const flows = options.client?.ExplicitAuthFlows;
  return new EmulatedCognito(
    emulator,
    pool.id,
    pool.clients.app!.id,
    Array.isArray(flows) ? flows.map(String) : DEFAULT_FLOWS,
  );
}
