import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { MAX_BODY_BYTES } from '../src/server.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection, wire } from './helpers.js';
import { contextOf } from '../src/start.js';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

describe('operation lookup finds only real operations', () => {
  it('answers UnknownOperationException to every Object.prototype name, signed or not', async () => {
    expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(['constructor', 'toString', '__proto__']));
    for (const name of PROTOTYPE_NAMES) {
      for (const signed of [false, true]) {
        const answer = await wire(emulator.endpoint, name, {}, { signed });
        expect({ name, signed, status: answer.status, type: answer.type, body: answer.body }).toEqual({
          name,
          signed,
          status: 400,
          type: 'UnknownOperationException',
          body: { __type: 'UnknownOperationException', message: 'Unknown operation.' },
        });
      }
    }
  });
});

describe('CORS: only loopback origins by default', () => {
  const FOREIGN = 'https://evil.example';
  const LOCAL_SPA = 'http://localhost:5173';

  it('refuses a foreign origin on POST /, the outbox and the preflight, with no CORS allow headers', async () => {
    const post = await wire(
      emulator.endpoint,
      'ListUserPools',
      { MaxResults: 1 },
      {
        signed: true,
        headers: { origin: FOREIGN },
      },
    );
    expect(post.status).toBe(403);
    expect(post.type).toBe('AccessDeniedException');
    expect(post.headers.get('access-control-allow-origin')).toBeNull();

    const outbox = await fetch(`${emulator.endpoint}/_emulator/messages`, { headers: { origin: FOREIGN } });
    expect(outbox.status).toBe(403);
    expect(outbox.headers.get('access-control-allow-origin')).toBeNull();
    expect(await outbox.json()).not.toBeInstanceOf(Array);

    const preflight = await fetch(emulator.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: FOREIGN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,authorization',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('refuses look-alikes of loopback origins', async () => {
    for (const origin of [
      'http://localhost.evil.example',
      'http://127.0.0.1.evil.example',
      'null',
      'file://',
    ]) {
      const answer = await fetch(`${emulator.endpoint}/_emulator/messages`, { headers: { origin } });
      expect({ origin, status: answer.status }).toEqual({ origin, status: 403 });
    }
  });

  it('allows a local SPA (localhost, 127.0.0.0/8, [::1], any port), reflecting its origin with Vary: Origin', async () => {
    for (const origin of [LOCAL_SPA, 'http://127.0.0.1:3000', 'https://127.1.2.3', 'http://[::1]:8080']) {
      const preflight = await fetch(emulator.endpoint, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-target');
      expect(preflight.headers.get('vary')).toBe('Origin');
      const outbox = await fetch(`${emulator.endpoint}/_emulator/messages`, { headers: { origin } });
      expect(outbox.status).toBe(200);
      expect(outbox.headers.get('access-control-allow-origin')).toBe(origin);
    }
    const post = await wire(emulator.endpoint, 'SignUp', {}, { headers: { origin: LOCAL_SPA } });
    expect(post.status).toBe(400);
    expect(post.headers.get('access-control-allow-origin')).toBe(LOCAL_SPA);
    expect(post.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
  });

  it('serves the public keys to any origin', async () => {
    const { poolId } = await emailPool(cognito);
    const jwks = await fetch(`${emulator.endpoint}/${poolId}/.well-known/jwks.json`, {
      headers: { origin: FOREIGN },
    });
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('allows configured origins (corsOrigins, --cors-origin), and any with *', async () => {
    const configured = await startEmulator({ port: 0, corsOrigins: ['https://app.example.test'] });
    const any = await startEmulator({ port: 0, corsOrigins: ['*'] });
    try {
      const allowed = await fetch(`${configured.endpoint}/_emulator/messages`, {
        headers: { origin: 'https://app.example.test' },
      });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
      const local = await fetch(`${configured.endpoint}/_emulator/messages`, {
        headers: { origin: LOCAL_SPA },
      });
      expect(local.status).toBe(200);
      const other = await fetch(`${configured.endpoint}/_emulator/messages`, {
        headers: { origin: FOREIGN },
      });
      expect(other.status).toBe(403);
      const star = await fetch(`${any.endpoint}/_emulator/messages`, { headers: { origin: FOREIGN } });
      expect(star.status).toBe(200);
      expect(star.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await configured.stop();
      await any.stop();
    }
    await expect(startEmulator({ port: 0, corsOrigins: ['https://app.test/path'] })).rejects.toThrow(
      /Not an origin/,
    );
  });
});

describe('bad input is a 4xx in AWS’s shape, never a 500', () => {
  it('a JSON null member is absent: SignUp without a password, AdminCreateUser with a generated one', async () => {
    const { clientId, poolId } = await emailPool(cognito);
    const signUp = await wire(emulator.endpoint, 'SignUp', {
      ClientId: clientId,
      Username: 'nullpass@example.com',
      Password: null,
    });
    expect(signUp.status).toBe(400);
    expect(signUp.type).toBe('InvalidParameterException');
    const created = await wire(
      emulator.endpoint,
      'AdminCreateUser',
      { UserPoolId: poolId, Username: 'nulltemp@example.com', TemporaryPassword: null, MessageAction: null },
      { signed: true },
    );
    expect(created.status).toBe(200);
    expect(emulator.messages({ to: 'nulltemp@example.com' })).toHaveLength(0);
  });

  it('a null map entry is absent too (amazon-cognito-identity-js sends DEVICE_KEY: null on a retry)', async () => {
    const { clientId } = await emailPool(cognito);
    const answer = await wire(emulator.endpoint, 'InitiateAuth', {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'nobody@example.com', PASSWORD: null },
    });
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD',
    });
  });

  it('checks the JSON type of nested members against the API model: SerializationException', async () => {
    const { clientId } = await emailPool(cognito);
    const cases: [unknown, string][] = [
      [{ UserAttributes: [{ Name: 'name', Value: 7 }] }, 'NUMBER_VALUE can not be converted to a String'],
      [{ UserAttributes: [{ Name: ['x'] }] }, 'Start of list found where not expected'],
      [{ UserAttributes: { Name: 'x' } }, 'Start of structure or map found where not expected.'],
      [{ UserAttributes: ['x'] }, 'STRING_VALUE can not be converted to a Structure'],
      [{ ClientMetadata: { k: 1 } }, 'NUMBER_VALUE can not be converted to a String'],
      [
        { AnalyticsMetadata: { AnalyticsEndpointId: true } },
        'BOOLEAN_VALUE can not be converted to a String',
      ],
      [{ Password: { toString: 'x' } }, 'Start of structure or map found where not expected.'],
    ];
    for (const [extra, message] of cases) {
      const answer = await wire(emulator.endpoint, 'SignUp', {
        ClientId: clientId,
        Username: 'types@example.com',
        Password: PASSWORD,
        ...(extra as object),
      });
      expect({ extra, status: answer.status, type: answer.type, body: answer.body }).toEqual({
        extra,
        status: 400,
        type: 'SerializationException',
        body: { __type: 'SerializationException', message },
      });
    }
    const limit = await wire(emulator.endpoint, 'ListUserPools', { MaxResults: '10' }, { signed: true });
    expect(limit.body).toEqual({
      __type: 'SerializationException',
      message: 'STRING_VALUE can not be converted to a Number',
    });
  });

  it('refuses ill-formed Unicode (a lone surrogate) in any string, never echoing it', async () => {
    const { clientId } = await emailPool(cognito);
    // Two passwords that UTF-8 would both turn into U+FFFD must not both be accepted as one.
    const body = `{"ClientId":"${clientId}","Username":"lone@example.com","Password":"Passw0rd!\\ud800"}`;
    const answer = await wire(emulator.endpoint, 'SignUp', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must be well-formed Unicode",
    });
    const nested = await wire(
      emulator.endpoint,
      'SignUp',
      `{"ClientId":"${clientId}","Username":"lone@example.com","Password":"${PASSWORD}","UserAttributes":[{"Name":"name","Value":"\\udc00"}],"ClientMetadata":{"\\ud800":"x"}}`,
    );
    expect(nested.body.message).toBe(
      "2 validation errors detected: Value at 'userAttributes.1.member.value' failed to satisfy constraint: Member must be well-formed Unicode; Value at 'clientMetadata' failed to satisfy constraint: Member must be well-formed Unicode",
    );
    // Paired surrogates (emoji) are fine.
    const emoji = await wire(emulator.endpoint, 'SignUp', {
      ClientId: clientId,
      Username: 'emoji@example.com',
      Password: `${PASSWORD}😀`,
    });
    expect(emoji.status).toBe(200);
  });

  it('refuses attribute names that are Object.prototype members as not in the schema', async () => {
    const { clientId } = await emailPool(cognito);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const answer = await wire(emulator.endpoint, 'SignUp', {
        ClientId: clientId,
        Username: `${name.replace(/_/g, '')}@example.com`,
        Password: PASSWORD,
        UserAttributes: [{ Name: name, Value: 'x' }],
      });
      expect({ name, status: answer.status, body: answer.body }).toEqual({
        name,
        status: 400,
        body: {
          __type: 'InvalidParameterException',
          message: `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
        },
      });
    }
  });

  it('requires application/x-amz-json-1.1 (or application/json) on POST /', async () => {
    const { clientId } = await emailPool(cognito);
    const body = { ClientId: clientId, Username: 'ct@example.com', Password: PASSWORD };
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      '',
    ]) {
      const answer = await wire(emulator.endpoint, 'SignUp', body, {
        headers: { 'content-type': contentType },
      });
      expect({ contentType, status: answer.status, body: answer.body }).toEqual({
        contentType,
        status: 415,
        body: {
          __type: 'SerializationException',
          message: 'Unsupported Content-Type; send application/x-amz-json-1.1.',
        },
      });
    }
    const json = await wire(emulator.endpoint, 'SignUp', body, {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(json.status).toBe(200);
  });

  it('answers odd request targets (//, absolute-form) without failing', async () => {
    const url = new URL(emulator.endpoint);
    for (const path of ['//', '//evil.example/_emulator/messages', `http://${url.host}/_emulator/health`]) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, method: 'GET', path });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end();
      });
      expect({ path, status }).toEqual({ path, status: path.startsWith('http') ? 200 : 404 });
    }
  });

  it('answers a body over 1 MiB with 413 in AWS’s shape, and keeps serving', async () => {
    const huge = JSON.stringify({ ClientId: 'x', Username: 'y', Password: 'z'.repeat(MAX_BODY_BYTES) });
    const answer = await wire(emulator.endpoint, 'SignUp', huge);
    expect(answer.status).toBe(413);
    expect(answer.type).toBe('SerializationException');
    expect(answer.body).toEqual({
      __type: 'SerializationException',
      message: `Request body is larger than ${MAX_BODY_BYTES} bytes.`,
    });
    // A much larger body sent slowly over a raw connection gets the answer too.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${emulator.endpoint}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 8 * MAX_BODY_BYTES) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    const health = await fetch(`${emulator.endpoint}/_emulator/health`);
    expect(health.status).toBe(200);
  });
});

describe('ForgotPassword does the same work for an unknown user (PreventUserExistenceErrors ENABLED)', () => {
  it('runs the same statements, rolled back instead of committed, and leaves nothing behind', async () => {
    const email = 'forgetful@example.com';
    const pool = await emailPool(cognito, { preventUserExistenceErrors: 'ENABLED' });
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: email,
      TemporaryPassword: PASSWORD,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
      MessageAction: 'SUPPRESS',
    });
    const known = await statementsOf(() =>
      cognito.forgotPassword({ ClientId: pool.clientId, Username: email }),
    );
    const messagesBefore = emulator.messages().length;
    const unknown = await statementsOf(() =>
      cognito.forgotPassword({ ClientId: pool.clientId, Username: 'nobody@example.com' }),
    );
    expect(unknown.statements).toContain('INSERT INTO codes');
    expect(unknown.statements).toContain('INSERT INTO messages');
    // The same statements in the same order; only the last word differs.
    expect(unknown.statements.slice(0, -1)).toEqual(known.statements.slice(0, -1));
    expect([known.statements.at(-1), unknown.statements.at(-1)]).toEqual(['COMMIT', 'ROLLBACK']);
    expect(unknown.answer.CodeDeliveryDetails).toMatchObject({
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    expect(emulator.messages().length).toBe(messagesBefore);
    expect(emulator.messages({ to: 'nobody@example.com' })).toEqual([]);
    const codes = contextOf(emulator)
      .db.prepare('SELECT COUNT(*) AS n FROM codes WHERE pool_id = ?')
      .get(pool.poolId) as {
      n: number;
    };
    expect(codes.n).toBe(1);
  });
});

/** The SQL statements (their first words) the emulator prepares or executes while `call` runs. */
async function statementsOf<T>(call: () => Promise<T>): Promise<{ statements: string[]; answer: T }> {
  const db = contextOf(emulator).db;
  const statements: string[] = [];
  const record = (sql: string) =>
    statements.push(sql.replace(/\s+/g, ' ').trim().split(' ').slice(0, 3).join(' '));
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  db.prepare = ((sql: string) => {
    record(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  db.exec = ((sql: string) => {
    record(sql);
    return exec(sql);
  }) as typeof db.exec;
  try {
    const answer = await call();
    return { statements, answer };
  } finally {
    db.prepare = prepare;
    db.exec = exec;
  }
}

it('rejects nothing it should accept: a real sign-up and sign-in still work', async () => {
  const { clientId, poolId } = await emailPool(cognito);
  await cognito.signUp({ ClientId: clientId, Username: 'works@example.com', Password: PASSWORD });
  await cognito.adminConfirmSignUp({ UserPoolId: poolId, Username: 'works@example.com' });
  const { AuthenticationResult } = await cognito.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: 'works@example.com', PASSWORD },
  });
  expect(AuthenticationResult?.AccessToken).toBeDefined();
  expect(await rejection(cognito.getUser({ AccessToken: 'x.y.z' }))).toMatchObject({
    name: 'NotAuthorizedException',
  });
});
