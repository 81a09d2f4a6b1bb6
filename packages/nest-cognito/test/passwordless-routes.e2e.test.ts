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
import {
  type ChoiceCognito,
  createPasskey,
  PASSWORD,
  signWithPasskey,
  SoftwareAuthenticator,
  startChoiceCognito,
} from './passwordless-fixture.js';

// Passwordless sign-in and passkeys through the ready-made REST API on both adapters, against the
// emulator over the real AWS SDK (a software authenticator in place of the browser): the start of
// each factor, every answer at /auth/respond-to-challenge, pools that do not allow it, the passkey
// routes, the factors of a user and an administrator's view, every bad body a 400, parallel answers
// of one session, and no code, session, credential or token in any log line.

const VALIDATION = { statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(Array) };

describe.each(ADAPTERS)('passwordless and passkeys over REST on %s', (adapter) => {
  let cognito: ChoiceCognito;
  let choice: TestApp;
  let passwordOnly: TestApp;
  let noUserAuth: TestApp;
  const logs = new CapturedLogs();
  const { secrets, keep } = secretsKept();
  const newEmail = (tag: string) => cognito.newEmail(`${tag}.${adapter}`);

  beforeAll(async () => {
    cognito = await startChoiceCognito();
    choice = await startApp(adapter, withRest(cognito.options('choice'), { auth: true, admin: true }), {
      logger: logs,
    });
    passwordOnly = await startApp(adapter, withRest(cognito.options('password-only')), { logger: logs });
    noUserAuth = await startApp(adapter, withRest(cognito.options('no-user-auth')), { logger: logs });
  });
  afterAll(async () => {
    await choice?.close();
    await passwordOnly?.close();
    await noUserAuth?.close();
    await cognito?.stop();
  });

  const start = async (app: TestApp, body: unknown) => {
    const answer = await call(app, 'POST', '/auth/sign-in/passwordless', body);
    if (answer.body?.session) keep('session', answer.body.session as string);
    return answer;
  };
  const respond = async (body: Record<string, unknown>, app = choice) => {
    const answer = await call(app, 'POST', '/auth/respond-to-challenge', body);
    if (answer.body?.session) keep('session', answer.body.session as string);
    if (answer.body?.accessToken) keep('access token', answer.body.accessToken as string);
    if (answer.body?.refreshToken) keep('refresh token', answer.body.refreshToken as string);
    return answer;
  };
  const expectTokens = (answer: Answer) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    return answer.body.accessToken as string;
  };
  /** A user signed in with its password through the REST API. */
  const signedIn = async (app = choice, pool: 'choice' | 'password-only' = 'choice') => {
    const { email } = await cognito.user(pool, newEmail('user'));
    const answer = await call(app, 'POST', '/auth/sign-in', { email, password: PASSWORD });
    expect(answer.status).toBe(200);
    return { email, token: keep('access token', answer.body.accessToken as string) };
  };
  /** A passkey registered through the routes for a signed-in user. */
  const registerPasskey = async (token: string, authenticator: SoftwareAuthenticator) => {
    const started = await call(choice, 'POST', '/auth/passkeys/registration', undefined, token);
    expect(started.status).toBe(200);
    const credential = createPasskey(authenticator, started.body.options);
    expect((await call(choice, 'POST', '/auth/passkeys', { credential }, token)).status).toBe(201);
    return credential.id;
  };

  describe('POST /auth/sign-in/passwordless, then /auth/respond-to-challenge', () => {
    it('EMAIL_OTP: the masked email, the code from the outbox, tokens that open a guarded route', async () => {
      const { email } = await cognito.user('choice', newEmail('otp'));
      const challenge = await start(choice, { email, factor: 'EMAIL_OTP' });
      expect(challenge).toMatchObject({ status: 200 });
      expect(challenge.body).toEqual({
        challenge: 'EMAIL_OTP',
        session: expect.any(String),
        requiredAttributes: [],
        destination: `${email[0]}***@e***`,
      });
      const code = keep('code', cognito.lastCode(email));
      const answer = { email, challenge: 'EMAIL_OTP', session: challenge.body.session };
      expect(await respond({ ...answer, code: code === '000000' ? '111111' : '000000' })).toMatchObject({
        status: 400,
        body: { statusCode: 400, code: 'CODE_MISMATCH' },
      });
      const token = expectTokens(await respond({ ...answer, code }));
      expect(await call(choice, 'GET', '/auth/me', undefined, token)).toMatchObject({
        status: 200,
        body: { email },
      });
    });

    it('SMS_OTP: the masked phone number, and its code', async () => {
      const { email, phone } = await cognito.user('choice', newEmail('sms'));
      const challenge = await start(choice, { email, factor: 'SMS_OTP' });
      expect(challenge.body).toMatchObject({
        challenge: 'SMS_OTP',
        destination: `+*******${phone.slice(-4)}`,
      });
      expectTokens(
        await respond({
          email,
          challenge: 'SMS_OTP',
          session: challenge.body.session,
          code: keep('code', cognito.lastCode(phone)),
        }),
      );
    });

    it('SELECT_CHALLENGE: the choices; a code factor chosen, or the password (sent, or proven with SRP)', async () => {
      const { email } = await cognito.user('choice', newEmail('select'));
      const select = await start(choice, { email });
      expect(select.body).toEqual({
        challenge: 'SELECT_CHALLENGE',
        session: expect.any(String),
        requiredAttributes: [],
        choices: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'],
      });
      const chosen = await respond({
        email,
        challenge: 'SELECT_CHALLENGE',
        session: select.body.session,
        choice: 'EMAIL_OTP',
      });
      expect(chosen.body).toMatchObject({ challenge: 'EMAIL_OTP', destination: expect.any(String) });
      expectTokens(
        await respond({
          email,
          challenge: 'EMAIL_OTP',
          session: chosen.body.session,
          code: keep('code', cognito.lastCode(email)),
        }),
      );
      for (const passwordChoice of ['PASSWORD', 'PASSWORD_SRP']) {
        const again = await start(choice, { email });
        const answer = {
          email,
          challenge: 'SELECT_CHALLENGE',
          session: again.body.session,
          choice: passwordChoice,
        };
        expect(await respond({ ...answer, password: 'Wrong-passw0rd' })).toMatchObject({
          status: 401,
          body: { code: 'NOT_AUTHORIZED' },
        });
        const retry = await start(choice, { email });
        expectTokens(await respond({ ...answer, session: retry.body.session, password: PASSWORD }));
      }
    });

    it('a pool that allows only passwords answers the password choices; a client without USER_AUTH is 502', async () => {
      const { email } = await cognito.user('password-only', newEmail('only'));
      const select = await start(passwordOnly, { email, factor: 'EMAIL_OTP' });
      expect(select).toMatchObject({
        status: 200,
        body: { challenge: 'SELECT_CHALLENGE', choices: ['PASSWORD', 'PASSWORD_SRP'] },
      });
      expect(cognito.codesSent(email)).toBe(0);
      const other = await cognito.user('no-user-auth', newEmail('noflow'));
      expect(await start(noUserAuth, { email: other.email, factor: 'EMAIL_OTP' })).toMatchObject({
        status: 502,
        body: {
          statusCode: 502,
          code: 'CLIENT_MISCONFIGURED',
          message: 'The server’s Cognito app client is misconfigured.',
        },
      });
    });

    it('an unknown email is answered as a user’s: a masked address, and every code wrong', async () => {
      const email = newEmail('nobody');
      const challenge = await start(choice, { email, factor: 'EMAIL_OTP' });
      expect(challenge.body).toMatchObject({ challenge: 'EMAIL_OTP', destination: `${email[0]}***@e***` });
      expect(
        await respond({ email, challenge: 'EMAIL_OTP', session: challenge.body.session, code: '123456' }),
      ).toMatchObject({ status: 400, body: { code: 'CODE_MISMATCH' } });
    });

    it('two answers with the same session: one 200, the other 401', async () => {
      const { email } = await cognito.user('choice', newEmail('race'));
      const challenge = await start(choice, { email, factor: 'EMAIL_OTP' });
      const answer = {
        email,
        challenge: 'EMAIL_OTP',
        session: challenge.body.session,
        code: keep('code', cognito.lastCode(email)),
      };
      const answers = await Promise.all([respond(answer), respond(answer)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
      expect(answers.find((a) => a.status === 401)!.body).toMatchObject({ code: 'NOT_AUTHORIZED' });
    });

    it('bad bodies are 400 VALIDATION_FAILED, never 500', async () => {
      const email = 'jane@example.com';
      for (const body of [
        {},
        { email: 'not-an-email' },
        { email, factor: 'PASSWORD' },
        { email, factor: 'SOFTWARE_TOKEN' },
        { email, factor: 1 },
        { email, extra: true },
        [],
      ]) {
        expect(await start(choice, body), JSON.stringify(body)).toMatchObject({
          status: 400,
          body: VALIDATION,
        });
      }
      const session = 'A'.repeat(40);
      const credential = { id: 'abc', type: 'public-key', response: {} };
      for (const body of [
        { email, session, challenge: 'SMS_OTP' },
        { email, session, challenge: 'SMS_OTP', code: 'abcdef' },
        { email, session, challenge: 'SELECT_CHALLENGE' },
        { email, session, challenge: 'SELECT_CHALLENGE', choice: 'SOFTWARE_TOKEN_MFA' },
        { email, session, challenge: 'SELECT_CHALLENGE', choice: 'PASSWORD' },
        { email, session, challenge: 'SELECT_CHALLENGE', choice: 'PASSWORD_SRP', password: '' },
        { email, session, challenge: 'WEB_AUTHN' },
        { email, session, challenge: 'WEB_AUTHN', credential: 'text' },
        { email, session, challenge: 'WEB_AUTHN', credential: [credential] },
        { email, session, challenge: 'WEB_AUTHN', credential: { ...credential, type: 'password' } },
        { email, session, challenge: 'WEB_AUTHN', credential: { ...credential, id: 'not base64url!' } },
        { email, session, challenge: 'WEB_AUTHN', credential: { ...credential, response: 'x' } },
        {
          email,
          session,
          challenge: 'WEB_AUTHN',
          credential: { ...credential, response: { clientDataJSON: 'A'.repeat(17_000) } },
        },
      ]) {
        expect(await respond(body), JSON.stringify(body).slice(0, 200)).toMatchObject({
          status: 400,
          body: VALIDATION,
        });
      }
    });
  });

  describe('passkeys', () => {
    it('registration, listing, sign-in with the passkey, removal', async () => {
      const { email, token } = await signedIn();
      const started = await call(choice, 'POST', '/auth/passkeys/registration', undefined, token);
      expect(started.status).toBe(200);
      expect(started.headers.get('cache-control')).toBe('no-store');
      expect(started.body).toEqual({
        options: expect.objectContaining({
          challenge: expect.any(String),
          rp: { id: 'localhost', name: 'localhost' },
          user: expect.objectContaining({ name: email }),
        }),
      });
      const authenticator = new SoftwareAuthenticator();
      const credential = createPasskey(authenticator, started.body.options);
      const created = await call(choice, 'POST', '/auth/passkeys', { credential }, token);
      expect(created.status).toBe(201);
      expect(created.text).toBe('');

      const listed = await call(choice, 'GET', '/auth/passkeys', undefined, token);
      expect(listed).toMatchObject({
        status: 200,
        body: {
          passkeys: [
            {
              credentialId: credential.id,
              name: expect.any(String),
              relyingPartyId: 'localhost',
              attachment: 'platform',
              transports: ['internal', 'hybrid'],
              createdAt: expect.any(String),
            },
          ],
        },
      });
      expect(await call(choice, 'GET', '/auth/factors', undefined, token)).toMatchObject({
        status: 200,
        body: {
          factors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
          mfa: { enabled: [], preferred: null },
        },
      });

      const challenge = await start(choice, { email, factor: 'WEB_AUTHN' });
      expect(challenge.body).toMatchObject({
        challenge: 'WEB_AUTHN',
        credentialRequestOptions: {
          rpId: 'localhost',
          allowCredentials: [expect.objectContaining({ id: credential.id })],
        },
      });
      const assertion = signWithPasskey(authenticator, challenge.body.credentialRequestOptions);
      keep('assertion signature', assertion.response.signature);
      const signedInToken = expectTokens(
        await respond({
          email,
          challenge: 'WEB_AUTHN',
          session: challenge.body.session,
          credential: assertion,
        }),
      );
      expect((await call(choice, 'GET', '/auth/me', undefined, signedInToken)).status).toBe(200);

      const path = `/auth/passkeys/${credential.id}`;
      expect((await call(choice, 'DELETE', path, undefined, token)).status).toBe(204);
      expect((await call(choice, 'GET', '/auth/passkeys', undefined, token)).body).toEqual({ passkeys: [] });
      expect(await call(choice, 'DELETE', path, undefined, token)).toMatchObject({
        status: 404,
        body: { code: 'RESOURCE_NOT_FOUND' },
      });
    });

    it('a refused passkey answer is 401; a replayed assertion too', async () => {
      const { email, token } = await signedIn();
      const authenticator = new SoftwareAuthenticator();
      await registerPasskey(token, authenticator);
      const first = await start(choice, { email, factor: 'WEB_AUTHN' });
      const foreign = signWithPasskey(authenticator, first.body.credentialRequestOptions, {
        origin: 'https://evil.example',
      });
      expect(
        await respond({ email, challenge: 'WEB_AUTHN', session: first.body.session, credential: foreign }),
      ).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
      const second = await start(choice, { email, factor: 'WEB_AUTHN' });
      const assertion = signWithPasskey(authenticator, second.body.credentialRequestOptions);
      expectTokens(
        await respond({ email, challenge: 'WEB_AUTHN', session: second.body.session, credential: assertion }),
      );
      const third = await start(choice, { email, factor: 'WEB_AUTHN' });
      expect(
        await respond({ email, challenge: 'WEB_AUTHN', session: third.body.session, credential: assertion }),
      ).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
    });

    it('each refusal of a registration by its code; bad bodies and ids 400; no token 401', async () => {
      const { token } = await signedIn();
      const register = async (ceremony: Parameters<typeof createPasskey>[2]) => {
        const started = await call(choice, 'POST', '/auth/passkeys/registration', undefined, token);
        const credential = createPasskey(new SoftwareAuthenticator(), started.body.options, ceremony);
        return call(choice, 'POST', '/auth/passkeys', { credential }, token);
      };
      expect(await register({ origin: 'https://evil.example' })).toMatchObject({
        status: 400,
        body: { statusCode: 400, code: 'WEB_AUTHN_ORIGIN_NOT_ALLOWED' },
      });
      expect(await register({ rpId: 'evil.example' })).toMatchObject({
        status: 400,
        body: { code: 'WEB_AUTHN_RELYING_PARTY_MISMATCH' },
      });
      expect(await register({ challenge: 'A'.repeat(43) })).toMatchObject({
        status: 400,
        body: { code: 'WEB_AUTHN_CHALLENGE_NOT_FOUND' },
      });
      const credential = { id: 'abc', type: 'public-key', response: {} };
      for (const body of [
        {},
        { credential: null },
        { credential: 'text' },
        { credential: { ...credential, type: 'other' } },
        { credential, extra: 1 },
      ]) {
        expect(await call(choice, 'POST', '/auth/passkeys', body, token)).toMatchObject({
          status: 400,
          body: VALIDATION,
        });
      }
      for (const query of ['limit=0', 'limit=21', 'limit=x', 'nextToken=%20']) {
        expect(await call(choice, 'GET', `/auth/passkeys?${query}`, undefined, token)).toMatchObject({
          status: 400,
          body: VALIDATION,
        });
      }
      expect(await call(choice, 'DELETE', '/auth/passkeys/not%20an%20id', undefined, token)).toMatchObject({
        status: 400,
        body: VALIDATION,
      });
      for (const [method, path] of [
        ['POST', '/auth/passkeys/registration'],
        ['POST', '/auth/passkeys'],
        ['GET', '/auth/passkeys'],
        ['DELETE', '/auth/passkeys/abc'],
        ['GET', '/auth/factors'],
      ] as const) {
        expect((await call(choice, method, path, method === 'POST' ? {} : undefined)).status, path).toBe(401);
      }
    });

    it('a pool that does not allow passkeys: 400 WEB_AUTHN_NOT_ENABLED', async () => {
      const { token } = await signedIn(passwordOnly, 'password-only');
      expect(await call(passwordOnly, 'POST', '/auth/passkeys/registration', undefined, token)).toMatchObject(
        {
          status: 400,
          body: { statusCode: 400, code: 'WEB_AUTHN_NOT_ENABLED' },
        },
      );
    });

    it('GET /admin/users/:username/factors: an administrator’s view of a user’s factors', async () => {
      const admin = await signedIn();
      await cognito.sdk.adminAddUserToGroup({
        UserPoolId: cognito.poolId('choice'),
        Username: admin.email,
        GroupName: 'admin',
      });
      const adminToken = keep(
        'access token',
        (await call(choice, 'POST', '/auth/sign-in', { email: admin.email, password: PASSWORD })).body
          .accessToken,
      );
      const { email } = await cognito.user('choice', newEmail('viewed'), { phone: false, emailMfa: true });
      const path = `/admin/users/${encodeURIComponent(email)}/factors`;
      expect(await call(choice, 'GET', path, undefined, adminToken)).toMatchObject({
        status: 200,
        body: {
          username: expect.stringMatching(/^[0-9a-f-]{36}$/),
          factors: ['PASSWORD', 'EMAIL_OTP'],
          mfa: { enabled: ['EMAIL'], preferred: 'EMAIL' },
        },
      });
      const nobody = `/admin/users/${encodeURIComponent(newEmail('nobody'))}/factors`;
      expect(await call(choice, 'GET', nobody, undefined, adminToken)).toMatchObject({
        status: 404,
        body: { code: 'USER_NOT_FOUND' },
      });
      expect((await call(choice, 'GET', path, undefined, admin.token)).status).toBe(403);
      expect((await call(choice, 'GET', path)).status).toBe(401);
    });
  });

  it('no code, session, signature or token in any log line (every level)', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(20);
    expect(logs.leaked(secrets)).toEqual([]);
  });
});
