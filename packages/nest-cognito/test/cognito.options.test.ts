import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { CognitoClientCredentials } from '../src/client-credentials/cognito-client-credentials.js';
import { resolveCognitoOptions } from '../src/cognito.options.js';

const BASE = { userPoolId: 'eu-central-1_AbC123', clientId: 'abc' };
const SECRET = 'a-very-secret-value-1234567890';

/** The message of the error `run` throws ('' when it throws none). */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('resolveCognitoOptions', () => {
  it('derives the region from the pool id and defaults the auth flow', () => {
    expect(resolveCognitoOptions({ userPoolId: 'eu-central-1_AbC123', clientId: 'abc' })).toMatchObject({
      region: 'eu-central-1',
      authFlow: 'USER_PASSWORD_AUTH',
    });
  });

  it('keeps an explicit region and trims a trailing slash off the endpoint', () => {
    expect(
      resolveCognitoOptions({
        userPoolId: 'eu-central-1_AbC123',
        clientId: 'abc',
        region: 'us-west-2',
        endpoint: 'http://127.0.0.1:9229/',
      }),
    ).toMatchObject({ region: 'us-west-2', endpoint: 'http://127.0.0.1:9229' });
  });

  it('refuses the REST extras of 0.1 (controller, adminController), naming where the REST API went', () => {
    for (const removed of ['controller', 'adminController']) {
      expect(() =>
        resolveCognitoOptions({
          userPoolId: 'eu-central-1_AbC123',
          clientId: 'abc',
          [removed]: true,
        } as never),
      ).toThrow(
        `${removed} is no longer an option: import CognitoRestModule.forRoot({ auth: true, admin: true }) from 'nest-cognito/rest'`,
      );
    }
  });

  it('names every problem in one error', () => {
    let message = '';
    try {
      resolveCognitoOptions({
        userPoolId: 'nope',
        clientId: '',
        endpoint: 'ftp://x',
        authFlow: 'SRP' as never,
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('userPoolId "nope" is not of the form <region>_<id>');
    expect(message).toContain('clientId is required');
    expect(message).toContain('endpoint "ftp://x" is not an http(s) URL');
    expect(message).toContain('authFlow must be one of');
  });

  it('refuses missing options', () => {
    expect(() => resolveCognitoOptions(undefined)).toThrow(
      /userPoolId is required[\s\S]*clientId is required/,
    );
  });

  it('resolves trusted pools with their clients, and their token use from verification by default', () => {
    const resolved = resolveCognitoOptions({
      ...BASE,
      verification: { tokenUse: 'any' },
      trustedPools: {
        partners: { userPoolId: 'us-east-1_Partner1', clientIds: ['p1', 'p2'] },
        'ops-team': { userPoolId: 'eu-west-1_Ops1', clientIds: ['o1'], tokenUse: 'access' },
      },
    });
    expect(resolved.trustedPools).toEqual([
      { name: 'partners', userPoolId: 'us-east-1_Partner1', clientIds: ['p1', 'p2'], tokenUse: 'any' },
      { name: 'ops-team', userPoolId: 'eu-west-1_Ops1', clientIds: ['o1'], tokenUse: 'access' },
    ]);
    expect(resolveCognitoOptions(BASE).trustedPools).toEqual([]);
  });

  it('refuses trusted pools that are misnamed, malformed or trusted twice, naming each', () => {
    const message = messageOf(() =>
      resolveCognitoOptions({
        ...BASE,
        trustedPools: {
          default: { userPoolId: 'us-east-1_Other1', clientIds: ['x'] },
          'bad name': { userPoolId: 'us-east-1_Other2', clientIds: ['x'] },
          again: { userPoolId: 'eu-central-1_AbC123', clientIds: ['x'] },
          nopool: { userPoolId: 'nope', clientIds: [] },
          twin1: { userPoolId: 'us-east-1_Twin1', clientIds: ['x'] },
          twin2: { userPoolId: 'us-east-1_Twin1', clientIds: ['x'], tokenUse: 'refresh' as never },
        },
      }),
    );
    expect(message).toContain('trustedPools.default: a pool name is 1-64 letters');
    expect(message).toContain('trustedPools.bad name: a pool name is 1-64 letters');
    expect(message).toContain('trustedPools.again.userPoolId eu-central-1_AbC123 is already trusted');
    expect(message).toContain('trustedPools.nopool.userPoolId must be of the form <region>_<id>');
    expect(message).toContain('trustedPools.nopool.clientIds must be a non-empty list of app client ids');
    expect(message).toContain('trustedPools.twin2.userPoolId us-east-1_Twin1 is already trusted');
    expect(message).toContain('trustedPools.twin2.tokenUse must be access, id or any');
    expect(messageOf(() => resolveCognitoOptions({ ...BASE, trustedPools: [] as never }))).toContain(
      'trustedPools must be an object of named pools',
    );
  });

  it('checks clientCredentials at boot, never quoting the secret', () => {
    expect(
      resolveCognitoOptions({ ...BASE, clientCredentials: { clientId: 'machine1', clientSecret: SECRET } })
        .clientCredentials,
    ).toEqual({ clientId: 'machine1', clientSecret: SECRET });
    const message = messageOf(() =>
      resolveCognitoOptions({
        ...BASE,
        clientCredentials: {
          clientId: 'not an id',
          clientSecret: '',
          scopes: ['api/read', 'two words'],
          tokenEndpoint: 'ftp://example.com/token',
          userPoolId: 'nope',
          refreshSkewSeconds: 3600,
          timeoutMs: 5,
        },
      }),
    );
    for (const problem of [
      'clientCredentials.clientId is required: 1-128 word characters',
      'clientCredentials.clientSecret is required: a non-empty string',
      'clientCredentials.scopes, when given, must be a non-empty list of scopes',
      'clientCredentials.tokenEndpoint must be an http(s) URL',
      'clientCredentials.userPoolId must be of the form <region>_<id>',
      'clientCredentials.refreshSkewSeconds must be a number from 0 to 600',
      'clientCredentials.timeoutMs must be a number from 100 to 60000',
    ]) {
      expect(message).toContain(problem);
    }
    const withSecret = messageOf(() =>
      resolveCognitoOptions({
        ...BASE,
        clientCredentials: { clientId: 'bad id', clientSecret: SECRET, scopes: [SECRET + ' x'] },
      }),
    );
    expect(withSecret).toContain('clientCredentials.clientId');
    expect(withSecret).not.toContain(SECRET);
    expect(messageOf(() => resolveCognitoOptions({ ...BASE, clientCredentials: 'x' as never }))).toContain(
      'clientCredentials must be an object { clientId, clientSecret }',
    );
  });

  it('new CognitoClientCredentials() checks its options, needs a pool or an endpoint, and hides the secret', () => {
    expect(
      messageOf(() => new CognitoClientCredentials({ clientId: 'machine1', clientSecret: SECRET })),
    ).toContain('tokenEndpoint or userPoolId is required');
    expect(
      messageOf(
        () => new CognitoClientCredentials({ clientId: 'm', clientSecret: SECRET, endpoint: 'nope' }),
      ),
    ).toContain('endpoint must be an http(s) URL');
    const client = new CognitoClientCredentials({
      clientId: 'machine1',
      clientSecret: SECRET,
      userPoolId: 'eu-central-1_AbC123',
    });
    expect(client.clientId).toBe('machine1');
    expect(inspect(client, { showHidden: true, depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(client)).not.toContain(SECRET);
    expect(inspect(client, { depth: 10 })).not.toContain(
      Buffer.from(`machine1:${SECRET}`).toString('base64'),
    );
  });
});
