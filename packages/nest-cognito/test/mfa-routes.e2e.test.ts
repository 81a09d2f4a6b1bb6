import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADAPTERS,
  type Answer,
  callApp as call,
  CapturedLogs,
  secretsKept,
  startApp,
  type TestApp,
  withRest,
} from './helpers.js';
import { type MfaCognito, PASSWORD, startMfaCognito } from './mfa-fixture.js';

// The MFA routes of the ready-made REST API on both adapters, against the emulator through the
// real AWS SDK: authenticator apps (setup, verification, preferences), every MFA challenge at
// sign-in and its answer, MFA_SETUP at sign-in, an administrator's view of a user's factors, the
// validation of every body, and no secret, code or session in any log line.

const VALIDATION = { statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(Array) };

describe.each(ADAPTERS)('MFA over REST on %s', (adapter) => {
  let cognito: MfaCognito;
  let optional: TestApp;
  let required: TestApp;
  const logs = new CapturedLogs();
  /** Every secret the run sees, by what it is: none may reach the logs. */
  const { secrets, keep } = secretsKept();
  let users = 0;
  const newEmail = (name: string) => `${name}-${++users}.${adapter}@example.com`;

  beforeAll(async () => {
    cognito = await startMfaCognito();
    optional = await startApp(
      adapter,
      withRest({ ...cognito.options('optional'), totpIssuer: 'Acme Shop' }, { auth: true, admin: true }),
      { logger: logs },
    );
    required = await startApp(adapter, withRest(cognito.options('required', 'srp')), { logger: logs });
  });
  afterAll(async () => {
    await optional?.close();
    await required?.close();
    await cognito?.stop();
  });

  /** A user signed in through the REST API: its email and access token. */
  async function signedIn(app: TestApp, pool: 'optional' | 'required', attributes = {}) {
    const email = await cognito.confirmedUser(pool, newEmail('user'), attributes);
    const answer = await call(app, 'POST', '/auth/sign-in', { email, password: PASSWORD });
    expect(answer.status).toBe(200);
    return { email, token: keep('access token', answer.body.accessToken as string) };
  }

  /** A user with an authenticator app set up, verified and preferred, through the routes. */
  async function totpUser() {
    const { email, token } = await signedIn(optional, 'optional');
    const setup = await call(optional, 'POST', '/auth/mfa/totp', undefined, token);
    const secret = keep('secret', setup.body.secret as string);
    expect(
      (
        await call(
          optional,
          'POST',
          '/auth/mfa/totp/verify',
          { code: keep('code', cognito.nextCode(secret)) },
          token,
        )
      ).status,
    ).toBe(204);
    expect((await call(optional, 'PUT', '/auth/mfa', { totp: true, preferred: 'TOTP' }, token)).status).toBe(
      204,
    );
    return { email, token, secret };
  }

  const signIn = async (app: TestApp, email: string) => {
    const answer = await call(app, 'POST', '/auth/sign-in', { email, password: PASSWORD });
    expect(answer.status).toBe(200);
    if (answer.body.session) keep('session', answer.body.session as string);
    return answer;
  };
  const respond = async (app: TestApp, body: Record<string, unknown>) => {
    const answer = await call(app, 'POST', '/auth/respond-to-challenge', body);
    if (answer.body?.session) keep('session', answer.body.session as string);
    if (answer.body?.accessToken) keep('access token', answer.body.accessToken as string);
    return answer;
  };
  const expectTokens = (answer: Answer) => {
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
  };

  describe('an authenticator app for a signed-in user', () => {
    it('POST /auth/mfa/totp: the secret, an otpauth URI with issuer and account, and an SVG QR code', async () => {
      const { email, token } = await signedIn(optional, 'optional');
      const answer = await call(optional, 'POST', '/auth/mfa/totp', undefined, token);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body).toEqual({
        secret: expect.stringMatching(/^[A-Z2-7]{32,}$/),
        uri: expect.any(String),
        qrCode: expect.any(String),
      });
      const { secret, uri, qrCode } = answer.body as { secret: string; uri: string; qrCode: string };
      keep('secret', secret);
      expect(uri).toBe(
        `otpauth://totp/Acme%20Shop:${encodeURIComponent(email)}?secret=${secret}&issuer=Acme%20Shop&algorithm=SHA1&digits=6&period=30`,
      );
      expect(qrCode).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1">/);
      expect(qrCode.endsWith('</svg>')).toBe(true);
      expect(openTags(qrCode)).toEqual([]);
      expect(qrCode).toMatch(/<path [^>]*d="M[\d,hvMz-]+"/);
      // The secret is in the URI the image encodes, never in the SVG as text.
      expect(qrCode).not.toContain(secret);
    });

    it('verify: a wrong code is 400 CODE_MISMATCH, a malformed one 400 VALIDATION_FAILED, the right one 204', async () => {
      const { token } = await signedIn(optional, 'optional');
      const verify = (body: unknown) => call(optional, 'POST', '/auth/mfa/totp/verify', body, token);
      // No app set up yet.
      expect(await verify({ code: '123456' })).toMatchObject({
        status: 400,
        body: { code: 'INVALID_PARAMETER' },
      });
      const { secret } = (await call(optional, 'POST', '/auth/mfa/totp', undefined, token)).body;
      keep('secret', secret);
      for (const body of [
        {},
        { code: 'abcdef' },
        { code: '12345' },
        { code: 123456 },
        { code: '123456', x: 1 },
      ]) {
        expect(await verify(body)).toMatchObject({ status: 400, body: VALIDATION });
      }
      expect(await verify({ code: cognito.wrongCode(secret) })).toMatchObject({
        status: 400,
        body: { statusCode: 400, code: 'CODE_MISMATCH' },
      });
      expect((await verify({ code: keep('code', cognito.nextCode(secret)), appName: 'Phone' })).status).toBe(
        204,
      );
      expect((await call(optional, 'POST', '/auth/mfa/totp/verify', { code: '123456' })).status).toBe(401);
    });

    it('GET and PUT /auth/mfa: enabled and preferred factors; a factor not set up is 400 INVALID_PARAMETER', async () => {
      const { token, secret } = await totpUser();
      expect(await call(optional, 'GET', '/auth/mfa', undefined, token)).toMatchObject({
        status: 200,
        body: { enabled: ['TOTP'], preferred: 'TOTP' },
      });
      expect(await call(optional, 'PUT', '/auth/mfa', { sms: true }, token)).toMatchObject({
        status: 400,
        body: { code: 'INVALID_PARAMETER' },
      });
      expect((await call(optional, 'PUT', '/auth/mfa', { preferred: null }, token)).status).toBe(204);
      expect((await call(optional, 'GET', '/auth/mfa', undefined, token)).body).toEqual({
        enabled: ['TOTP'],
        preferred: null,
      });
      for (const body of [
        {},
        { totp: 'yes' },
        { preferred: 'PUSH' },
        { preferred: 'SMS', sms: false },
        { totp: true, extra: 1 },
        [],
      ]) {
        expect(await call(optional, 'PUT', '/auth/mfa', body, token)).toMatchObject({
          status: 400,
          body: VALIDATION,
        });
      }
      expect((await call(optional, 'GET', '/auth/mfa')).status).toBe(401);
      keep('unused code', cognito.nextCode(secret));
    });
  });

  describe('/auth/sign-in answers each MFA challenge, /auth/respond-to-challenge takes its answer', () => {
    it('SOFTWARE_TOKEN_MFA: the app’s code; a wrong one is 400 CODE_MISMATCH', async () => {
      const { email, secret } = await totpUser();
      const challenge = await signIn(optional, email);
      expect(challenge.body).toEqual({
        challenge: 'SOFTWARE_TOKEN_MFA',
        session: expect.any(String),
        requiredAttributes: [],
      });
      const answer = { email, challenge: 'SOFTWARE_TOKEN_MFA', session: challenge.body.session };
      expect(await respond(optional, { ...answer, code: cognito.wrongCode(secret) })).toMatchObject({
        status: 400,
        body: { statusCode: 400, code: 'CODE_MISMATCH' },
      });
      expectTokens(await respond(optional, { ...answer, code: keep('code', cognito.nextCode(secret)) }));
    });

    it('SMS_MFA and EMAIL_OTP: where the code went, and the code from the outbox', async () => {
      const phone = '+15555550142';
      const { email, token } = await signedIn(optional, 'optional', { phone_number: phone });
      for (const [factor, challengeName, to] of [
        ['SMS', 'SMS_MFA', phone],
        ['EMAIL', 'EMAIL_OTP', email],
      ] as const) {
        expect((await call(optional, 'PUT', '/auth/mfa', { preferred: factor }, token)).status).toBe(204);
        const challenge = await signIn(optional, email);
        expect(challenge.body).toEqual({
          challenge: challengeName,
          session: expect.any(String),
          requiredAttributes: [],
          destination: expect.stringMatching(/\*/),
        });
        const code = keep('code', cognito.lastCode(to, 'MFA'));
        expectTokens(
          await respond(optional, { email, challenge: challengeName, session: challenge.body.session, code }),
        );
      }
    });

    it('SELECT_MFA_TYPE: the factors to choose from; the factor, then its code', async () => {
      const { email, token } = await signedIn(optional, 'optional', { phone_number: '+15555550143' });
      expect((await call(optional, 'PUT', '/auth/mfa', { sms: true, email: true }, token)).status).toBe(204);
      const choice = await signIn(optional, email);
      expect(choice.body).toMatchObject({ challenge: 'SELECT_MFA_TYPE', factors: ['SMS', 'EMAIL'] });
      const chosen = await respond(optional, {
        email,
        challenge: 'SELECT_MFA_TYPE',
        session: choice.body.session,
        factor: 'EMAIL',
      });
      expect(chosen).toMatchObject({
        status: 200,
        body: { challenge: 'EMAIL_OTP', destination: expect.any(String) },
      });
      const code = keep('code', cognito.lastCode(email, 'MFA'));
      expectTokens(
        await respond(optional, { email, challenge: 'EMAIL_OTP', session: chosen.body.session, code }),
      );
    });

    it('MFA_SETUP (MFA ON, SRP, client secret): /auth/sign-in/totp-setup with the session, then the first code', async () => {
      const email = await cognito.confirmedUser('required', newEmail('setup'));
      const challenge = await signIn(required, email);
      expect(challenge.body).toMatchObject({ challenge: 'MFA_SETUP', factors: ['TOTP'] });
      const setup = await call(required, 'POST', '/auth/sign-in/totp-setup', {
        email,
        session: challenge.body.session,
      });
      expect(setup).toMatchObject({
        status: 200,
        body: {
          secret: expect.any(String),
          session: expect.any(String),
          qrCode: expect.stringMatching(/^<svg /),
        },
      });
      expect(setup.headers.get('cache-control')).toBe('no-store');
      const { secret, session, uri } = setup.body as { secret: string; session: string; uri: string };
      keep('secret', secret);
      keep('session', session);
      expect(
        uri.startsWith(`otpauth://totp/Cognito:${encodeURIComponent(email)}?secret=${secret}&issuer=Cognito`),
      ).toBe(true);
      // The sign-in's session was spent by the setup.
      expect(
        await call(required, 'POST', '/auth/sign-in/totp-setup', { email, session: challenge.body.session }),
      ).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
      expect(
        await respond(required, { email, challenge: 'MFA_SETUP', session, code: cognito.wrongCode(secret) }),
      ).toMatchObject({ status: 400, body: { code: 'CODE_MISMATCH' } });
      expectTokens(
        await respond(required, {
          email,
          challenge: 'MFA_SETUP',
          session,
          code: keep('code', cognito.nextCode(secret)),
        }),
      );
      expect((await signIn(required, email)).body.challenge).toBe('SOFTWARE_TOKEN_MFA');
    });

    it('bad bodies are 400 with the validation shape, never 500', async () => {
      const session = 'A'.repeat(40);
      const email = 'bad@example.com';
      const bodies: unknown[] = [
        { email, session, challenge: 'SOFTWARE_TOKEN_MFA' },
        { email, session, challenge: 'SMS_MFA', code: 'abcdef' },
        { email, session, challenge: 'EMAIL_OTP', code: 123456 },
        { email, session, challenge: 'MFA_SETUP', code: '1234567890' },
        { email, session, challenge: 'SELECT_MFA_TYPE' },
        { email, session, challenge: 'SELECT_MFA_TYPE', factor: 'PUSH' },
        { email, session, challenge: 'SELECT_MFA_TYPE', factor: ['EMAIL'] },
        { email, session, challenge: 'NEW_PASSWORD_REQUIRED' },
        { email, session, challenge: 'CUSTOM_CHALLENGE', code: '123456' },
        { email, session, challenge: { name: 'SMS_MFA' }, code: '123456' },
        { email, session: 'short', challenge: 'SMS_MFA', code: '123456' },
        { email: 'not-an-email', session, challenge: 'SMS_MFA', code: '123456' },
        { email, session, challenge: 'SMS_MFA', code: '123456', extra: true },
        { session, challenge: 'SMS_MFA', code: '123456' },
      ];
      for (const body of bodies) {
        const answer = await call(optional, 'POST', '/auth/respond-to-challenge', body);
        expect({ body, status: answer.status, answer: answer.body }).toMatchObject({
          status: 400,
          answer: VALIDATION,
        });
      }
      for (const body of [
        { email },
        { session },
        { email, session: 1 },
        { email, session, code: '123456' },
      ]) {
        expect(await call(optional, 'POST', '/auth/sign-in/totp-setup', body)).toMatchObject({
          status: 400,
          body: VALIDATION,
        });
      }
      // Well-formed, but a session Cognito never gave: 401.
      expect(await call(optional, 'POST', '/auth/sign-in/totp-setup', { email, session })).toMatchObject({
        status: 401,
        body: { code: 'NOT_AUTHORIZED' },
      });
      expect(
        await call(optional, 'POST', '/auth/respond-to-challenge', {
          email,
          session,
          challenge: 'SMS_MFA',
          code: '123456',
        }),
      ).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
    });
  });

  describe('/admin/users/:username/mfa', () => {
    it('GET and PUT a user’s factors; unknown user 404, bad body 400, not an admin 403', async () => {
      const operator = await signedIn(optional, 'optional');
      await cognito.sdk.adminAddUserToGroup({
        UserPoolId: cognito.poolId('optional'),
        Username: operator.email,
        GroupName: 'admin',
      });
      const admin = keep(
        'admin token',
        (await call(optional, 'POST', '/auth/sign-in', { email: operator.email, password: PASSWORD })).body
          .accessToken as string,
      );
      const { email, token } = await signedIn(optional, 'optional', { phone_number: '+15555550144' });
      const path = `/admin/users/${encodeURIComponent(email)}/mfa`;
      expect(await call(optional, 'GET', path, undefined, admin)).toMatchObject({
        status: 200,
        body: { enabled: [], preferred: null },
      });
      expect((await call(optional, 'PUT', path, { sms: true, preferred: 'SMS' }, admin)).status).toBe(204);
      expect((await call(optional, 'GET', path, undefined, admin)).body).toEqual({
        enabled: ['SMS'],
        preferred: 'SMS',
      });
      expect((await signIn(optional, email)).body.challenge).toBe('SMS_MFA');
      expect(await call(optional, 'PUT', path, { totp: true }, admin)).toMatchObject({
        status: 400,
        body: { code: 'INVALID_PARAMETER' },
      });
      for (const body of [{}, { sms: 'on' }, { preferred: 'PUSH' }]) {
        expect(await call(optional, 'PUT', path, body, admin)).toMatchObject({
          status: 400,
          body: VALIDATION,
        });
      }
      const nobody = `/admin/users/${encodeURIComponent(newEmail('nobody'))}/mfa`;
      expect(await call(optional, 'GET', nobody, undefined, admin)).toMatchObject({
        status: 404,
        body: { code: 'USER_NOT_FOUND' },
      });
      expect(await call(optional, 'PUT', nobody, { sms: false }, admin)).toMatchObject({
        status: 404,
        body: { code: 'USER_NOT_FOUND' },
      });
      expect((await call(optional, 'GET', path, undefined, token)).status).toBe(403);
      expect((await call(optional, 'PUT', path, { sms: false }, token)).status).toBe(403);
      expect((await call(optional, 'GET', path)).status).toBe(401);
    });
  });

  it('no secret, code, session or token in any log line (every level)', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(20);
    expect(logs.leaked(secrets)).toEqual([]);
  });
});

/** The tags of an SVG left open (empty when every tag is closed in order). */
function openTags(svg: string): string[] {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return ['mismatched ' + name];
  }
  return open;
}
