import { Module, UseGuards } from '@nestjs/common';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoAuthGuard, CognitoModule, type CognitoUser, CurrentUser, Groups } from '../src/index.js';
import {
  bearer,
  type Cognito,
  request,
  signedInTokens,
  startApp,
  startCognito,
  type TestApp,
} from './helpers.js';

@Resolver('Query')
@UseGuards(CognitoAuthGuard)
class MeResolver {
  @Query('me')
  me(@CurrentUser() user: CognitoUser) {
    return { sub: user.sub, groups: user.groups };
  }

  @Query('secret')
  @Groups('admin')
  secret() {
    return 'for admins';
  }
}

let cognito: Cognito;
let server: TestApp;
let accessToken: string;

beforeAll(async () => {
  cognito = await startCognito();
  const options = cognito.options('public');
  @Module({
    imports: [
      CognitoModule.forRoot(options),
      GraphQLModule.forRoot<MercuriusDriverConfig>({
        driver: MercuriusDriver,
        typeDefs: 'type Me { sub: String!, groups: [String!]! } type Query { me: Me, secret: String }',
      }),
    ],
    providers: [MeResolver],
  })
  class GraphQLAppModule {}
  server = await startApp('fastify', GraphQLAppModule);
  ({ accessToken } = await signedInTokens(cognito, 'graphql@example.com'));
});
afterAll(async () => {
  await server?.close();
  await cognito?.emulator.stop();
});

const query = (source: string, headers: Record<string, string> = {}) =>
  request('POST', `${server.url}/graphql`, { query: source }, headers);

describe('CognitoAuthGuard on GraphQL (Mercurius)', () => {
  it('reads the token from the request of the GraphQL context and gives the user to the resolver', async () => {
    const answer = await query('{ me { sub groups } }', bearer(accessToken));
    expect(answer.status).toBe(200);
    expect(answer.body.data.me).toEqual({ sub: expect.stringMatching(/^[0-9a-f-]{36}$/), groups: [] });
  });

  it('refuses a missing or invalid token, and a caller outside the group', async () => {
    const missing = await query('{ me { sub } }');
    expect(missing.body.data?.me ?? null).toBeNull();
    expect(JSON.stringify(missing.body.errors)).toContain('Missing bearer token.');
    const invalid = await query('{ me { sub } }', bearer(`${accessToken}x`));
    expect(JSON.stringify(invalid.body.errors)).toContain('Invalid or expired token.');
    const outside = await query('{ secret }', bearer(accessToken));
    expect(outside.body.data?.secret ?? null).toBeNull();
    expect(JSON.stringify(outside.body.errors)).toContain('Requires membership of one of the groups: admin.');
  });
});
