import {
  type AuthFactorType,
  CognitoIdentityProvider,
  type ExplicitAuthFlowsType,
  type UpdateUserPoolRequest,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type RunningEmulator, type Seed, startEmulator } from 'cognito-emulator';
import type { CognitoModuleOptions } from 'nest-cognito';
import { WEB_LOGIN_SCOPES } from './config.js';

/**
 * The pool the embedded emulator keeps for the reference server: users sign in with their email,
 * through an app client with a secret that allows SRP (the server's default), the password flow
 * (COGNITO_AUTH_FLOW=USER_PASSWORD_AUTH), choice-based sign-in (USER_AUTH: /auth/sign-in/passwordless)
 * and refresh. MFA is optional, with authenticator apps: users who set one up (/auth/mfa/totp) are
 * asked for its code at sign-in. Besides a password, users may sign in with a code by email or with
 * a passkey (registered at /auth/passkeys; the relying party is `localhost`, the emulator's default).
 */
export const EMBEDDED_POOL = 'auth-server';
export const EMBEDDED_CLIENT = 'auth-server';
/** The embedded pool's domain prefix: its managed login and OAuth endpoints answer on the emulator's port. */
export const EMBEDDED_DOMAIN = 'auth-server';

const EMBEDDED_FLOWS: ExplicitAuthFlowsType[] = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/** The first factors the embedded pool allows (no SMS: the server sends no text messages). */
export const EMBEDDED_FIRST_FACTORS: AuthFactorType[] = ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'];
// The emulator accepts any SigV4 credentials; these keep the SDK from looking for real ones.
const EMULATOR_CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };

export const EMBEDDED_SEED: Seed = {
  pools: [
    {
      name: EMBEDDED_POOL,
      settings: {
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        UserPoolTier: 'ESSENTIALS',
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: EMBEDDED_FIRST_FACTORS } },
      },
      mfa: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      domain: EMBEDDED_DOMAIN,
      clients: [
        {
          name: EMBEDDED_CLIENT,
          generateSecret: true,
          settings: { ExplicitAuthFlows: EMBEDDED_FLOWS },
        },
      ],
    },
  ],
};

/**
 * Starts the emulator in this process and returns it with the `CognitoModule` options that point
 * at it. The pool and client are created once and found again in the data file on later starts.
 * With `webLoginOrigin` (the server's origin), the client also gets the managed login (the
 * authorization code flow, the server's callback and sign-out URLs); `domain` is where the pool's
 * managed login and OAuth endpoints answer.
 */
export async function startEmbeddedCognito(options: {
  port: number;
  dataFile: string;
  webLoginOrigin?: string;
}): Promise<{ emulator: RunningEmulator; cognito: CognitoModuleOptions; domain: string }> {
  const emulator = await startEmulator({
    port: options.port,
    dataFile: options.dataFile,
    seed: EMBEDDED_SEED,
  });
  const pool = emulator.pools[EMBEDDED_POOL]!;
  const client = pool.clients[EMBEDDED_CLIENT]!;
  try {
    await upgradeEmbeddedPool(emulator.endpoint, pool.id, client.id, options.webLoginOrigin);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return {
    emulator,
    cognito: {
      userPoolId: pool.id,
      clientId: client.id,
      ...(client.secret ? { clientSecret: client.secret } : {}),
      endpoint: emulator.endpoint,
      credentials: EMULATOR_CREDENTIALS,
    },
    domain: emulator.endpoint,
  };
}

/**
 * A data file of an earlier version holds the pool and client as they were then (seeds never
 * change what exists): the client without ALLOW_USER_SRP_AUTH (before SRP was the server's
 * default) or ALLOW_USER_AUTH, the pool without passwordless first factors (before passkeys).
 * Adds what is missing, keeping every other setting.
 */
async function upgradeEmbeddedPool(
  endpoint: string,
  userPoolId: string,
  clientId: string,
  webLoginOrigin: string | undefined,
): Promise<void> {
  const sdk = new CognitoIdentityProvider({
    endpoint,
    region: userPoolId.slice(0, userPoolId.indexOf('_')),
    credentials: EMULATOR_CREDENTIALS,
  });
  try {
    await allowEmbeddedFlows(sdk, userPoolId, clientId);
    await allowEmbeddedFactors(sdk, userPoolId);
    if (webLoginOrigin) await allowEmbeddedWebLogin(sdk, userPoolId, clientId, webLoginOrigin);
  } finally {
    sdk.destroy();
  }
}

/**
 * Adds the client's missing flows. UpdateUserPoolClient resets what it is not given, so it gets the
 * whole description back.
 */
async function allowEmbeddedFlows(
  sdk: CognitoIdentityProvider,
  userPoolId: string,
  clientId: string,
): Promise<void> {
  const { UserPoolClient: client } = await sdk.describeUserPoolClient({
    UserPoolId: userPoolId,
    ClientId: clientId,
  });
  const flows = client?.ExplicitAuthFlows ?? [];
  const missing = EMBEDDED_FLOWS.filter((flow) => !flows.includes(flow));
  if (!client || missing.length === 0) return;
  const { ClientSecret: _secret, CreationDate: _created, LastModifiedDate: _modified, ...settings } = client;
  await sdk.updateUserPoolClient({
    ...settings,
    UserPoolId: userPoolId,
    ClientId: clientId,
    ExplicitAuthFlows: [...flows, ...missing],
  });
}

/**
 * Lets the client sign users in through the managed login for the web login at `origin`: the
 * authorization code flow, its scopes, `<origin>/auth/oauth/callback` among the callback URLs and
 * `<origin>/` among the sign-out URLs (those of other origins, from earlier starts, are kept).
 */
async function allowEmbeddedWebLogin(
  sdk: CognitoIdentityProvider,
  userPoolId: string,
  clientId: string,
  origin: string,
): Promise<void> {
  const { UserPoolClient: client } = await sdk.describeUserPoolClient({
    UserPoolId: userPoolId,
    ClientId: clientId,
  });
  if (!client) return;
  const union = <T>(given: T[] | undefined, more: T[]): T[] => [...new Set([...(given ?? []), ...more])];
  const { ClientSecret: _secret, CreationDate: _created, LastModifiedDate: _modified, ...settings } = client;
  await sdk.updateUserPoolClient({
    ...settings,
    UserPoolId: userPoolId,
    ClientId: clientId,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: union(client.AllowedOAuthFlows, ['code']),
    AllowedOAuthScopes: union(client.AllowedOAuthScopes, WEB_LOGIN_SCOPES),
    CallbackURLs: union(client.CallbackURLs, [`${origin}/auth/oauth/callback`]),
    LogoutURLs: union(client.LogoutURLs, [`${origin}/`]),
    SupportedIdentityProviders: union(client.SupportedIdentityProviders, ['COGNITO']),
  });
}

/**
 * Adds the pool's missing first factors. UpdateUserPool resets every setting it is not given
 * (MfaConfiguration back to OFF, the sign-in policy back to PASSWORD), so it gets back each one the
 * description holds.
 */
async function allowEmbeddedFactors(sdk: CognitoIdentityProvider, userPoolId: string): Promise<void> {
  const { UserPool: pool } = await sdk.describeUserPool({ UserPoolId: userPoolId });
  const factors = pool?.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  const missing = EMBEDDED_FIRST_FACTORS.filter((factor) => !factors.includes(factor));
  if (!pool || missing.length === 0) return;
  await sdk.updateUserPool({
    ...updatableSettings(pool),
    UserPoolId: userPoolId,
    Policies: { ...pool.Policies, SignInPolicy: { AllowedFirstAuthFactors: [...factors, ...missing] } },
  });
}

/** The settings of a pool's description that UpdateUserPool takes, as they are. */
function updatableSettings(pool: UserPoolType): Omit<UpdateUserPoolRequest, 'UserPoolId'> {
  // Members left undefined are not sent.
  return {
    Policies: pool.Policies,
    DeletionProtection: pool.DeletionProtection,
    LambdaConfig: pool.LambdaConfig,
    AutoVerifiedAttributes: pool.AutoVerifiedAttributes,
    SmsVerificationMessage: pool.SmsVerificationMessage,
    EmailVerificationMessage: pool.EmailVerificationMessage,
    EmailVerificationSubject: pool.EmailVerificationSubject,
    VerificationMessageTemplate: pool.VerificationMessageTemplate,
    SmsAuthenticationMessage: pool.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: pool.UserAttributeUpdateSettings,
    MfaConfiguration: pool.MfaConfiguration,
    DeviceConfiguration: pool.DeviceConfiguration,
    EmailConfiguration: pool.EmailConfiguration,
    SmsConfiguration: pool.SmsConfiguration,
    UserPoolTags: pool.UserPoolTags,
    AdminCreateUserConfig: pool.AdminCreateUserConfig,
    UserPoolAddOns: pool.UserPoolAddOns,
    AccountRecoverySetting: pool.AccountRecoverySetting,
    PoolName: pool.Name,
    UserPoolTier: pool.UserPoolTier,
  };
}
