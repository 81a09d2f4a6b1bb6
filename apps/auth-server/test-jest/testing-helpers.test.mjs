// The testing helpers under Jest (ESM mode): the reference server's compiled AppModule, its /auth/me
// route behind the real guard, with a user from startEmulatedCognito and a minted token.
import { expect, test, afterAll, beforeAll } from '@jest/globals';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createOfflineCognito, startEmulatedCognito } from 'nest-cognito/testing';
import { AppModule } from '../dist/app.module.js';

// As configured for production, but with an endpoint nobody listens on: nothing here may reach AWS.
const production = {
  userPoolId: 'eu-west-1_Prod00001',
  clientId: 'prodclient1234',
  endpoint: 'http://127.0.0.1:9',
};

async function start(helper) {
  const moduleRef = await helper
    .apply(Test.createTestingModule({ imports: [AppModule.forRoot(production)] }))
    .compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${app.getHttpServer().address().port}` };
}

let cognito;
let emulated;
beforeAll(async () => {
  cognito = await startEmulatedCognito();
  emulated = await start(cognito);
});
afterAll(async () => {
  await emulated?.app.close();
  await cognito?.stop();
});

test('signInAs: the real guard lets the user read /auth/me, and refuses it after sign-out', async () => {
  const user = await cognito.signInAs({ email: 'jest@example.test' });
  const me = await fetch(`${emulated.url}/auth/me`, { headers: { authorization: user.authorization } });
  expect(me.status).toBe(200);
  expect((await me.json()).email).toBe('jest@example.test');
  const signOut = await fetch(`${emulated.url}/auth/sign-out`, {
    method: 'POST',
    headers: { authorization: user.authorization },
  });
  expect(signOut.status).toBe(204);
  expect(
    (await fetch(`${emulated.url}/auth/me`, { headers: { authorization: user.authorization } })).status,
  ).toBe(401);
});

test('createOfflineCognito: a minted token passes the guard of a compiled application', async () => {
  const offline = createOfflineCognito();
  const { app, url } = await start(offline);
  try {
    // The guard lets the minted token through; /auth/me then asks Cognito, which is unreachable here.
    const token = offline.mintAccessToken({ sub: 'jest-user' });
    const answer = await fetch(`${url}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(503);
    expect((await answer.json()).code).toBe('COGNITO_UNAVAILABLE');
    expect((await fetch(`${url}/auth/me`, { headers: { authorization: 'Bearer x.y.z' } })).status).toBe(401);
  } finally {
    await app.close();
  }
});
