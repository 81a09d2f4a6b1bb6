/* eslint-disable @typescript-eslint/no-explicit-any -- answers are wire JSON, read member by member */
import * as sdkModel from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { TARGETS } from '../src/targets/index.js';
import { appCode } from './clients/totp.js';
import { outputProblems } from './output-shape.js';
import { SoftwareAuthenticator } from './passkey-authenticator.js';

/**
 * The conformance suite: every implemented operation, over the wire as the SDKs send it, with its
 * success shape and the documented errors a caller can meet without Lambda, SMS or IAM. The
 * generic cases (required members, wrong JSON types) are derived for every operation; the rest are
 * listed per operation. A new operation without an entry here fails the first test.
 */
let emulator: RunningEmulator;
const PASSWORD = 'Passw0rd!';
const UNKNOWN_POOL = 'us-east-1_Unknown00';
const UNKNOWN_CLIENT = 'unknownclient0000000000000';
const FORGED_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

async function call(op: string, body: unknown): Promise<{ status: number; type?: string; body: any }> {
  const response = await fetch(emulator.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${op}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/cognito-idp/aws4_request',
    },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  return { status: response.status, type: response.headers.get('x-amzn-errortype') ?? undefined, body: json };
}

async function ok(op: string, body: unknown): Promise<any> {
  const answer = await call(op, body);
  if (answer.status !== 200) throw new Error(`${op}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Members of an answer that are there only when there is another page. */
const PAGE_TOKENS = new Set(['NextToken', 'PaginationToken']);

let poolId: string;
let clientId: string;
let secretClientId: string;
let userCount = 0;

/** A new confirmed user of the shared pool, signed in. */
async function user() {
  const email = `conformance${userCount++}@example.com`;
  await ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
  const code = emulator.messages({ to: email })[0]!.code;
  await ok('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code });
  const { AuthenticationResult } = await ok('InitiateAuth', {
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  return {
    email,
    accessToken: AuthenticationResult.AccessToken as string,
    refreshToken: AuthenticationResult.RefreshToken as string,
  };
}

const unknownUser = (extra: object = {}): ErrorCase => ({
  when: 'the user does not exist',
  input: () => ({ UserPoolId: poolId, Username: 'nobody@example.com', ...extra }),
  type: 'UserNotFoundException',
  message: 'User does not exist.',
});
const unknownGroup = (): ErrorCase => ({
  when: 'the group does not exist',
  input: () => ({ UserPoolId: poolId, GroupName: 'no-such-group' }),
  type: 'ResourceNotFoundException',
  message: 'Group not found.',
});

let devicePoolId: string;
let deviceClientId: string;
const UNKNOWN_DEVICE = 'us-east-1_00000000-0000-0000-0000-000000000000';
/** A verifier configuration of the shape the client libraries send (base64 of an SRP value and a salt). */
const VERIFIER_CONFIG = {
  PasswordVerifier: Buffer.from('02', 'hex').toString('base64'),
  Salt: Buffer.alloc(16, 7).toString('base64'),
};

/** A user of the pool that tracks devices, signed in: its access token and the device key it was given. */
async function pendingDevice() {
  const email = `device${userCount++}@example.com`;
  await ok('AdminCreateUser', { UserPoolId: devicePoolId, Username: email, MessageAction: 'SUPPRESS' });
  await ok('AdminSetUserPassword', {
    UserPoolId: devicePoolId,
    Username: email,
    Password: PASSWORD,
    Permanent: true,
  });
  const { AuthenticationResult } = await ok('InitiateAuth', {
    ClientId: deviceClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  return {
    email,
    accessToken: AuthenticationResult.AccessToken as string,
    deviceKey: AuthenticationResult.NewDeviceMetadata.DeviceKey as string,
  };
}

/** As `pendingDevice`, with the device confirmed (tracked). */
async function trackedDevice() {
  const device = await pendingDevice();
  await ok('ConfirmDevice', {
    AccessToken: device.accessToken,
    DeviceKey: device.deviceKey,
    DeviceSecretVerifierConfig: VERIFIER_CONFIG,
    DeviceName: 'conformance',
  });
  return device;
}

const unknownDevice = (input: () => Promise<object> | object): ErrorCase => ({
  when: 'the device is not one of the user’s',
  input: async () => ({ ...(await input()), DeviceKey: UNKNOWN_DEVICE }),
  type: 'ResourceNotFoundException',
  message: 'Device does not exist.',
});

let passkeyPool: Promise<{ poolId: string; clientId: string }> | undefined;
/** A signed-in user of a pool that allows passkeys (made on first use), with a passkey if asked. */
async function passkeyUser(options: { registered?: boolean } = {}) {
  passkeyPool ??= (async () => {
    const made = await ok('CreateUserPool', {
      PoolName: 'conformance-passkeys',
      UsernameAttributes: ['email'],
      UserPoolTier: 'ESSENTIALS',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
    });
    const client = await ok('CreateUserPoolClient', {
      UserPoolId: made.UserPool.Id,
      ClientName: 'passkeys',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    return { poolId: made.UserPool.Id as string, clientId: client.UserPoolClient.ClientId as string };
  })();
  const { poolId: id, clientId: client } = await passkeyPool;
  const email = `passkey${userCount++}@example.com`;
  await ok('AdminCreateUser', { UserPoolId: id, Username: email, MessageAction: 'SUPPRESS' });
  await ok('AdminSetUserPassword', { UserPoolId: id, Username: email, Password: PASSWORD, Permanent: true });
  const { AuthenticationResult } = await ok('InitiateAuth', {
    ClientId: client,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  const accessToken = AuthenticationResult.AccessToken as string;
  const credential = async () => {
    const { CredentialCreationOptions } = await ok('StartWebAuthnRegistration', { AccessToken: accessToken });
    return new SoftwareAuthenticator().create(CredentialCreationOptions);
  };
  if (!options.registered) return { accessToken, credential, credentialId: '' };
  const made = await credential();
  await ok('CompleteWebAuthnRegistration', { AccessToken: accessToken, Credential: made });
  return { accessToken, credential, credentialId: made.id };
}

/** A new group of the shared pool. */
async function group() {
  const name = `group${userCount++}`;
  await ok('CreateGroup', { UserPoolId: poolId, GroupName: name });
  return name;
}

/** A user created by an administrator, signed in with its temporary password: the challenge's session. */
async function challenged() {
  const email = `invited${userCount++}@example.com`;
  await ok('AdminCreateUser', {
    UserPoolId: poolId,
    Username: email,
    TemporaryPassword: 'Temp-Passw0rd!',
    MessageAction: 'SUPPRESS',
  });
  const { Session } = await ok('InitiateAuth', {
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: 'Temp-Passw0rd!' },
  });
  return { email, session: Session as string };
}

/** A user of a pool that requires SMS MFA, signed in with its password: the SMS_MFA challenge's session. */
async function smsChallenged() {
  const {
    UserPool: { Id: smsPool },
  } = await ok('CreateUserPool', {
    PoolName: 'conformance-sms',
    UsernameAttributes: ['email'],
    MfaConfiguration: 'ON',
    SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns-caller' },
  });
  const {
    UserPoolClient: { ClientId: smsClient },
  } = await ok('CreateUserPoolClient', {
    UserPoolId: smsPool,
    ClientName: 'sms',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const email = `sms${userCount++}@example.com`;
  await ok('AdminCreateUser', {
    UserPoolId: smsPool,
    Username: email,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'phone_number', Value: '+15550100000' }],
  });
  await ok('AdminSetUserPassword', {
    UserPoolId: smsPool,
    Username: email,
    Password: PASSWORD,
    Permanent: true,
  });
  const { Session } = await ok('InitiateAuth', {
    ClientId: smsClient,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  return { clientId: smsClient as string, email, session: Session as string };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  ({
    UserPool: { Id: poolId },
  } = await ok('CreateUserPool', {
    PoolName: 'conformance',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
  }));
  const flows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  ({
    UserPoolClient: { ClientId: clientId },
  } = await ok('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'public',
    ExplicitAuthFlows: flows,
  }));
  // Authenticator apps offered, MFA itself left OFF: sign-ins are not challenged.
  await ok('SetUserPoolMfaConfig', { UserPoolId: poolId, SoftwareTokenMfaConfiguration: { Enabled: true } });
  ({
    UserPool: { Id: devicePoolId },
  } = await ok('CreateUserPool', {
    PoolName: 'conformance-devices',
    UsernameAttributes: ['email'],
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true },
  }));
  ({
    UserPoolClient: { ClientId: deviceClientId },
  } = await ok('CreateUserPoolClient', {
    UserPoolId: devicePoolId,
    ClientName: 'devices',
    ExplicitAuthFlows: flows,
  }));
  ({
    UserPoolClient: { ClientId: secretClientId },
  } = await ok('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'secret',
    GenerateSecret: true,
    ExplicitAuthFlows: flows,
  }));
});
afterAll(() => emulator.stop());

interface ErrorCase {
  when: string;
  input: () => Promise<object> | object;
  type: string;
  message?: string | RegExp;
}
interface Conformance {
  /** Members that must be present (checked by sending none). */
  required: string[];
  /** A valid input; it may set up what it needs. */
  valid: () => Promise<object> | object;
  /** The top-level members of the success answer. */
  answers: string[];
  errors: ErrorCase[];
}

const unknownPool = (extra: () => object = () => ({})): ErrorCase => ({
  when: 'the pool does not exist',
  input: () => ({ UserPoolId: UNKNOWN_POOL, ...extra() }),
  type: 'ResourceNotFoundException',
  message: `User pool ${UNKNOWN_POOL} does not exist.`,
});
const unknownClient = (input: () => Promise<object> | object): ErrorCase => ({
  when: 'the client does not exist',
  input: async () => ({ ...(await input()), ClientId: UNKNOWN_CLIENT }),
  type: 'ResourceNotFoundException',
  message: `User pool client ${UNKNOWN_CLIENT} does not exist.`,
});
const missingSecretHash = (input: () => Promise<object> | object): ErrorCase => ({
  when: 'the client has a secret and no SECRET_HASH is sent',
  input: async () => ({ ...(await input()), ClientId: secretClientId }),
  type: 'NotAuthorizedException',
  message: /is configured with secret but SECRET_HASH was not received|Unable to verify secret hash/,
});
const badAccessToken = (input: () => Promise<object> | object): ErrorCase[] => [
  {
    when: 'the access token is not one the pool signed',
    input: async () => ({ ...(await input()), AccessToken: FORGED_TOKEN }),
    type: 'NotAuthorizedException',
  },
  {
    when: 'the access token was revoked by GlobalSignOut',
    input: async () => {
      const valid = (await input()) as { AccessToken: string };
      await ok('GlobalSignOut', { AccessToken: valid.AccessToken });
      return valid;
    },
    type: 'NotAuthorizedException',
    message: 'Access Token has been revoked',
  },
];

let domainCount = 0;
/** A domain prefix no other case uses. */
const newDomain = () => `conformance-${process.pid}-${domainCount++}`;
/** A fresh pool (a pool holds one prefix domain) and, if asked, its prefix domain. */
async function poolWithDomain(withDomain = true) {
  const { UserPool } = await ok('CreateUserPool', { PoolName: 'conformance-domains' });
  const Domain = newDomain();
  if (withDomain) await ok('CreateUserPoolDomain', { UserPoolId: UserPool.Id, Domain });
  return { UserPoolId: UserPool.Id as string, Domain };
}
let serverCount = 0;
/** A resource server of the shared pool. */
async function resourceServer() {
  const Identifier = `https://api${serverCount++}.example.com`;
  await ok('CreateResourceServer', {
    UserPoolId: poolId,
    Identifier,
    Name: 'api',
    Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }],
  });
  return { UserPoolId: poolId, Identifier };
}
const unknownResourceServer = (): ErrorCase => ({
  when: 'the resource server does not exist',
  input: () => ({ UserPoolId: poolId, Identifier: 'no-such-server', Name: 'x' }),
  type: 'ResourceNotFoundException',
  message: 'Resource server no-such-server does not exist.',
});
/** A confidential client of the shared pool, with a second secret if asked. */
async function secretClient(secrets = 1) {
  const { UserPoolClient } = await ok('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'rotating',
    GenerateSecret: true,
  });
  const ids = { UserPoolId: poolId, ClientId: UserPoolClient.ClientId as string };
  if (secrets > 1) await ok('AddUserPoolClientSecret', ids);
  return ids;
}

const OPERATIONS: Record<string, Conformance> = {
  CreateUserPool: {
    required: ['PoolName'],
    valid: () => ({ PoolName: 'made' }),
    answers: ['UserPool'],
    errors: [
      {
        when: 'both username and alias attributes are set',
        input: () => ({ PoolName: 'x', UsernameAttributes: ['email'], AliasAttributes: ['email'] }),
        type: 'InvalidParameterException',
      },
      {
        when: 'the name breaks its pattern',
        input: () => ({ PoolName: 'bad/name' }),
        type: 'InvalidParameterException',
        message: /at 'poolName' failed to satisfy constraint/,
      },
    ],
  },
  DescribeUserPool: {
    required: ['UserPoolId'],
    valid: () => ({ UserPoolId: poolId }),
    answers: ['UserPool'],
    errors: [unknownPool()],
  },
  UpdateUserPool: {
    required: ['UserPoolId'],
    valid: async () => ({
      UserPoolId: (await ok('CreateUserPool', { PoolName: 'to-update' })).UserPool.Id,
      MfaConfiguration: 'OFF',
    }),
    answers: [],
    errors: [unknownPool()],
  },
  SetUserPoolMfaConfig: {
    required: ['UserPoolId'],
    valid: async () => ({
      UserPoolId: (await ok('CreateUserPool', { PoolName: 'mfa' })).UserPool.Id,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    }),
    answers: ['MfaConfiguration', 'SoftwareTokenMfaConfiguration'],
    errors: [
      unknownPool(),
      {
        when: 'MFA is turned on without any factor',
        input: () => ({ UserPoolId: poolId, MfaConfiguration: 'ON' }),
        type: 'InvalidParameterException',
      },
    ],
  },
  GetUserPoolMfaConfig: {
    required: ['UserPoolId'],
    valid: () => ({ UserPoolId: poolId }),
    answers: ['MfaConfiguration', 'SoftwareTokenMfaConfiguration'],
    errors: [unknownPool()],
  },
  DeleteUserPool: {
    required: ['UserPoolId'],
    valid: async () => ({ UserPoolId: (await ok('CreateUserPool', { PoolName: 'to-delete' })).UserPool.Id }),
    answers: [],
    errors: [unknownPool()],
  },
  ListUserPools: {
    required: ['MaxResults'],
    valid: () => ({ MaxResults: 10 }),
    answers: ['UserPools', 'NextToken'],
    errors: [
      {
        when: 'MaxResults is out of range',
        input: () => ({ MaxResults: 0 }),
        type: 'InvalidParameterException',
      },
    ],
  },
  CreateUserPoolClient: {
    required: ['UserPoolId', 'ClientName'],
    valid: () => ({ UserPoolId: poolId, ClientName: 'made' }),
    answers: ['UserPoolClient'],
    errors: [
      unknownPool(() => ({ ClientName: 'x' })),
      {
        when: 'an auth flow is unknown',
        input: () => ({ UserPoolId: poolId, ClientName: 'x', ExplicitAuthFlows: ['ALLOW_MAGIC'] }),
        type: 'InvalidParameterException',
      },
    ],
  },
  DescribeUserPoolClient: {
    required: ['UserPoolId', 'ClientId'],
    valid: () => ({ UserPoolId: poolId, ClientId: clientId }),
    answers: ['UserPoolClient'],
    errors: [unknownPool(() => ({ ClientId: clientId })), unknownClient(() => ({ UserPoolId: poolId }))],
  },
  UpdateUserPoolClient: {
    required: ['UserPoolId', 'ClientId'],
    valid: async () => ({
      UserPoolId: poolId,
      ClientId: (await ok('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'upd' })).UserPoolClient
        .ClientId,
      ClientName: 'renamed',
    }),
    answers: ['UserPoolClient'],
    errors: [unknownPool(() => ({ ClientId: clientId })), unknownClient(() => ({ UserPoolId: poolId }))],
  },
  DeleteUserPoolClient: {
    required: ['UserPoolId', 'ClientId'],
    valid: async () => ({
      UserPoolId: poolId,
      ClientId: (await ok('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'del' })).UserPoolClient
        .ClientId,
    }),
    answers: [],
    errors: [unknownPool(() => ({ ClientId: clientId })), unknownClient(() => ({ UserPoolId: poolId }))],
  },
  ListUserPoolClients: {
    required: ['UserPoolId'],
    valid: () => ({ UserPoolId: poolId, MaxResults: 60 }),
    answers: ['UserPoolClients'],
    errors: [unknownPool()],
  },
  SignUp: {
    required: ['ClientId', 'Username'],
    valid: () => ({ ClientId: clientId, Username: `new${userCount++}@example.com`, Password: PASSWORD }),
    answers: ['UserConfirmed', 'CodeDeliveryDetails', 'UserSub'],
    errors: [
      unknownClient(() => ({ Username: 'a@example.com', Password: PASSWORD })),
      missingSecretHash(() => ({ Username: 'a@example.com', Password: PASSWORD })),
      {
        when: 'the password breaks the policy',
        input: () => ({ ClientId: clientId, Username: 'weak@example.com', Password: 'weak' }),
        type: 'InvalidPasswordException',
      },
      {
        when: 'the email is taken',
        input: async () => ({ ClientId: clientId, Username: (await user()).email, Password: PASSWORD }),
        type: 'UsernameExistsException',
        message: 'An account with the given email already exists.',
      },
    ],
  },
  ConfirmSignUp: {
    required: ['ClientId', 'Username', 'ConfirmationCode'],
    valid: async () => {
      const email = `confirm${userCount++}@example.com`;
      await ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
      return {
        ClientId: clientId,
        Username: email,
        ConfirmationCode: emulator.messages({ to: email })[0]!.code,
      };
    },
    answers: [],
    errors: [
      unknownClient(() => ({ Username: 'a@example.com', ConfirmationCode: '123456' })),
      missingSecretHash(() => ({ Username: 'a@example.com', ConfirmationCode: '123456' })),
      {
        when: 'the code is wrong',
        input: async () => {
          const email = `mismatch${userCount++}@example.com`;
          await ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
          const code = emulator.messages({ to: email })[0]!.code;
          return {
            ClientId: clientId,
            Username: email,
            ConfirmationCode: code === '000000' ? '111111' : '000000',
          };
        },
        type: 'CodeMismatchException',
        message: 'Invalid verification code provided, please try again.',
      },
      {
        when: 'the user is already confirmed',
        input: async () => ({
          ClientId: clientId,
          Username: (await user()).email,
          ConfirmationCode: '123456',
        }),
        type: 'NotAuthorizedException',
        message: 'User cannot be confirmed. Current status is CONFIRMED',
      },
    ],
  },
  ResendConfirmationCode: {
    required: ['ClientId', 'Username'],
    valid: async () => {
      const email = `resend${userCount++}@example.com`;
      await ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
      return { ClientId: clientId, Username: email };
    },
    answers: ['CodeDeliveryDetails'],
    errors: [
      unknownClient(() => ({ Username: 'a@example.com' })),
      missingSecretHash(() => ({ Username: 'a@example.com' })),
      {
        when: 'the user is already confirmed',
        input: async () => ({ ClientId: clientId, Username: (await user()).email }),
        type: 'InvalidParameterException',
        message: 'User is already confirmed.',
      },
    ],
  },
  InitiateAuth: {
    required: ['AuthFlow', 'ClientId'],
    valid: async () => ({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: (await user()).email, PASSWORD },
    }),
    answers: ['ChallengeParameters', 'AuthenticationResult'],
    errors: [
      unknownClient(() => ({ AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'a', PASSWORD } })),
      missingSecretHash(() => ({
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'a@example.com', PASSWORD },
      })),
      {
        when: 'the password is wrong',
        input: async () => ({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: (await user()).email, PASSWORD: 'Wr0ng-password' },
        }),
        type: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      },
      {
        when: 'the user is not confirmed',
        input: async () => {
          const email = `unconfirmed${userCount++}@example.com`;
          await ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
          return {
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD },
          };
        },
        type: 'UserNotConfirmedException',
        message: 'User is not confirmed.',
      },
      {
        when: 'the refresh token was revoked',
        input: async () => {
          const { accessToken, refreshToken } = await user();
          await ok('GlobalSignOut', { AccessToken: accessToken });
          return {
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          };
        },
        type: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked',
      },
      {
        when: 'an admin flow is asked of InitiateAuth',
        input: () => ({ ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: {} }),
        type: 'InvalidParameterException',
        message: 'Initiate Auth method not supported.',
      },
    ],
  },
  AdminInitiateAuth: {
    required: ['UserPoolId', 'ClientId', 'AuthFlow'],
    valid: async () => ({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: (await user()).email, PASSWORD },
    }),
    answers: ['ChallengeParameters', 'AuthenticationResult'],
    errors: [
      unknownPool(() => ({ ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' })),
      unknownClient(() => ({ UserPoolId: poolId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' })),
      {
        when: 'the password is wrong',
        input: async () => ({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: (await user()).email, PASSWORD: 'Wr0ng-password' },
        }),
        type: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      },
    ],
  },
  AdminConfirmSignUp: {
    required: ['UserPoolId', 'Username'],
    valid: async () => {
      const email = `adminconfirm${userCount++}@example.com`;
      await ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
      return { UserPoolId: poolId, Username: email };
    },
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'a@example.com' })),
      {
        when: 'the user does not exist',
        input: () => ({ UserPoolId: poolId, Username: 'nobody@example.com' }),
        type: 'UserNotFoundException',
        message: 'User does not exist.',
      },
    ],
  },
  AdminCreateUser: {
    required: ['UserPoolId', 'Username'],
    valid: () => ({ UserPoolId: poolId, Username: `created${userCount++}@example.com` }),
    answers: ['User'],
    errors: [
      unknownPool(() => ({ Username: 'a@example.com' })),
      {
        when: 'the user exists',
        input: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
        type: 'UsernameExistsException',
      },
      {
        when: 'the temporary password breaks the policy',
        input: () => ({ UserPoolId: poolId, Username: 'weak-temp@example.com', TemporaryPassword: 'weak' }),
        type: 'InvalidPasswordException',
      },
      {
        when: 'RESEND names no user',
        input: () => ({ UserPoolId: poolId, Username: 'nobody@example.com', MessageAction: 'RESEND' }),
        type: 'UserNotFoundException',
      },
      {
        when: 'RESEND names a confirmed user',
        input: async () => ({ UserPoolId: poolId, Username: (await user()).email, MessageAction: 'RESEND' }),
        type: 'UnsupportedUserStateException',
      },
    ],
  },
  RespondToAuthChallenge: {
    required: ['ClientId', 'ChallengeName'],
    valid: async () => {
      const { email, session } = await challenged();
      return {
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'N3w-Passw0rd!' },
      };
    },
    answers: ['ChallengeParameters', 'AuthenticationResult'],
    errors: [
      unknownClient(() => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED' })),
      {
        when: 'the session is not one the pool issued',
        input: () => ({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: 'x'.repeat(40),
          ChallengeResponses: { USERNAME: 'a@example.com', NEW_PASSWORD: 'N3w-Passw0rd!' },
        }),
        type: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      },
      {
        when: 'the new password breaks the policy',
        input: async () => {
          const { email, session } = await challenged();
          return {
            ClientId: clientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: session,
            ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'weak' },
          };
        },
        type: 'InvalidPasswordException',
      },
      {
        when: 'the SMS MFA code is wrong',
        input: async () => {
          const { clientId: smsClient, email, session } = await smsChallenged();
          return {
            ClientId: smsClient,
            ChallengeName: 'SMS_MFA',
            Session: session,
            ChallengeResponses: { USERNAME: email, SMS_MFA_CODE: 'abcdef' },
          };
        },
        type: 'CodeMismatchException',
        message: 'Invalid verification code provided, please try again.',
      },
    ],
  },
  AdminRespondToAuthChallenge: {
    required: ['UserPoolId', 'ClientId', 'ChallengeName'],
    valid: async () => {
      const { email, session } = await challenged();
      return {
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'N3w-Passw0rd!' },
      };
    },
    answers: ['ChallengeParameters', 'AuthenticationResult'],
    errors: [
      unknownPool(() => ({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED' })),
      {
        when: 'the session is not one the pool issued',
        input: () => ({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: 'x'.repeat(40),
          ChallengeResponses: { USERNAME: 'a@example.com', NEW_PASSWORD: 'N3w-Passw0rd!' },
        }),
        type: 'NotAuthorizedException',
      },
    ],
  },
  AdminGetUser: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: [
      'Username',
      'UserAttributes',
      'UserCreateDate',
      'UserLastModifiedDate',
      'Enabled',
      'UserStatus',
    ],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  AdminGetUserAuthFactors: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: ['Username', 'ConfiguredUserAuthFactors'],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  AdminDeleteUser: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: [],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  AdminDisableUser: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: [],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  AdminEnableUser: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: [],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  AdminUserGlobalSignOut: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: [],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  AdminResetUserPassword: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: [],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  AdminSetUserPassword: {
    required: ['UserPoolId', 'Username', 'Password'],
    valid: async () => ({
      UserPoolId: poolId,
      Username: (await user()).email,
      Password: 'N3w-Passw0rd!',
      Permanent: true,
    }),
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'a@example.com', Password: PASSWORD })),
      unknownUser({ Password: PASSWORD }),
      {
        when: 'the password breaks the policy',
        input: async () => ({ UserPoolId: poolId, Username: (await user()).email, Password: 'weak' }),
        type: 'InvalidPasswordException',
      },
    ],
  },
  AdminUpdateUserAttributes: {
    required: ['UserPoolId', 'Username', 'UserAttributes'],
    valid: async () => ({
      UserPoolId: poolId,
      Username: (await user()).email,
      UserAttributes: [{ Name: 'name', Value: 'N' }],
    }),
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'a@example.com', UserAttributes: [] })),
      unknownUser({ UserAttributes: [] }),
      {
        when: 'the attribute is not in the schema',
        input: async () => ({
          UserPoolId: poolId,
          Username: (await user()).email,
          UserAttributes: [{ Name: 'custom:x', Value: 'N' }],
        }),
        type: 'InvalidParameterException',
      },
      {
        when: 'the email belongs to another user',
        input: async () => ({
          UserPoolId: poolId,
          Username: (await user()).email,
          UserAttributes: [{ Name: 'email', Value: (await user()).email }],
        }),
        type: 'AliasExistsException',
      },
    ],
  },
  AdminDeleteUserAttributes: {
    required: ['UserPoolId', 'Username', 'UserAttributeNames'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email, UserAttributeNames: ['name'] }),
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'a@example.com', UserAttributeNames: [] })),
      unknownUser({ UserAttributeNames: [] }),
      {
        when: 'the attribute is required',
        input: async () => ({
          UserPoolId: poolId,
          Username: (await user()).email,
          UserAttributeNames: ['sub'],
        }),
        type: 'InvalidParameterException',
      },
    ],
  },
  CreateGroup: {
    required: ['GroupName', 'UserPoolId'],
    valid: () => ({ UserPoolId: poolId, GroupName: `group${userCount++}`, Precedence: 3 }),
    answers: ['Group'],
    errors: [
      unknownPool(() => ({ GroupName: 'g' })),
      {
        when: 'the group exists',
        input: async () => ({ UserPoolId: poolId, GroupName: await group() }),
        type: 'GroupExistsException',
      },
    ],
  },
  GetGroup: {
    required: ['GroupName', 'UserPoolId'],
    valid: async () => ({ UserPoolId: poolId, GroupName: await group() }),
    answers: ['Group'],
    errors: [unknownPool(() => ({ GroupName: 'g' })), unknownGroup()],
  },
  UpdateGroup: {
    required: ['GroupName', 'UserPoolId'],
    valid: async () => ({ UserPoolId: poolId, GroupName: await group(), Description: 'd' }),
    answers: ['Group'],
    errors: [unknownPool(() => ({ GroupName: 'g' })), unknownGroup()],
  },
  DeleteGroup: {
    required: ['GroupName', 'UserPoolId'],
    valid: async () => ({ UserPoolId: poolId, GroupName: await group() }),
    answers: [],
    errors: [unknownPool(() => ({ GroupName: 'g' })), unknownGroup()],
  },
  ListGroups: {
    required: ['UserPoolId'],
    valid: () => ({ UserPoolId: poolId, Limit: 2 }),
    answers: ['Groups', 'NextToken'],
    errors: [unknownPool()],
  },
  AdminAddUserToGroup: {
    required: ['UserPoolId', 'Username', 'GroupName'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email, GroupName: await group() }),
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'a@example.com', GroupName: 'g' })),
      unknownUser({ GroupName: 'g' }),
      {
        when: 'the group does not exist',
        input: async () => ({ UserPoolId: poolId, Username: (await user()).email, GroupName: 'nope' }),
        type: 'ResourceNotFoundException',
      },
    ],
  },
  AdminRemoveUserFromGroup: {
    required: ['UserPoolId', 'Username', 'GroupName'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email, GroupName: await group() }),
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'a@example.com', GroupName: 'g' })),
      unknownUser({ GroupName: 'g' }),
    ],
  },
  AdminListGroupsForUser: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: ['Groups', 'NextToken'],
    errors: [unknownPool(() => ({ Username: 'a@example.com' })), unknownUser()],
  },
  ListUsersInGroup: {
    required: ['UserPoolId', 'GroupName'],
    valid: async () => ({ UserPoolId: poolId, GroupName: await group() }),
    answers: ['Users', 'NextToken'],
    errors: [unknownPool(() => ({ GroupName: 'g' })), unknownGroup()],
  },
  ListUsers: {
    required: ['UserPoolId'],
    valid: () => ({ UserPoolId: poolId, Limit: 5, Filter: 'email ^= "conformance"' }),
    answers: ['Users', 'PaginationToken'],
    errors: [
      unknownPool(),
      {
        when: 'the filter does not parse',
        input: () => ({ UserPoolId: poolId, Filter: 'email ~ x' }),
        type: 'InvalidParameterException',
        message: 'Error while parsing filter.',
      },
      {
        when: 'the pagination token was not issued',
        input: () => ({ UserPoolId: poolId, PaginationToken: 'forged' }),
        type: 'InvalidParameterException',
      },
    ],
  },
  ForgotPassword: {
    required: ['ClientId', 'Username'],
    valid: async () => ({ ClientId: clientId, Username: (await user()).email }),
    answers: ['CodeDeliveryDetails'],
    errors: [
      unknownClient(() => ({ Username: 'a@example.com' })),
      missingSecretHash(() => ({ Username: 'a@example.com' })),
    ],
  },
  ConfirmForgotPassword: {
    required: ['ClientId', 'Username', 'ConfirmationCode', 'Password'],
    valid: async () => {
      const { email } = await user();
      await ok('ForgotPassword', { ClientId: clientId, Username: email });
      const code = emulator.messages({ to: email }).at(-1)!.code;
      return { ClientId: clientId, Username: email, ConfirmationCode: code, Password: 'N3w-Passw0rd!' };
    },
    answers: [],
    errors: [
      unknownClient(() => ({ Username: 'a@example.com', ConfirmationCode: '1', Password: PASSWORD })),
      missingSecretHash(() => ({ Username: 'a@example.com', ConfirmationCode: '1', Password: PASSWORD })),
      {
        when: 'no code was sent',
        input: async () => ({
          ClientId: clientId,
          Username: (await user()).email,
          ConfirmationCode: '123456',
          Password: 'N3w-Passw0rd!',
        }),
        type: 'CodeMismatchException',
      },
      {
        when: 'the new password breaks the policy',
        input: async () => ({
          ClientId: clientId,
          Username: (await user()).email,
          ConfirmationCode: '123456',
          Password: 'weak',
        }),
        type: 'InvalidPasswordException',
      },
    ],
  },
  ChangePassword: {
    required: ['ProposedPassword', 'AccessToken'],
    valid: async () => ({
      AccessToken: (await user()).accessToken,
      PreviousPassword: PASSWORD,
      ProposedPassword: 'Ch4nged-Passw0rd!',
    }),
    answers: [],
    errors: [
      ...badAccessToken(async () => ({
        AccessToken: (await user()).accessToken,
        PreviousPassword: PASSWORD,
        ProposedPassword: 'Ch4nged-Passw0rd!',
      })),
      {
        when: 'the previous password is wrong',
        input: async () => ({
          AccessToken: (await user()).accessToken,
          PreviousPassword: 'Wr0ng-password',
          ProposedPassword: 'Ch4nged-Passw0rd!',
        }),
        type: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      },
      {
        when: 'the proposed password breaks the policy',
        input: async () => ({
          AccessToken: (await user()).accessToken,
          PreviousPassword: PASSWORD,
          ProposedPassword: 'weak',
        }),
        type: 'InvalidPasswordException',
      },
    ],
  },
  GetUser: {
    required: ['AccessToken'],
    valid: async () => ({ AccessToken: (await user()).accessToken }),
    answers: ['Username', 'UserAttributes'],
    errors: badAccessToken(async () => ({ AccessToken: (await user()).accessToken })),
  },
  GetUserAuthFactors: {
    required: ['AccessToken'],
    valid: async () => ({ AccessToken: (await user()).accessToken }),
    answers: ['Username', 'ConfiguredUserAuthFactors'],
    errors: badAccessToken(async () => ({ AccessToken: (await user()).accessToken })),
  },
  AssociateSoftwareToken: {
    required: [],
    valid: async () => ({ AccessToken: (await user()).accessToken }),
    answers: ['SecretCode'],
    errors: [
      ...badAccessToken(async () => ({ AccessToken: (await user()).accessToken })),
      {
        when: 'neither an access token nor a session is given',
        input: () => ({}),
        type: 'InvalidParameterException',
      },
      {
        when: 'the pool does not offer authenticator apps',
        input: async () => ({ AccessToken: (await pendingDevice()).accessToken }),
        type: 'SoftwareTokenMFANotFoundException',
        message: 'Software Token MFA has not been enabled by the userPool.',
      },
    ],
  },
  VerifySoftwareToken: {
    required: ['UserCode'],
    valid: async () => {
      const { accessToken } = await user();
      const { SecretCode } = await ok('AssociateSoftwareToken', { AccessToken: accessToken });
      return { AccessToken: accessToken, UserCode: appCode(SecretCode, Date.now()) };
    },
    answers: ['Status'],
    errors: [
      ...badAccessToken(async () => ({ AccessToken: (await user()).accessToken, UserCode: '123456' })),
      {
        when: 'the code is not the app’s',
        input: async () => {
          const { accessToken } = await user();
          const { SecretCode } = await ok('AssociateSoftwareToken', { AccessToken: accessToken });
          return { AccessToken: accessToken, UserCode: appCode(SecretCode, Date.now(), 5) };
        },
        type: 'EnableSoftwareTokenMFAException',
        message: 'Code mismatch',
      },
    ],
  },
  SetUserMFAPreference: {
    required: ['AccessToken'],
    valid: async () => ({
      AccessToken: (await user()).accessToken,
      SoftwareTokenMfaSettings: { Enabled: false },
    }),
    answers: [],
    errors: [
      ...badAccessToken(async () => ({ AccessToken: (await user()).accessToken })),
      {
        when: 'the user has no verified authenticator app',
        input: async () => ({
          AccessToken: (await user()).accessToken,
          SoftwareTokenMfaSettings: { Enabled: true },
        }),
        type: 'InvalidParameterException',
        message: 'User has not verified software token mfa',
      },
    ],
  },
  AdminSetUserMFAPreference: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({
      UserPoolId: poolId,
      Username: (await user()).email,
      SMSMfaSettings: { Enabled: false },
    }),
    answers: [],
    errors: [unknownPool(() => ({ Username: 'x@example.com' })), unknownUser()],
  },
  AdminDeleteSoftwareToken: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: poolId, Username: (await user()).email }),
    answers: [],
    errors: [unknownPool(() => ({ Username: 'x@example.com' })), unknownUser()],
  },
  UpdateUserAttributes: {
    required: ['UserAttributes', 'AccessToken'],
    valid: async () => ({
      AccessToken: (await user()).accessToken,
      UserAttributes: [{ Name: 'name', Value: 'N' }],
    }),
    answers: ['CodeDeliveryDetailsList'],
    errors: [
      ...badAccessToken(async () => ({
        AccessToken: (await user()).accessToken,
        UserAttributes: [{ Name: 'name', Value: 'N' }],
      })),
      {
        when: 'the email belongs to another user',
        input: async () => ({
          AccessToken: (await user()).accessToken,
          UserAttributes: [{ Name: 'email', Value: (await user()).email }],
        }),
        type: 'AliasExistsException',
      },
    ],
  },
  VerifyUserAttribute: {
    required: ['AccessToken', 'AttributeName', 'Code'],
    valid: async () => {
      const { email, accessToken } = await user();
      await ok('GetUserAttributeVerificationCode', { AccessToken: accessToken, AttributeName: 'email' });
      return {
        AccessToken: accessToken,
        AttributeName: 'email',
        Code: emulator.messages({ to: email }).at(-1)!.code,
      };
    },
    answers: [],
    errors: [
      ...badAccessToken(async () => ({
        AccessToken: (await user()).accessToken,
        AttributeName: 'email',
        Code: '1',
      })),
      {
        when: 'the code is wrong',
        input: async () => ({ AccessToken: (await user()).accessToken, AttributeName: 'email', Code: '1' }),
        type: 'CodeMismatchException',
      },
    ],
  },
  GetUserAttributeVerificationCode: {
    required: ['AccessToken', 'AttributeName'],
    valid: async () => ({ AccessToken: (await user()).accessToken, AttributeName: 'email' }),
    answers: ['CodeDeliveryDetails'],
    errors: badAccessToken(async () => ({ AccessToken: (await user()).accessToken, AttributeName: 'email' })),
  },
  GlobalSignOut: {
    required: ['AccessToken'],
    valid: async () => ({ AccessToken: (await user()).accessToken }),
    answers: [],
    errors: badAccessToken(async () => ({ AccessToken: (await user()).accessToken })),
  },
  RevokeToken: {
    required: ['Token', 'ClientId'],
    valid: async () => ({ ClientId: clientId, Token: (await user()).refreshToken }),
    answers: [],
    errors: [
      unknownClient(async () => ({ Token: (await user()).refreshToken })),
      {
        when: 'the token was issued to another client',
        input: async () => ({
          ClientId: secretClientId,
          ClientSecret: 'wrong',
          Token: (await user()).refreshToken,
        }),
        type: 'UnauthorizedException',
      },
    ],
  },
  GetTokensFromRefreshToken: {
    required: ['RefreshToken', 'ClientId'],
    valid: async () => ({ ClientId: clientId, RefreshToken: (await user()).refreshToken }),
    answers: ['AuthenticationResult'],
    errors: [
      unknownClient(async () => ({ RefreshToken: (await user()).refreshToken })),
      {
        when: 'the token was revoked',
        input: async () => {
          const { refreshToken } = await user();
          await ok('RevokeToken', { ClientId: clientId, Token: refreshToken });
          return { ClientId: clientId, RefreshToken: refreshToken };
        },
        type: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked',
      },
      {
        when: 'the client has a secret and none is sent',
        input: async () => ({ ClientId: secretClientId, RefreshToken: (await user()).refreshToken }),
        type: 'NotAuthorizedException',
        message: /is configured with secret but ClientSecret was not received/,
      },
    ],
  },
  ConfirmDevice: {
    required: ['AccessToken', 'DeviceKey'],
    valid: async () => {
      const { accessToken, deviceKey } = await pendingDevice();
      return { AccessToken: accessToken, DeviceKey: deviceKey, DeviceSecretVerifierConfig: VERIFIER_CONFIG };
    },
    answers: ['UserConfirmationNecessary'],
    errors: [
      ...badAccessToken(async () => ({
        AccessToken: (await pendingDevice()).accessToken,
        DeviceKey: UNKNOWN_DEVICE,
        DeviceSecretVerifierConfig: VERIFIER_CONFIG,
      })),
      unknownDevice(async () => ({
        AccessToken: (await pendingDevice()).accessToken,
        DeviceSecretVerifierConfig: VERIFIER_CONFIG,
      })),
      {
        when: 'the device is already confirmed',
        input: async () => {
          const { accessToken, deviceKey } = await trackedDevice();
          return {
            AccessToken: accessToken,
            DeviceKey: deviceKey,
            DeviceSecretVerifierConfig: VERIFIER_CONFIG,
          };
        },
        type: 'DeviceKeyExistsException',
      },
      {
        when: 'the verifier is not base64',
        input: async () => {
          const { accessToken, deviceKey } = await pendingDevice();
          return {
            AccessToken: accessToken,
            DeviceKey: deviceKey,
            DeviceSecretVerifierConfig: { PasswordVerifier: 'not base64!', Salt: VERIFIER_CONFIG.Salt },
          };
        },
        type: 'InvalidParameterException',
      },
    ],
  },
  UpdateDeviceStatus: {
    required: ['AccessToken', 'DeviceKey'],
    valid: async () => {
      const { accessToken, deviceKey } = await trackedDevice();
      return { AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: 'remembered' };
    },
    answers: [],
    errors: [
      ...badAccessToken(async () => ({
        AccessToken: (await trackedDevice()).accessToken,
        DeviceKey: UNKNOWN_DEVICE,
      })),
      unknownDevice(async () => ({ AccessToken: (await trackedDevice()).accessToken })),
      {
        when: 'the device is another user’s',
        input: async () => ({
          AccessToken: (await trackedDevice()).accessToken,
          DeviceKey: (await trackedDevice()).deviceKey,
        }),
        type: 'ResourceNotFoundException',
        message: 'Device does not exist.',
      },
      {
        when: 'the status is not one of the enum',
        input: async () => {
          const { accessToken, deviceKey } = await trackedDevice();
          return { AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: 'forever' };
        },
        type: 'InvalidParameterException',
      },
    ],
  },
  ListDevices: {
    required: ['AccessToken'],
    valid: async () => ({ AccessToken: (await trackedDevice()).accessToken, Limit: 1 }),
    answers: ['Devices', 'PaginationToken'],
    errors: [
      ...badAccessToken(async () => ({ AccessToken: (await trackedDevice()).accessToken })),
      {
        when: 'the pagination token is not one the emulator made',
        input: async () => ({ AccessToken: (await trackedDevice()).accessToken, PaginationToken: 'forged' }),
        type: 'InvalidParameterException',
      },
    ],
  },
  GetDevice: {
    required: ['DeviceKey'],
    valid: async () => {
      const { accessToken, deviceKey } = await trackedDevice();
      return { AccessToken: accessToken, DeviceKey: deviceKey };
    },
    answers: ['Device'],
    errors: [
      ...badAccessToken(async () => ({
        AccessToken: (await trackedDevice()).accessToken,
        DeviceKey: UNKNOWN_DEVICE,
      })),
      unknownDevice(async () => ({ AccessToken: (await trackedDevice()).accessToken })),
      {
        when: 'the device was never confirmed',
        input: async () => {
          const { accessToken, deviceKey } = await pendingDevice();
          return { AccessToken: accessToken, DeviceKey: deviceKey };
        },
        type: 'ResourceNotFoundException',
        message: 'Device does not exist.',
      },
    ],
  },
  ForgetDevice: {
    required: ['DeviceKey'],
    valid: async () => {
      const { accessToken, deviceKey } = await trackedDevice();
      return { AccessToken: accessToken, DeviceKey: deviceKey };
    },
    answers: [],
    errors: [
      ...badAccessToken(async () => ({
        AccessToken: (await trackedDevice()).accessToken,
        DeviceKey: UNKNOWN_DEVICE,
      })),
      unknownDevice(async () => ({ AccessToken: (await trackedDevice()).accessToken })),
    ],
  },
  StartWebAuthnRegistration: {
    required: ['AccessToken'],
    valid: async () => ({ AccessToken: (await passkeyUser()).accessToken }),
    answers: ['CredentialCreationOptions'],
    errors: [
      ...badAccessToken(async () => ({ AccessToken: (await passkeyUser()).accessToken })),
      {
        when: 'the pool’s sign-in policy does not allow passkeys',
        input: async () => ({ AccessToken: (await user()).accessToken }),
        type: 'WebAuthnNotEnabledException',
      },
    ],
  },
  CompleteWebAuthnRegistration: {
    required: ['AccessToken', 'Credential'],
    valid: async () => {
      const { accessToken, credential } = await passkeyUser();
      return { AccessToken: accessToken, Credential: await credential() };
    },
    answers: [],
    errors: [
      ...badAccessToken(async () => {
        const { accessToken, credential } = await passkeyUser();
        return { AccessToken: accessToken, Credential: await credential() };
      }),
      {
        when: 'no registration was started',
        input: async () => {
          const other = await passkeyUser();
          return { AccessToken: (await passkeyUser()).accessToken, Credential: await other.credential() };
        },
        type: 'WebAuthnChallengeNotFoundException',
      },
    ],
  },
  ListWebAuthnCredentials: {
    required: ['AccessToken'],
    valid: async () => ({
      AccessToken: (await passkeyUser({ registered: true })).accessToken,
      MaxResults: 1,
    }),
    answers: ['Credentials', 'NextToken'],
    errors: [
      ...badAccessToken(async () => ({ AccessToken: (await passkeyUser()).accessToken })),
      {
        when: 'the pagination token is not one the emulator made',
        input: async () => ({ AccessToken: (await passkeyUser()).accessToken, NextToken: 'forged' }),
        type: 'InvalidParameterException',
      },
    ],
  },
  DeleteWebAuthnCredential: {
    required: ['AccessToken', 'CredentialId'],
    valid: async () => {
      const { accessToken, credentialId } = await passkeyUser({ registered: true });
      return { AccessToken: accessToken, CredentialId: credentialId };
    },
    answers: [],
    errors: [
      ...badAccessToken(async () => ({ AccessToken: (await passkeyUser()).accessToken, CredentialId: 'x' })),
      {
        when: 'the credential is not one of the user’s',
        input: async () => ({ AccessToken: (await passkeyUser()).accessToken, CredentialId: 'unknown' }),
        type: 'ResourceNotFoundException',
      },
    ],
  },
  AdminGetDevice: {
    required: ['DeviceKey', 'UserPoolId', 'Username'],
    valid: async () => {
      const { email, deviceKey } = await trackedDevice();
      return { UserPoolId: devicePoolId, Username: email, DeviceKey: deviceKey };
    },
    answers: ['Device'],
    errors: [
      unknownPool(() => ({ Username: 'x@example.com', DeviceKey: UNKNOWN_DEVICE })),
      unknownUser({ DeviceKey: UNKNOWN_DEVICE }),
      unknownDevice(async () => ({ UserPoolId: devicePoolId, Username: (await trackedDevice()).email })),
    ],
  },
  AdminListDevices: {
    required: ['UserPoolId', 'Username'],
    valid: async () => ({ UserPoolId: devicePoolId, Username: (await trackedDevice()).email }),
    answers: ['Devices', 'PaginationToken'],
    errors: [unknownPool(() => ({ Username: 'x@example.com' })), unknownUser()],
  },
  AdminForgetDevice: {
    required: ['UserPoolId', 'Username', 'DeviceKey'],
    valid: async () => {
      const { email, deviceKey } = await trackedDevice();
      return { UserPoolId: devicePoolId, Username: email, DeviceKey: deviceKey };
    },
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'x@example.com', DeviceKey: UNKNOWN_DEVICE })),
      unknownUser({ DeviceKey: UNKNOWN_DEVICE }),
      unknownDevice(async () => ({ UserPoolId: devicePoolId, Username: (await trackedDevice()).email })),
    ],
  },
  AdminUpdateDeviceStatus: {
    required: ['UserPoolId', 'Username', 'DeviceKey'],
    valid: async () => {
      const { email, deviceKey } = await trackedDevice();
      return {
        UserPoolId: devicePoolId,
        Username: email,
        DeviceKey: deviceKey,
        DeviceRememberedStatus: 'not_remembered',
      };
    },
    answers: [],
    errors: [
      unknownPool(() => ({ Username: 'x@example.com', DeviceKey: UNKNOWN_DEVICE })),
      unknownUser({ DeviceKey: UNKNOWN_DEVICE }),
      unknownDevice(async () => ({ UserPoolId: devicePoolId, Username: (await trackedDevice()).email })),
    ],
  },
  DeleteUser: {
    required: ['AccessToken'],
    valid: async () => ({ AccessToken: (await user()).accessToken }),
    answers: [],
    errors: badAccessToken(async () => ({ AccessToken: (await user()).accessToken })),
  },
  CreateUserPoolDomain: {
    required: ['Domain', 'UserPoolId'],
    valid: async () => ({ UserPoolId: (await poolWithDomain(false)).UserPoolId, Domain: newDomain() }),
    answers: ['ManagedLoginVersion'],
    errors: [
      unknownPool(() => ({ Domain: newDomain() })),
      {
        when: 'another pool holds the domain',
        input: async () => ({ UserPoolId: poolId, Domain: (await poolWithDomain()).Domain }),
        type: 'InvalidParameterException',
        message: 'Domain already associated with another user pool.',
      },
      {
        when: 'the pool has a prefix domain already',
        input: async () => ({ UserPoolId: (await poolWithDomain()).UserPoolId, Domain: newDomain() }),
        type: 'InvalidParameterException',
        message: 'User pool already has a domain configured.',
      },
      {
        when: 'the prefix is not a DNS label',
        input: () => ({ UserPoolId: poolId, Domain: 'Not_A_Label' }),
        type: 'InvalidParameterException',
        message: /^The domain name contains an invalid character\./,
      },
    ],
  },
  DescribeUserPoolDomain: {
    required: ['Domain'],
    valid: async () => ({ Domain: (await poolWithDomain()).Domain }),
    answers: ['DomainDescription'],
    errors: [],
  },
  UpdateUserPoolDomain: {
    required: ['Domain', 'UserPoolId'],
    valid: async () => ({ ...(await poolWithDomain()), ManagedLoginVersion: 2 }),
    answers: ['ManagedLoginVersion'],
    errors: [
      unknownPool(() => ({ Domain: newDomain() })),
      {
        when: 'the pool does not hold the domain',
        input: async () => ({ UserPoolId: poolId, Domain: (await poolWithDomain()).Domain }),
        type: 'InvalidParameterException',
        message: 'No such domain or user pool exists.',
      },
    ],
  },
  DeleteUserPoolDomain: {
    required: ['Domain', 'UserPoolId'],
    valid: () => poolWithDomain(),
    answers: [],
    errors: [
      unknownPool(() => ({ Domain: newDomain() })),
      {
        when: 'the pool does not hold the domain',
        input: async () => ({ UserPoolId: poolId, Domain: (await poolWithDomain()).Domain }),
        type: 'InvalidParameterException',
        message: 'No such domain or user pool exists.',
      },
    ],
  },
  CreateResourceServer: {
    required: ['UserPoolId', 'Identifier', 'Name'],
    valid: () => ({ UserPoolId: poolId, Identifier: `made${serverCount++}`, Name: 'made' }),
    answers: ['ResourceServer'],
    errors: [
      unknownPool(() => ({ Identifier: 'x', Name: 'x' })),
      {
        when: 'the pool has a resource server of that identifier',
        input: async () => ({ ...(await resourceServer()), Name: 'again' }),
        type: 'InvalidParameterException',
        message: /already exists in user pool/,
      },
    ],
  },
  DescribeResourceServer: {
    required: ['UserPoolId', 'Identifier'],
    valid: () => resourceServer(),
    answers: ['ResourceServer'],
    errors: [unknownPool(() => ({ Identifier: 'x' })), unknownResourceServer()],
  },
  UpdateResourceServer: {
    required: ['UserPoolId', 'Identifier', 'Name'],
    valid: async () => ({ ...(await resourceServer()), Name: 'renamed' }),
    answers: ['ResourceServer'],
    errors: [unknownPool(() => ({ Identifier: 'x', Name: 'x' })), unknownResourceServer()],
  },
  DeleteResourceServer: {
    required: ['UserPoolId', 'Identifier'],
    valid: () => resourceServer(),
    answers: [],
    errors: [unknownPool(() => ({ Identifier: 'x' })), unknownResourceServer()],
  },
  ListResourceServers: {
    required: ['UserPoolId'],
    valid: () => ({ UserPoolId: poolId, MaxResults: 50 }),
    answers: ['ResourceServers', 'NextToken'],
    errors: [
      unknownPool(),
      {
        when: 'MaxResults is out of range',
        input: () => ({ UserPoolId: poolId, MaxResults: 51 }),
        type: 'InvalidParameterException',
      },
    ],
  },
  AddUserPoolClientSecret: {
    required: ['UserPoolId', 'ClientId'],
    valid: () => secretClient(),
    answers: ['ClientSecretDescriptor'],
    errors: [
      unknownPool(() => ({ ClientId: clientId })),
      unknownClient(() => ({ UserPoolId: poolId })),
      {
        when: 'the client holds two secrets already',
        input: () => secretClient(2),
        type: 'LimitExceededException',
      },
    ],
  },
  ListUserPoolClientSecrets: {
    required: ['UserPoolId', 'ClientId'],
    valid: () => secretClient(2),
    answers: ['ClientSecrets'],
    errors: [unknownPool(() => ({ ClientId: clientId })), unknownClient(() => ({ UserPoolId: poolId }))],
  },
  DeleteUserPoolClientSecret: {
    required: ['UserPoolId', 'ClientId', 'ClientSecretId'],
    valid: async () => {
      const ids = await secretClient(2);
      const { ClientSecrets } = await ok('ListUserPoolClientSecrets', ids);
      return { ...ids, ClientSecretId: ClientSecrets[0].ClientSecretId };
    },
    answers: [],
    errors: [
      unknownPool(() => ({ ClientId: clientId, ClientSecretId: 'x' })),
      unknownClient(() => ({ UserPoolId: poolId, ClientSecretId: 'x' })),
      {
        when: 'the secret is the last one',
        input: async () => {
          const ids = await secretClient();
          const { ClientSecrets } = await ok('ListUserPoolClientSecrets', ids);
          return { ...ids, ClientSecretId: ClientSecrets[0].ClientSecretId };
        },
        type: 'InvalidParameterException',
      },
      {
        when: 'the secret does not exist',
        input: async () => ({ ...(await secretClient(2)), ClientSecretId: 'no-such-secret' }),
        type: 'ResourceNotFoundException',
      },
    ],
  },
};

describe('conformance', () => {
  it('covers every implemented operation', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(Object.keys(TARGETS).sort());
  });

  it('requires exactly the members the API model requires (as the AWS SDK carries it)', () => {
    for (const [op, spec] of Object.entries(OPERATIONS)) {
      // A request schema: [kind, namespace, name, traits, member names, member schemas, required count].
      const schema = (sdkModel as unknown as Record<string, unknown[] | undefined>)[`${op}Request$`];
      expect(schema, `${op} is in the model`).toBeDefined();
      const names = schema![4] as string[];
      const required = names.slice(0, (schema![6] as number | undefined) ?? 0);
      expect({ op, required: [...spec.required].sort() }).toEqual({ op, required: [...required].sort() });
    }
  });

  for (const [op, spec] of Object.entries(OPERATIONS)) {
    describe(op, () => {
      it('answers the documented shape', async () => {
        const body = await ok(op, await spec.valid());
        for (const key of Object.keys(body)) expect(spec.answers, `${op} answered ${key}`).toContain(key);
        // Present: what this operation always answers (page tokens only when there is a next page).
        const always = spec.answers.filter((name) => !PAGE_TOKENS.has(name));
        expect(
          always.filter((name) => body[name] === undefined),
          `${op} left out`,
        ).toEqual([]);
        // Typed: the output structure of the SDK's model, required members included, all the way down.
        expect(outputProblems(op, body)).toEqual([]);
      });

      // Operations without required members (AssociateSoftwareToken) have nothing to list.
      if (spec.required.length > 0)
        it('lists every missing required member in one InvalidParameterException', async () => {
          const answer = await call(op, {});
          expect(answer.status).toBe(400);
          expect(answer.type).toBe('InvalidParameterException');
          expect(answer.body.__type).toBe('InvalidParameterException');
          const count = spec.required.length;
          expect(answer.body.message).toMatch(new RegExp(`^${count} validation errors? detected: `));
          for (const name of spec.required) {
            const path = name.charAt(0).toLowerCase() + name.slice(1);
            expect(answer.body.message).toContain(
              `Value null at '${path}' failed to satisfy constraint: Member must not be null`,
            );
          }
        });

      it('answers SerializationException for a member of the wrong JSON type', async () => {
        const member = spec.required[0] ?? Object.keys(TARGETS[op]!.input)[0]!;
        const answer = await call(op, { [member]: ['not', 'a', 'string'] });
        expect(answer.body.__type).toBe('SerializationException');
      });

      for (const error of spec.errors) {
        it(`${error.type} when ${error.when}`, async () => {
          const answer = await call(op, await error.input());
          expect(answer.status).toBe(400);
          expect(answer.type).toBe(error.type);
          expect(answer.body.__type).toBe(error.type);
          if (typeof error.message === 'string') expect(answer.body.message).toBe(error.message);
          else if (error.message) expect(answer.body.message).toMatch(error.message);
        });
      }
    });
  }
});
