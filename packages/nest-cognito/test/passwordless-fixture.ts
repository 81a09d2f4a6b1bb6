import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type Seed, startEmulator } from 'cognito-emulator';
import type { CognitoModuleOptions, PasskeyCreationOptions, PasskeyRequestOptions } from '../src/index.js';
import {
  type Ceremony,
  type CreationOptions,
  type RequestOptions,
  SoftwareAuthenticator,
} from '../../cognito-emulator/test/passkey-authenticator.js';

export { SoftwareAuthenticator, type Ceremony };

export const PASSWORD = 'Correct-horse-9';
const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };
const ALL_FIRST_FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
const choicePool = (factors: string[]) => ({
  UsernameAttributes: ['email'],
  AutoVerifiedAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
  UserPoolTier: 'ESSENTIALS',
  Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors } },
});
/** Email codes as a second factor too: a password chosen at SELECT_CHALLENGE is followed by MFA. */
const EMAIL_MFA = {
  MfaConfiguration: 'OPTIONAL',
  EmailMfaConfiguration: { Message: 'Your sign-in code is {####}', Subject: 'Sign-in code' },
};
const flows = (...more: string[]) => ({ ExplicitAuthFlows: [...more, 'ALLOW_REFRESH_TOKEN_AUTH'] });

/**
 * Pools for choice-based sign-in: `choice` allows every first factor (passkeys included) through a
 * public client (the password flow), a client with a secret (SRP, as the AWS console makes them)
 * and one for the admin API, each with USER_AUTH; `devices` tracks devices; `password-only` allows only passwords;
 * `no-user-auth`'s client does not allow USER_AUTH.
 */
const SEED: Seed = {
  pools: [
    {
      name: 'choice',
      settings: choicePool(ALL_FIRST_FACTORS),
      mfa: EMAIL_MFA,
      clients: [
        { name: 'password', settings: flows('ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH') },
        { name: 'srp', generateSecret: true, settings: flows('ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH') },
        { name: 'admin', settings: flows('ALLOW_USER_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH') },
      ],
      groups: [{ name: 'admin' }],
    },
    {
      name: 'devices',
      settings: {
        ...choicePool(['PASSWORD', 'EMAIL_OTP']),
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
      },
      clients: [{ name: 'password', settings: flows('ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH') }],
    },
    {
      name: 'password-only',
      settings: choicePool(['PASSWORD']),
      clients: [{ name: 'password', settings: flows('ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH') }],
    },
    {
      name: 'no-user-auth',
      settings: choicePool(ALL_FIRST_FACTORS),
      clients: [{ name: 'password', settings: flows('ALLOW_USER_PASSWORD_AUTH') }],
    },
  ],
};

export type ChoiceClient = 'password' | 'srp' | 'admin';
export type ChoicePool = 'choice' | 'devices' | 'password-only' | 'no-user-auth';
const AUTH_FLOW = {
  password: 'USER_PASSWORD_AUTH',
  srp: 'USER_SRP_AUTH',
  admin: 'ADMIN_USER_PASSWORD_AUTH',
} as const satisfies Record<ChoiceClient, CognitoModuleOptions['authFlow']>;

/** The emulator with the pools above, and users made through Cognito's own API. */
export async function startChoiceCognito() {
  const emulator = await startEmulator({ port: 0, seed: SEED, passwordCost: 4 });
  const sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  let users = 0;
  let phones = 0;
  const poolId = (pool: ChoicePool) => emulator.pools[pool]!.id;
  return {
    emulator,
    sdk,
    poolId,
    options(pool: ChoicePool, client: ChoiceClient = 'password'): CognitoModuleOptions {
      const c = emulator.pools[pool]!.clients[client]!;
      return {
        userPoolId: poolId(pool),
        clientId: c.id,
        ...(c.secret ? { clientSecret: c.secret } : {}),
        endpoint: emulator.endpoint,
        credentials: CREDENTIALS,
        authFlow: AUTH_FLOW[client],
      };
    },
    /** A new address each call, with a tag to tell apart the runs of a test file. */
    newEmail: (tag: string) => `${tag}-${++users}@example.com`,
    /** The last sign-in (or MFA) code sent to an address: the outbox's kind `MFA`. */
    lastCode: (to: string) =>
      emulator
        .messages({ to })
        .filter((message) => message.kind === 'MFA')
        .at(-1)?.code ?? '',
    /** How many sign-in codes went to an address. */
    codesSent: (to: string) => emulator.messages({ to }).filter((message) => message.kind === 'MFA').length,
    /**
     * A confirmed user with a password, its email verified and, unless told otherwise, a verified
     * phone number; `emailMfa` turns email codes on as its second factor.
     */
    async user(pool: ChoicePool, email: string, options: { phone?: boolean; emailMfa?: boolean } = {}) {
      const phone = `+1555030${String(++phones).padStart(4, '0')}`;
      const UserPoolId = poolId(pool);
      await sdk.adminCreateUser({
        UserPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          ...(options.phone === false
            ? []
            : [
                { Name: 'phone_number', Value: phone },
                { Name: 'phone_number_verified', Value: 'true' },
              ]),
        ],
      });
      await sdk.adminSetUserPassword({ UserPoolId, Username: email, Password: PASSWORD, Permanent: true });
      if (options.emailMfa) {
        await sdk.adminSetUserMFAPreference({
          UserPoolId,
          Username: email,
          EmailMfaSettings: { Enabled: true, PreferredMfa: true },
        });
      }
      return { email, phone };
    },
    stop: async () => {
      sdk.destroy();
      await emulator.stop();
    },
  };
}

export type ChoiceCognito = Awaited<ReturnType<typeof startChoiceCognito>>;

/** The software authenticator's answer to registration options, as the browser's `toJSON()` gives it. */
export const createPasskey = (
  authenticator: SoftwareAuthenticator,
  options: PasskeyCreationOptions,
  ceremony: Ceremony = {},
) => ({
  ...authenticator.create(options as unknown as CreationOptions, ceremony),
  type: 'public-key' as const,
});

/** The software authenticator's answer to a WEB_AUTHN challenge's options. */
export const signWithPasskey = (
  authenticator: SoftwareAuthenticator,
  options: PasskeyRequestOptions | undefined,
  ceremony: Ceremony = {},
) => ({ ...authenticator.get(options as unknown as RequestOptions, ceremony), type: 'public-key' as const });
