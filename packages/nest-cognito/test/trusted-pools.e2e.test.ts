import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { type RunningEmulator, startEmulator } from 'cognito-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAuthGuard,
  CognitoModule,
  type CognitoModuleOptions,
  CognitoPools,
  type CognitoUser,
  CurrentUser,
} from '../src/index.js';
import { ADAPTERS, bearer, PASSWORD, request, startApp, type TestApp } from './helpers.js';

const CREDENTIALS = { accessKeyId: 'emulator', secretAccessKey: 'emulator' };
const PASSWORD_FLOWS = { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };

/** Two pools: the application's own (`main`) and a partner's, each with a trusted and a stray client. */
const SEED = {
  pools: ['main', 'partner'].map((name) => ({
    name,
    clients: [
      { name: 'trusted', settings: PASSWORD_FLOWS },
      { name: 'stray', settings: PASSWORD_FLOWS },
    ],
    users: [{ username: `${name}-user`, password: PASSWORD, attributes: { email: `${name}@example.com` } }],
  })),
};

@Controller('main')
@UseGuards(CognitoAuthGuard)
class MainController {
  @Get('who')
  who(@CurrentUser() user: CognitoUser) {
    return { pool: user.pool, userPoolId: user.userPoolId, username: user.username };
  }
}

@Controller('partner')
@UseGuards(CognitoAuthGuard)
@CognitoPools('partners')
class PartnerController {
  @Get('who')
  who(@CurrentUser() user: CognitoUser) {
    return { pool: user.pool, userPoolId: user.userPoolId, username: user.username };
  }

  /** The method's list replaces the class's. */
  @Get('both')
  @CognitoPools('default', 'partners')
  both(@CurrentUser() user: CognitoUser) {
    return { pool: user.pool };
  }
}

@Controller('misspelt')
@UseGuards(CognitoAuthGuard)
class MisspeltController {
  @Get('who')
  @CognitoPools('default', 'partner')
  who() {
    return {};
  }
}

function appWith(options: CognitoModuleOptions, controllers: unknown[]) {
  @Module({ imports: [CognitoModule.forRoot(options)], controllers: controllers as never })
  class TrustedPoolsAppModule {}
  return TrustedPoolsAppModule;
}

let emulator: RunningEmulator;
let sdk: CognitoIdentityProvider;
const pool = (name: 'main' | 'partner') => emulator.pools[name]!;
const client = (name: 'main' | 'partner', which: 'trusted' | 'stray') => pool(name).clients[which]!.id;

/** Real tokens of the pool's user, signed in through the given client. */
async function tokensOf(name: 'main' | 'partner', which: 'trusted' | 'stray' = 'trusted') {
  const { AuthenticationResult } = await sdk.initiateAuth({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: client(name, which),
    AuthParameters: { USERNAME: `${name}-user`, PASSWORD },
  });
  return { access: AuthenticationResult!.AccessToken!, id: AuthenticationResult!.IdToken! };
}

function options(partnerTokenUse?: 'id'): CognitoModuleOptions {
  return {
    userPoolId: pool('main').id,
    clientId: client('main', 'trusted'),
    endpoint: emulator.endpoint,
    credentials: CREDENTIALS,
    trustedPools: {
      partners: {
        userPoolId: pool('partner').id,
        clientIds: [client('partner', 'trusted')],
        ...(partnerTokenUse ? { tokenUse: partnerTokenUse } : {}),
      },
    },
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
  sdk = new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
});
afterAll(() => emulator.stop());

describe.each(ADAPTERS)('trusted pools per route on %s', (adapter) => {
  let server: TestApp;
  const get = (path: string, token: string) =>
    request('GET', `${server.url}${path}`, undefined, bearer(token));

  beforeAll(async () => {
    server = await startApp(adapter, appWith(options(), [MainController, PartnerController]));
  });
  afterAll(() => server.close());

  it('a route without @CognitoPools() accepts the main pool only; the user says which pool', async () => {
    const main = await tokensOf('main');
    const partner = await tokensOf('partner');
    expect(await get('/main/who', main.access)).toMatchObject({
      status: 200,
      body: { pool: 'default', userPoolId: pool('main').id, username: 'main-user' },
    });
    const refused = await get('/main/who', partner.access);
    expect(refused).toMatchObject({
      status: 401,
      body: { code: 'INVALID_TOKEN', message: 'Token is not from a pool this route trusts.' },
    });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('@CognitoPools("partners") accepts the partner pool and refuses the main one', async () => {
    const main = await tokensOf('main');
    const partner = await tokensOf('partner');
    expect(await get('/partner/who', partner.access)).toMatchObject({
      status: 200,
      body: { pool: 'partners', userPoolId: pool('partner').id, username: 'partner-user' },
    });
    expect(await get('/partner/who', main.access)).toMatchObject({
      status: 401,
      body: { code: 'INVALID_TOKEN' },
    });
  });

  it("a method's @CognitoPools() replaces its class's: both pools on /partner/both", async () => {
    expect(await get('/partner/both', (await tokensOf('main')).access)).toMatchObject({
      status: 200,
      body: { pool: 'default' },
    });
    expect(await get('/partner/both', (await tokensOf('partner')).access)).toMatchObject({
      status: 200,
      body: { pool: 'partners' },
    });
  });

  it("a client not in the pool's clientIds is refused, in either pool", async () => {
    const strayPartner = await tokensOf('partner', 'stray');
    const strayMain = await tokensOf('main', 'stray');
    for (const [path, token] of [
      ['/partner/who', strayPartner.access],
      ['/partner/both', strayPartner.access],
      ['/main/who', strayMain.access],
      ['/partner/both', strayMain.access],
    ] as const) {
      expect(await get(path, token)).toMatchObject({
        status: 401,
        body: { code: 'INVALID_TOKEN', message: 'Invalid or expired token.' },
      });
    }
  });
});

describe('trusted pools: options', () => {
  it("a trusted pool's tokenUse applies to its tokens only", async () => {
    const server = await startApp('express', appWith(options('id'), [MainController, PartnerController]));
    try {
      const partner = await tokensOf('partner');
      const main = await tokensOf('main');
      const get = (path: string, token: string) =>
        request('GET', `${server.url}${path}`, undefined, bearer(token));
      expect((await get('/partner/who', partner.id)).status).toBe(200);
      expect((await get('/partner/who', partner.access)).status).toBe(401);
      expect((await get('/main/who', main.access)).status).toBe(200);
      expect((await get('/main/who', main.id)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('the application does not start when @CognitoPools() names a pool the options do not define', async () => {
    await expect(
      startApp('express', appWith(options(), [MainController, MisspeltController])),
    ).rejects.toThrow(
      "@CognitoPools() names pools that CognitoModule's trustedPools do not define (known: default, partners):\n  - MisspeltController.who names partner",
    );
  });
});
