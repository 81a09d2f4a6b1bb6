import type { TriggerHandlers } from '../triggers/trigger-handler.js';
import type { ManagedLoginCredentials, ManagedLoginTokens } from './managed-login.js';
import type { ResourceServers } from './oauth-setup.js';
import type { SignInFlowName } from './signed-in-user.js';
import type { TokenGenerationVersion } from './trigger-config.js';

export interface EmulatedCognitoOptions {
  /**
   * `CreateUserPool` settings over the defaults (users sign in with their email, verified by code;
   * every first factor allowed: password, email and SMS codes, passkeys).
   */
  pool?: Record<string, unknown>;
  /** `CreateUserPoolClient` settings over the defaults (SRP, password, admin, choice-based, custom and refresh flows). */
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
  /**
   * The application's own trigger handlers (typed with `nest-cognito/triggers`), by trigger:
   * `{ PreSignUp, PreTokenGeneration, DefineAuthChallenge, ... }`. They run in this process at the
   * points Cognito runs them, with Cognito's events; the pool's `LambdaConfig` names them (over
   * `pool.LambdaConfig`). A handler that throws fails the call as on AWS
   * (`UserLambdaValidationException`).
   */
  triggers?: TriggerHandlers;
  /**
   * The event version of the `PreTokenGeneration` handler. Default `V1_0` (AWS's, for the ID token
   * only); `V2_0` or `V3_0` to change access tokens, which is what the guard reads.
   */
  tokenGenerationVersion?: TokenGenerationVersion;
  /**
   * The pool's resource servers, by identifier, with their scope names: the custom scopes
   * (`<identifier>/<scope>`) of machine tokens, of users' managed-login sign-ins and of `@Scopes()`.
   * Default `{ api: ['read', 'write'] }` (`api/read`, `api/write`); `{}` for none (and then no
   * machine client).
   */
  resourceServers?: ResourceServers;
  /**
   * The application's OAuth callback URLs (e.g. the web login's `redirectUri`), allowed the users'
   * app client beside the testing one (`http://localhost/nest-cognito-testing/callback`).
   */
  callbackUrls?: string[];
  /** The application's sign-out URLs (the web login's `postLogoutRedirect`), for the managed login's `/logout`. */
  logoutUrls?: string[];
  /**
   * Names of the application's `trustedPools` to emulate too: each a pool of its own (same
   * settings, resource servers, users' and machine clients), which `apply()` puts in place of the
   * application's pool of that name. `signInAs({ pool })`, `machineToken({ pool })` use them.
   */
  trustedPools?: string[];
}

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
  /** The pool: `'default'` (the main one) or one of `trustedPools`. Default `'default'`. */
  pool?: string;
}

/** What `machineToken()` asks for. */
export interface MachineTokenInput {
  /** Custom scopes (`api/read`). Default: every one the pool has. */
  scopes?: string[];
  /** The pool: `'default'` (the main one) or one of `trustedPools`. Default `'default'`. */
  pool?: string;
}

/** Where a user signs in on the managed login, and with which scopes (see `signInWithManagedLogin`). */
export interface ManagedLoginInput {
  /** An existing user (e.g. one of `signInAs`). Default: a new user, made as `signInAs()` makes one. */
  user?: ManagedLoginCredentials;
  /** Default `openid email profile`; custom scopes (`api/read`) are allowed too. */
  scopes?: string[];
  /** One of `callbackUrls`. Default: the testing callback, which is never followed. */
  redirectUri?: string;
  /** The pool: `'default'` (the main one) or one of `trustedPools`. Default `'default'`. */
  pool?: string;
}

/** A user signed in on the managed login: the tokens of the authorization code grant. */
export interface ManagedLoginUser extends ManagedLoginTokens {
  email: string;
  password: string;
}

/**
 * The app client's flows unless `client.ExplicitAuthFlows` says otherwise (custom authentication
 * too: it works once `triggers` gives the pool its define, create and verify handlers).
 */
export const DEFAULT_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/**
 * The pool's first factors unless `pool.Policies` says otherwise: every one, so that passwordless
 * sign-in and passkeys work in tests (`signInAs({ passwordless: 'EMAIL_OTP' })`).
 */
export const DEFAULT_POLICIES = {
  SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] },
};

/** The pool's MFA unless `mfa` says otherwise: optional, with authenticator apps. */
export const DEFAULT_MFA = { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } };
