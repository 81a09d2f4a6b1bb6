/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is read as plain JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from 'nest-cognito/testing';
import { get, post, put, startTestServer, type TestServer } from './server.js';

const PASSWORD = 'Correct-horse-9';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function signedInUser(email: string) {
  await post(`${server.url}/auth/sign-up`, { email, password: PASSWORD });
  await post(`${server.url}/auth/confirm-sign-up`, { email, code: server.codeFor(email) });
  const signIn = await post(`${server.url}/auth/sign-in`, { email, password: PASSWORD });
  return signIn.body as { accessToken: string; idToken: string };
}

describe('the reference server over HTTP, on the embedded emulator', () => {
  it('is healthy and documents every route with examples of its success and errors', async () => {
    expect(await get(`${server.url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const openApi = await get(`${server.url}/docs-json`);
    expect(openApi.status).toBe(200);
    const paths = openApi.body.paths as Record<string, Record<string, { responses: Record<string, any> }>>;
    const routes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !r.includes(' /admin')).sort()).toEqual(
      [
        'DELETE /auth/devices/{deviceKey}',
        'DELETE /auth/me',
        'DELETE /auth/passkeys/{credentialId}',
        'GET /auth/devices',
        'GET /auth/factors',
        'GET /auth/me',
        'GET /auth/mfa',
        'GET /auth/passkeys',
        'GET /health',
        'GET /health/ready',
        'PATCH /auth/me',
        'POST /auth/change-password',
        'POST /auth/confirm-forgot-password',
        'POST /auth/confirm-sign-up',
        'POST /auth/forgot-password',
        'POST /auth/mfa/totp',
        'POST /auth/mfa/totp/verify',
        'POST /auth/passkeys',
        'POST /auth/passkeys/registration',
        'POST /auth/refresh',
        'POST /auth/resend-confirmation-code',
        'POST /auth/respond-to-challenge',
        'POST /auth/sign-in',
        'POST /auth/sign-in/custom',
        'POST /auth/sign-in/passwordless',
        'POST /auth/sign-in/totp-setup',
        'POST /auth/sign-out',
        'POST /auth/sign-up',
        'POST /auth/verify-attribute',
        'PUT /auth/devices/{deviceKey}',
        'PUT /auth/mfa',
      ].sort(),
    );
    expect(routes.filter((r) => r.includes(' /admin')).sort()).toEqual(
      [
        'DELETE /admin/groups/{name}',
        'DELETE /admin/users/{username}',
        'DELETE /admin/users/{username}/devices/{deviceKey}',
        'DELETE /admin/users/{username}/groups/{group}',
        'GET /admin/groups',
        'GET /admin/users',
        'GET /admin/users/{username}',
        'GET /admin/users/{username}/devices',
        'GET /admin/users/{username}/factors',
        'GET /admin/users/{username}/groups',
        'GET /admin/users/{username}/mfa',
        'PATCH /admin/users/{username}',
        'POST /admin/groups',
        'POST /admin/users',
        'POST /admin/users/{username}/disable',
        'POST /admin/users/{username}/enable',
        'POST /admin/users/{username}/reset-password',
        'POST /admin/users/{username}/sign-out',
        'PUT /admin/email-templates',
        'PUT /admin/users/{username}/groups/{group}',
        'PUT /admin/users/{username}/mfa',
        'PUT /admin/users/{username}/password',
      ].sort(),
    );
    for (const [path, methods] of Object.entries(paths)) {
      if (!path.startsWith('/auth') && !path.startsWith('/admin')) continue;
      for (const [method, operation] of Object.entries(methods)) {
        const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
        expect(errors.length, `${method} ${path} documents its errors`).toBeGreaterThan(0);
        for (const [status, response] of errors) {
          const examples = response.content['application/json'].examples as Record<string, { value: object }>;
          expect(Object.keys(examples).length, `${method} ${path} ${status}`).toBeGreaterThan(0);
          for (const example of Object.values(examples)) {
            expect(example.value).toMatchObject({ statusCode: Number(status), code: expect.any(String) });
          }
        }
      }
    }
  });

  it('documents the errors of the MFA routes by their codes', async () => {
    const paths = (await get(`${server.url}/docs-json`)).body.paths as Record<
      string,
      Record<string, { responses: Record<string, any> }>
    >;
    const codesOf = (path: string, method: string) =>
      Object.values(paths[path]![method]!.responses).flatMap((response: any) =>
        Object.values(response.content?.['application/json']?.examples ?? {}).map(
          (example: any) => `${example.value.statusCode} ${example.value.code}`,
        ),
      );
    expect(codesOf('/auth/respond-to-challenge', 'post')).toEqual(
      expect.arrayContaining([
        '400 CODE_MISMATCH',
        '400 VALIDATION_FAILED',
        '401 NOT_AUTHORIZED',
        '400 INVALID_PARAMETER',
      ]),
    );
    expect(codesOf('/auth/sign-in', 'post')).toContain('400 MFA_METHOD_NOT_FOUND');
    expect(codesOf('/auth/sign-in/totp-setup', 'post')).toEqual(
      expect.arrayContaining(['400 VALIDATION_FAILED', '401 NOT_AUTHORIZED', '400 MFA_METHOD_NOT_FOUND']),
    );
    expect(codesOf('/auth/mfa/totp', 'post')).toEqual(
      expect.arrayContaining(['401 INVALID_TOKEN', '400 MFA_METHOD_NOT_FOUND']),
    );
    expect(codesOf('/auth/mfa/totp/verify', 'post')).toEqual(
      expect.arrayContaining(['401 INVALID_TOKEN', '400 CODE_MISMATCH', '400 INVALID_PARAMETER']),
    );
    expect(codesOf('/auth/mfa', 'put')).toEqual(
      expect.arrayContaining(['401 INVALID_TOKEN', '400 VALIDATION_FAILED', '400 INVALID_PARAMETER']),
    );
    expect(codesOf('/auth/mfa', 'get')).toContain('401 INVALID_TOKEN');
    expect(codesOf('/admin/users/{username}/mfa', 'put')).toEqual(
      expect.arrayContaining(['403 FORBIDDEN', '404 USER_NOT_FOUND', '400 INVALID_PARAMETER']),
    );
    expect(codesOf('/admin/users/{username}/mfa', 'get')).toEqual(
      expect.arrayContaining(['401 INVALID_TOKEN', '403 FORBIDDEN', '404 USER_NOT_FOUND']),
    );
  });

  it('documents the errors of the passwordless and passkey routes by their codes', async () => {
    const paths = (await get(`${server.url}/docs-json`)).body.paths as Record<
      string,
      Record<string, { responses: Record<string, any> }>
    >;
    const codesOf = (path: string, method: string) =>
      Object.values(paths[path]![method]!.responses).flatMap((response: any) =>
        Object.values(response.content?.['application/json']?.examples ?? {}).map(
          (example: any) => `${example.value.statusCode} ${example.value.code}`,
        ),
      );
    expect(codesOf('/auth/sign-in/passwordless', 'post')).toEqual(
      expect.arrayContaining(['400 VALIDATION_FAILED', '401 NOT_AUTHORIZED', '502 CLIENT_MISCONFIGURED']),
    );
    expect(codesOf('/auth/passkeys/registration', 'post')).toEqual(
      expect.arrayContaining(['401 INVALID_TOKEN', '400 WEB_AUTHN_NOT_ENABLED']),
    );
    expect(codesOf('/auth/passkeys', 'post')).toEqual(
      expect.arrayContaining([
        '400 WEB_AUTHN_CHALLENGE_NOT_FOUND',
        '400 WEB_AUTHN_ORIGIN_NOT_ALLOWED',
        '400 WEB_AUTHN_RELYING_PARTY_MISMATCH',
        '400 WEB_AUTHN_CREDENTIAL_NOT_SUPPORTED',
        '400 WEB_AUTHN_CLIENT_MISMATCH',
      ]),
    );
    expect(codesOf('/auth/passkeys/{credentialId}', 'delete')).toContain('404 RESOURCE_NOT_FOUND');
    expect(codesOf('/admin/users/{username}/factors', 'get')).toEqual(
      expect.arrayContaining(['403 FORBIDDEN', '404 USER_NOT_FOUND']),
    );
    expect(codesOf('/auth/sign-in/custom', 'post')).toEqual(
      expect.arrayContaining([
        '400 VALIDATION_FAILED',
        '401 NOT_AUTHORIZED',
        '400 REJECTED_BY_TRIGGER',
        '502 TRIGGER_FAILED',
        '502 POOL_MISCONFIGURED',
        '502 CLIENT_MISCONFIGURED',
      ]),
    );
    expect(codesOf('/auth/respond-to-challenge', 'post')).toEqual(
      expect.arrayContaining(['400 REJECTED_BY_TRIGGER', '502 TRIGGER_FAILED', '502 POOL_MISCONFIGURED']),
    );
    const challenge = (await get(`${server.url}/docs-json`)).body.components.schemas.ChallengeDto;
    expect(Object.keys(challenge.properties)).toEqual(
      expect.arrayContaining(['choices', 'credentialRequestOptions', 'parameters']),
    );
    expect(challenge.properties.challenge.enum).toContain('CUSTOM_CHALLENGE');
  });

  it('the embedded pool: a code by email signs a user in without a password (SRP client with a secret)', async () => {
    const email = 'passwordless@example.com';
    await signedInUser(email);
    const challenge = await post(`${server.url}/auth/sign-in/passwordless`, { email, factor: 'EMAIL_OTP' });
    expect(challenge.body).toMatchObject({ challenge: 'EMAIL_OTP', destination: 'p***@e***' });
    const tokens = await post(`${server.url}/auth/respond-to-challenge`, {
      email,
      challenge: 'EMAIL_OTP',
      session: challenge.body.session,
      code: server.codeFor(email),
    });
    expect(tokens).toMatchObject({ status: 200, body: { accessToken: expect.any(String) } });
    const factors = await get(`${server.url}/auth/factors`, {
      authorization: `Bearer ${tokens.body.accessToken}`,
    });
    expect(factors.body).toMatchObject({ factors: ['PASSWORD', 'EMAIL_OTP'] });
    const choice = await post(`${server.url}/auth/sign-in/passwordless`, { email });
    expect(choice.body).toMatchObject({
      challenge: 'SELECT_CHALLENGE',
      choices: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    });
    const srp = await post(`${server.url}/auth/respond-to-challenge`, {
      email,
      challenge: 'SELECT_CHALLENGE',
      session: choice.body.session,
      choice: 'PASSWORD_SRP',
      password: PASSWORD,
    });
    expect(srp).toMatchObject({ status: 200, body: { accessToken: expect.any(String) } });
  });

  it('an authenticator app: set up (QR code), verified, preferred, then asked for at sign-in (SRP, client secret)', async () => {
    const email = 'mfa@example.com';
    const { accessToken } = await signedInUser(email);
    const auth = { authorization: `Bearer ${accessToken}` };
    const setup = await post(`${server.url}/auth/mfa/totp`, undefined, auth);
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    expect(setup.body.uri).toBe(
      `otpauth://totp/Cognito:${encodeURIComponent(email)}?secret=${secret}&issuer=Cognito&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.body.qrCode).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
    expect((await post(`${server.url}/auth/mfa/totp/verify`, { code: totp(secret) }, auth)).status).toBe(204);
    expect((await put(`${server.url}/auth/mfa`, { totp: true, preferred: 'TOTP' }, auth)).status).toBe(204);
    expect((await get(`${server.url}/auth/mfa`, auth)).body).toEqual({
      enabled: ['TOTP'],
      preferred: 'TOTP',
    });

    const challenge = await post(`${server.url}/auth/sign-in`, { email, password: PASSWORD });
    expect(challenge.body).toEqual({
      challenge: 'SOFTWARE_TOKEN_MFA',
      session: expect.any(String),
      requiredAttributes: [],
    });
    const answer = { email, challenge: 'SOFTWARE_TOKEN_MFA', session: challenge.body.session };
    // A code older than the one that verified the app is refused; the next step's is within Cognito's drift.
    expect(
      await post(`${server.url}/auth/respond-to-challenge`, {
        ...answer,
        code: totp(secret, Date.now() - 60_000),
      }),
    ).toMatchObject({
      status: 400,
      body: { code: 'CODE_MISMATCH' },
    });
    const tokens = await post(`${server.url}/auth/respond-to-challenge`, {
      ...answer,
      code: totp(secret, Date.now() + 30_000),
    });
    expect(tokens).toMatchObject({
      status: 200,
      body: { accessToken: expect.any(String), tokenType: 'Bearer' },
    });
  });

  it('signs up, confirms with the emailed code, signs in and reads /auth/me', async () => {
    const signUp = await post(`${server.url}/auth/sign-up`, {
      email: 'ada@example.com',
      password: PASSWORD,
      name: 'Ada',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body).toEqual({
      userSub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userConfirmed: false,
      codeDelivery: { destination: 'a***@e***', medium: 'EMAIL', attribute: 'email' },
    });

    const confirm = await post(`${server.url}/auth/confirm-sign-up`, {
      email: 'ada@example.com',
      code: server.codeFor('ada@example.com'),
    });
    expect(confirm.status).toBe(204);

    const signIn = await post(`${server.url}/auth/sign-in`, { email: 'ada@example.com', password: PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });

    const me = await get(`${server.url}/auth/me`, { authorization: `Bearer ${signIn.body.accessToken}` });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      sub: signUp.body.userSub,
      username: signUp.body.userSub,
      email: 'ada@example.com',
      emailVerified: true,
      groups: [],
      attributes: { sub: signUp.body.userSub, email: 'ada@example.com', email_verified: 'true', name: 'Ada' },
    });
  });

  it('answers 401 with a stable code for no token, a garbage token and an ID token', async () => {
    const { idToken } = await signedInUser('bo@example.com');
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer garbage' },
      { authorization: 'Bearer aaa.bbb.ccc' },
      { authorization: `Bearer ${idToken}` },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    ];
    for (const headers of attempts) {
      const response = await get(`${server.url}/auth/me`, headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'INVALID_TOKEN', message: expect.any(String) });
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
  });

  it('answers 400 listing every problem of a bad body, without echoing values', async () => {
    const response = await post(`${server.url}/auth/sign-up`, {
      email: 'not-an-email',
      password: 42,
      extra: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        'email must be an email',
        'password must be a string',
      ]),
    );
    expect(JSON.stringify(response.body)).not.toContain('not-an-email');
  });

  it('maps Cognito errors to precise statuses and codes', async () => {
    const weak = await post(`${server.url}/auth/sign-up`, {
      email: 'cy@example.com',
      password: 'weakpassword',
    });
    expect(weak).toMatchObject({ status: 400, body: { code: 'INVALID_PASSWORD' } });

    await post(`${server.url}/auth/sign-up`, { email: 'cy@example.com', password: PASSWORD });
    const again = await post(`${server.url}/auth/sign-up`, { email: 'cy@example.com', password: PASSWORD });
    expect(again).toMatchObject({ status: 409, body: { statusCode: 409, code: 'USERNAME_EXISTS' } });

    const unconfirmed = await post(`${server.url}/auth/sign-in`, {
      email: 'cy@example.com',
      password: PASSWORD,
    });
    expect(unconfirmed).toMatchObject({ status: 403, body: { code: 'USER_NOT_CONFIRMED' } });

    const code = server.codeFor('cy@example.com');
    const wrongCode = await post(`${server.url}/auth/confirm-sign-up`, {
      email: 'cy@example.com',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrongCode).toMatchObject({ status: 400, body: { code: 'CODE_MISMATCH' } });
  });

  it('fails sign-in alike for an unknown email and a wrong password', async () => {
    await signedInUser('di@example.com');
    const wrong = await post(`${server.url}/auth/sign-in`, {
      email: 'di@example.com',
      password: 'Wrong-horse-9',
    });
    const unknown = await post(`${server.url}/auth/sign-in`, {
      email: 'nobody@example.com',
      password: PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual({ ...wrong, headers: unknown.headers });
    expect(wrong.body).toEqual({
      statusCode: 401,
      code: 'NOT_AUTHORIZED',
      message: 'Incorrect username or password.',
    });
  });
});
