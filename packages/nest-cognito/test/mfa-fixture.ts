import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { type Seed, startEmulator } from 'cognito-emulator';
import type { CognitoModuleOptions } from '../src/index.js';
import { totp } from '../src/testing/totp.js';

export const PASSWORD = 'Correct-horse-9';
const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };
const EMAIL_POOL = {
  UsernameAttributes: ['email'],
  AutoVerifiedAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
};
const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns-caller' };
const TOTP = { SoftwareTokenMfaConfiguration: { Enabled: true } };
const EMAIL = { EmailMfaConfiguration: { Message: 'Your sign-in code is {####}', Subject: 'Sign-in code' } };
const ALL_FACTORS = { ...TOTP, SmsMfaConfiguration: { SmsConfiguration: SMS }, ...EMAIL };

const PASSWORD_CLIENT = {
  name: 'password',
  settings: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
};
/** A client as the AWS console makes it (SRP only), with a secret: SECRET_HASH on every answer. */
const SRP_CLIENT = {
  name: 'srp',
  generateSecret: true,
  settings: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
};
/** A client for the server-side flow: AdminInitiateAuth, AdminRespondToAuthChallenge (SigV4). */
const ADMIN_CLIENT = {
  name: 'admin',
  settings: { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
};
const devicePool = (challengeRequiredOnNewDevice: boolean) => ({
  settings: {
    ...EMAIL_POOL,
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: challengeRequiredOnNewDevice,
      DeviceOnlyRememberedOnUserPrompt: false,
    },
  },
  mfa: { MfaConfiguration: 'OPTIONAL', ...TOTP, ...EMAIL },
  clients: [{ ...SRP_CLIENT, generateSecret: false }],
});

/**
 * Pools for every MFA path: `optional` (every factor offered, users choose), `required` (MFA ON,
 * authenticator apps only: MFA_SETUP), two that track devices (a remembered device skips MFA in
 * `trusted-devices`, not in `devices`), one without MFA and one ON with SMS only.
 */
const SEED: Seed = {
  pools: [
    {
      name: 'optional',
      settings: EMAIL_POOL,
      mfa: { MfaConfiguration: 'OPTIONAL', ...ALL_FACTORS },
      clients: [PASSWORD_CLIENT, SRP_CLIENT, ADMIN_CLIENT],
      groups: [{ name: 'admin' }],
    },
    {
      name: 'required',
      settings: EMAIL_POOL,
      mfa: { MfaConfiguration: 'ON', ...TOTP },
      clients: [PASSWORD_CLIENT, SRP_CLIENT, ADMIN_CLIENT],
    },
    { name: 'trusted-devices', ...devicePool(true) },
    { name: 'devices', ...devicePool(false) },
    { name: 'no-mfa', settings: EMAIL_POOL, clients: [PASSWORD_CLIENT] },
    {
      name: 'sms-only',
      settings: EMAIL_POOL,
      mfa: { MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS } },
      clients: [PASSWORD_CLIENT],
    },
  ],
};

export type MfaClient = 'password' | 'srp' | 'admin';
const AUTH_FLOW = {
  password: 'USER_PASSWORD_AUTH',
  srp: 'USER_SRP_AUTH',
  admin: 'ADMIN_USER_PASSWORD_AUTH',
} as const satisfies Record<MfaClient, CognitoModuleOptions['authFlow']>;

export type MfaPool = 'optional' | 'required' | 'trusted-devices' | 'devices' | 'no-mfa' | 'sms-only';

/**
 * The emulator on a clock that stands still (started at the real time: SRP timestamps are checked
 * against it). Cognito takes the codes of one step either side of its clock, each step once per
 * user: `nextCode` gives a user's app the codes of those three steps in turn, so a test has three
 * codes per user without waiting.
 */
export async function startMfaCognito() {
  const clock = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
  let offset = 0;
  const emulator = await startEmulator({ port: 0, seed: SEED, passwordCost: 4, now: () => clock + offset });
  const step = Math.floor(clock / 30_000);
  const used = new Map<string, number>();
  const codesAround = (secret: string) => [-1, 0, 1].map((drift) => totp(secret, (step + drift) * 30_000));
  const sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const options = (pool: MfaPool, client: MfaClient = 'password'): CognitoModuleOptions => {
    const c = emulator.pools[pool]!.clients[client]!;
    return {
      userPoolId: emulator.pools[pool]!.id,
      clientId: c.id,
      ...(c.secret ? { clientSecret: c.secret } : {}),
      endpoint: emulator.endpoint,
      credentials: CREDENTIALS,
      authFlow: AUTH_FLOW[client],
    };
  };
  return {
    emulator,
    sdk,
    options,
    poolId: (pool: MfaPool) => emulator.pools[pool]!.id,
    /** A code of the app not used yet (of the step after the last one given); three per secret. */
    nextCode(secret: string): string {
      const next = (used.get(secret) ?? -2) + 1;
      if (next > 1) throw new Error('the three codes around the clock are spent: use another user');
      used.set(secret, next);
      return codesAround(secret)[next + 1]!;
    },
    /** A code of six digits that none of the three steps around the clock has. */
    wrongCode(secret: string): string {
      const valid = codesAround(secret);
      let code = 0;
      while (valid.includes(String(code).padStart(6, '0'))) code++;
      return String(code).padStart(6, '0');
    },
    /** Runs `work` with the emulator's clock moved forward (sessions expire on it), then moves it back. */
    async later<T>(ms: number, work: () => Promise<T>): Promise<T> {
      offset = ms;
      try {
        return await work();
      } finally {
        offset = 0;
      }
    },
    /** The last code the emulator sent to an address (an email, a phone number), of a kind. */
    lastCode: (to: string, kind?: string) =>
      emulator
        .messages({ to })
        .filter((message) => !kind || message.kind === kind)
        .at(-1)?.code ?? '',
    /** Signs a user up and confirms it with the emailed code, through the pool's password client. */
    async confirmedUser(pool: MfaPool, email: string, attributes: Record<string, string> = {}) {
      const { clients } = emulator.pools[pool]!;
      const clientId = (clients.password ?? clients.srp)!.id;
      await sdk.signUp({
        ClientId: clientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      });
      const code = emulator.messages({ to: email }).at(-1)?.code ?? '';
      await sdk.confirmSignUp({ ClientId: clientId, Username: email, ConfirmationCode: code });
      return email;
    },
    stop: async () => {
      sdk.destroy();
      await emulator.stop();
    },
  };
}

export type MfaCognito = Awaited<ReturnType<typeof startMfaCognito>>;
