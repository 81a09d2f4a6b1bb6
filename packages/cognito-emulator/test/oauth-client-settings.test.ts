import type {
  CognitoIdentityProvider,
  CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, rejection } from './helpers.js';

/** App clients' OAuth settings, checked at CreateUserPoolClient and UpdateUserPoolClient as AWS checks them. */
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let poolId: string;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  const { UserPool } = await cognito.createUserPool({ PoolName: 'oauth-clients' });
  poolId = UserPool!.Id!;
  await cognito.createResourceServer({
    UserPoolId: poolId,
    Identifier: 'https://api.example.com',
    Name: 'API',
    Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }],
  });
});
afterAll(() => emulator.stop());

type Settings = Omit<CreateUserPoolClientCommandInput, 'UserPoolId' | 'ClientName'>;
const create = (settings: Settings) =>
  cognito.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', ...settings });

const webClient: Settings = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email', 'https://api.example.com/read'],
  CallbackURLs: ['https://app.example.com/callback', 'http://localhost:3000/callback', 'myapp://callback'],
  LogoutURLs: ['https://app.example.com/'],
  DefaultRedirectURI: 'https://app.example.com/callback',
  SupportedIdentityProviders: ['COGNITO'],
};

async function refused(settings: Settings) {
  return rejection(create(settings));
}

describe('a valid OAuth client', () => {
  it('is stored and described with its settings', async () => {
    const { UserPoolClient } = await create(webClient);
    expect(UserPoolClient).toMatchObject(webClient);
    const { UserPoolClient: described } = await cognito.describeUserPoolClient({
      UserPoolId: poolId,
      ClientId: UserPoolClient!.ClientId!,
    });
    expect(described).toMatchObject(webClient);
  });

  it('a machine client: client_credentials with a secret and custom scopes', async () => {
    const { UserPoolClient } = await create({
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['https://api.example.com/read'],
    });
    expect(UserPoolClient!.AllowedOAuthFlows).toEqual(['client_credentials']);
  });
});

describe('refused OAuth settings', () => {
  it('an OAuth client without flows or scopes', async () => {
    for (const settings of [
      { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'] },
      {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code' as const],
        CallbackURLs: ['https://a.example'],
      },
    ]) {
      expect(await refused(settings)).toEqual(
        expect.objectContaining({
          name: 'InvalidParameterException',
          message:
            'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
        }),
      );
    }
  });

  it('client_credentials beside code or implicit, or without a secret', async () => {
    expect(
      await refused({
        ...webClient,
        GenerateSecret: true,
        AllowedOAuthFlows: ['code', 'client_credentials'],
      }),
    ).toEqual(
      expect.objectContaining({
        name: 'InvalidOAuthFlowException',
        message: 'client_credentials flow can not be selected along with code flow or implicit flow.',
      }),
    );
    expect(
      await refused({
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['https://api.example.com/read'],
      }),
    ).toEqual(
      expect.objectContaining({
        name: 'InvalidOAuthFlowException',
        message: 'client_credentials flow can not be selected if client does not have a client secret.',
      }),
    );
  });

  it('code or implicit without callback URLs', async () => {
    expect(await refused({ ...webClient, CallbackURLs: [], DefaultRedirectURI: undefined })).toEqual(
      expect.objectContaining({
        name: 'InvalidOAuthFlowException',
        message: 'CallbackUrls can not be empty when code flow or implicit flow is selected',
      }),
    );
  });

  it('redirect URLs over plain HTTP (but to localhost), with a fragment, or not absolute', async () => {
    const cases: [string, string][] = [
      ['http://app.example.com/cb', 'http://app.example.com/cb cannot use the HTTP protocol.'],
      ['https://app.example.com/cb#part', 'https://app.example.com/cb#part cannot use fragment'],
      ['/relative/callback', '/relative/callback is not a valid URL.'],
    ];
    for (const [url, message] of cases) {
      expect(await refused({ ...webClient, CallbackURLs: [url], DefaultRedirectURI: undefined })).toEqual(
        expect.objectContaining({ name: 'InvalidParameterException', message }),
      );
      expect(await refused({ ...webClient, LogoutURLs: [url] })).toEqual(
        expect.objectContaining({ name: 'InvalidParameterException', message }),
      );
    }
  });

  it('a default redirect URI that is not a callback URL', async () => {
    expect(await refused({ ...webClient, DefaultRedirectURI: 'https://elsewhere.example.com/' })).toEqual(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: 'The default redirect URI https://elsewhere.example.com/ is not in the callback URIs list.',
      }),
    );
  });

  it('a scope that is neither standard nor a resource server scope of the pool', async () => {
    for (const scope of ['admin', 'https://api.example.com/write', 'https://other.example.com/read']) {
      expect(await refused({ ...webClient, AllowedOAuthScopes: ['openid', scope] })).toEqual(
        expect.objectContaining({
          name: 'ScopeDoesNotExistException',
          message: `Invalid scope requested: ${scope}`,
        }),
      );
    }
  });

  it('an identity provider the pool does not have', async () => {
    expect(await refused({ ...webClient, SupportedIdentityProviders: ['COGNITO', 'Google'] })).toEqual(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: 'The provider Google does not exist for User Pool',
      }),
    );
  });

  it('a flow outside the enum, more than 3 flows, more than 100 callback URLs', async () => {
    for (const settings of [
      { ...webClient, AllowedOAuthFlows: ['password' as never] },
      { ...webClient, AllowedOAuthFlows: ['code', 'code', 'implicit', 'code'] as never },
      { ...webClient, CallbackURLs: Array.from({ length: 101 }, (_, i) => `https://a.example/${i}`) },
    ]) {
      expect((await refused(settings)).name).toBe('InvalidParameterException');
    }
  });
});

describe('UpdateUserPoolClient', () => {
  it('checks the same rules, and a scope becomes valid once its resource server defines it', async () => {
    const { UserPoolClient } = await create(webClient);
    const clientId = UserPoolClient!.ClientId!;
    const update = (settings: Settings) =>
      cognito.updateUserPoolClient({ UserPoolId: poolId, ClientId: clientId, ...settings });
    expect(
      await rejection(update({ ...webClient, AllowedOAuthScopes: ['https://api.example.com/write'] })),
    ).toMatchObject({ name: 'ScopeDoesNotExistException' });
    expect(
      await rejection(
        update({ ...webClient, AllowedOAuthFlows: ['client_credentials'], CallbackURLs: undefined }),
      ),
    ).toMatchObject({ name: 'InvalidOAuthFlowException' });

    await cognito.updateResourceServer({
      UserPoolId: poolId,
      Identifier: 'https://api.example.com',
      Name: 'API',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'Read' },
        { ScopeName: 'write', ScopeDescription: 'Write' },
      ],
    });
    const { UserPoolClient: updated } = await update({
      ...webClient,
      AllowedOAuthScopes: ['https://api.example.com/write'],
    });
    expect(updated!.AllowedOAuthScopes).toEqual(['https://api.example.com/write']);
  });

  it('leaves the OAuth settings at their defaults when the request leaves them out', async () => {
    const { UserPoolClient } = await create(webClient);
    const { UserPoolClient: updated } = await cognito.updateUserPoolClient({
      UserPoolId: poolId,
      ClientId: UserPoolClient!.ClientId!,
    });
    expect(updated!.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(updated!.AllowedOAuthFlows).toBeUndefined();
    expect(updated!.CallbackURLs).toBeUndefined();
  });
});
