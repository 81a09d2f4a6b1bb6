import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADAPTERS,
  type Answer,
  bearer,
  type Cognito,
  PASSWORD,
  request,
  startApp,
  startCognito,
  type TestApp,
  withController,
} from './helpers.js';

/** Headers that differ from one request to the next whatever the answer. */
const VARYING_HEADERS = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);

// Every route of the ready-made controller, through HTTP, on both adapters, against the emulator
// through the real AWS SDK. Users of each adapter's run have their own emails.
describe.each(ADAPTERS)('the /auth routes on %s', (adapter) => {
  let cognito: Cognito;
  let server: TestApp;
  const email = (name: string) => `${name}.${adapter}@example.com`;
  const post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    request('POST', `${server.url}${path}`, body, headers);

  beforeAll(async () => {
    cognito = await startCognito();
    server = await startApp(adapter, withController(cognito.options('public')));
  });
  afterAll(async () => {
    await server?.close();
    await cognito?.emulator.stop();
  });

  async function registered(name: string) {
    const address = email(name);
    expect((await post('/auth/sign-up', { email: address, password: PASSWORD })).status).toBe(201);
    return address;
  }
  async function signedIn(name: string) {
    const address = await registered(name);
    expect(
      (await post('/auth/confirm-sign-up', { email: address, code: cognito.lastCode(address) })).status,
    ).toBe(204);
    const signIn = await post('/auth/sign-in', { email: address, password: PASSWORD });
    expect(signIn.status).toBe(200);
    return {
      email: address,
      tokens: signIn.body as { accessToken: string; refreshToken: string; idToken: string },
    };
  }

  /** One account in each state a confirmation route can meet, and an email nobody has. */
  async function accountsInEveryState(prefix: string) {
    const confirmed = (await signedIn(`${prefix}-confirmed`)).email;
    const disabled = (await signedIn(`${prefix}-disabled`)).email;
    await cognito.sdk.adminDisableUser({ UserPoolId: cognito.poolId, Username: disabled });
    const invited = email(`${prefix}-invited`);
    await cognito.sdk.adminCreateUser({
      UserPoolId: cognito.poolId,
      Username: invited,
      TemporaryPassword: 'Temp-horse-9',
      MessageAction: 'SUPPRESS',
    });
    const unconfirmed = await registered(`${prefix}-unconfirmed`);
    return [
      { state: 'confirmed', email: confirmed },
      { state: 'disabled', email: disabled },
      { state: 'invited', email: invited },
      { state: 'unconfirmed', email: unconfirmed },
      { state: 'unknown', email: email(`${prefix}-unknown`) },
    ];
  }

  /** What an answer shows a client: status, body and headers (but the ones that differ per request). */
  const shapeOf = (answer: Answer) => ({
    status: answer.status,
    body: answer.body,
    text: answer.text,
    headers: headersOf(answer),
  });
  const headersOf = (answer: Answer) => {
    const kept: [string, string][] = [];
    answer.headers.forEach((value, name) => {
      if (!VARYING_HEADERS.has(name)) kept.push([name, value]);
    });
    return kept;
  };

  describe('POST /auth/sign-up', () => {
    it('201 with the sub, confirmation state and where the code went', async () => {
      const answer = await post('/auth/sign-up', {
        email: email('new'),
        password: PASSWORD,
        name: 'New User',
        givenName: 'New',
        familyName: 'User',
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        userSub: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userConfirmed: false,
        codeDelivery: {
          destination: expect.stringMatching(/^n\*\*\*@e\*\*\*$/),
          medium: 'EMAIL',
          attribute: 'email',
        },
      });
    });

    it('409 USERNAME_EXISTS for a taken email', async () => {
      const taken = await registered('taken');
      const answer = await post('/auth/sign-up', { email: taken, password: PASSWORD });
      expect(answer).toMatchObject({
        status: 409,
        body: {
          statusCode: 409,
          code: 'USERNAME_EXISTS',
          message: 'An account with the given email already exists.',
        },
      });
    });

    it('400 INVALID_PASSWORD for a password the policy refuses, without echoing it', async () => {
      const answer = await post('/auth/sign-up', { email: email('weak'), password: 'weakpassword' });
      expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_PASSWORD' } });
      expect(answer.text).not.toContain('weakpassword');
    });

    it('400 INVALID_PARAMETER for an attribute the pool does not have', async () => {
      const answer = await post('/auth/sign-up', {
        email: email('custom'),
        password: PASSWORD,
        attributes: { 'custom:nope': 'x' },
      });
      expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_PARAMETER' } });
    });

    it('400 VALIDATION_FAILED listing every problem, for a bad body', async () => {
      const answer = await post('/auth/sign-up', {
        email: 'not-an-email',
        password: '',
        extra: true,
        name: 7,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(answer.body.message).toEqual(
        expect.arrayContaining([
          'email must be an email',
          'password must be longer than or equal to 1 characters',
          'property extra should not exist',
          'name must be a string',
        ]),
      );
    });

    it('400 for a body that is not JSON, never 500', async () => {
      const response = await fetch(`${server.url}/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(response.status).toBe(400);
    });
  });

  describe('POST /auth/confirm-sign-up', () => {
    it('204 with the emailed code; confirmed again, 400 CODE_MISMATCH as for an unknown email', async () => {
      const address = await registered('confirm');
      const code = cognito.lastCode(address);
      expect((await post('/auth/confirm-sign-up', { email: address, code })).status).toBe(204);
      const again = await post('/auth/confirm-sign-up', { email: address, code });
      const unknown = await post('/auth/confirm-sign-up', { email: email('never-was'), code });
      expect(again).toMatchObject({ status: 400, body: { code: 'CODE_MISMATCH' } });
      expect(again.body).toEqual(unknown.body);
    });

    it('answers alike for confirmed, disabled, invited and unknown accounts, whatever the code', async () => {
      const answers = [];
      for (const account of await accountsInEveryState('confirm-any')) {
        if (account.state === 'unconfirmed') continue; // its code may be right: nothing to compare
        answers.push({
          state: account.state,
          ...shapeOf(await post('/auth/confirm-sign-up', { email: account.email, code: '123456' })),
        });
      }
      expect(answers.map((a) => a.state)).toEqual(['confirmed', 'disabled', 'invited', 'unknown']);
      for (const answer of answers) {
        expect(answer, answer.state).toEqual({ ...answers.at(-1)!, state: answer.state });
      }
      expect(answers[0]).toMatchObject({
        status: 400,
        body: {
          statusCode: 400,
          code: 'CODE_MISMATCH',
          message: 'Invalid verification code provided, please try again.',
        },
      });
    });

    it('400 CODE_MISMATCH for a wrong code, and the same for an unknown email', async () => {
      const address = await registered('mismatch');
      const wrong = cognito.lastCode(address) === '000000' ? '111111' : '000000';
      const known = await post('/auth/confirm-sign-up', { email: address, code: wrong });
      const unknown = await post('/auth/confirm-sign-up', { email: email('nobody'), code: wrong });
      expect(known).toMatchObject({ status: 400, body: { code: 'CODE_MISMATCH' } });
      expect(unknown.status).toBe(known.status);
      expect(unknown.body).toEqual(known.body);
    });

    it('400 EXPIRED_CODE for a code older than 24 hours', async () => {
      const address = await registered('expired');
      cognito.advance(25 * 3600_000);
      expect(
        await post('/auth/confirm-sign-up', { email: address, code: cognito.lastCode(address) }),
      ).toMatchObject({
        status: 400,
        body: { code: 'EXPIRED_CODE' },
      });
    });
  });

  describe('POST /auth/resend-confirmation-code', () => {
    it('202 with no body for a known and an unknown email alike', async () => {
      const address = await registered('resend');
      const before = cognito.emulator.messages({ to: address }).length;
      const known = await post('/auth/resend-confirmation-code', { email: address });
      const unknown = await post('/auth/resend-confirmation-code', { email: email('ghost') });
      expect(known).toMatchObject({ status: 202, text: '' });
      expect(unknown).toMatchObject({ status: 202, text: '' });
      expect(cognito.emulator.messages({ to: address })).toHaveLength(before + 1);
    });

    it('202 alike for confirmed, disabled, invited, unconfirmed and unknown accounts', async () => {
      const accounts = await accountsInEveryState('resend-any');
      const answers = [];
      for (const account of accounts) {
        answers.push({
          state: account.state,
          ...shapeOf(await post('/auth/resend-confirmation-code', { email: account.email })),
        });
      }
      for (const answer of answers) {
        expect(answer, answer.state).toEqual({ ...answers[0]!, state: answer.state });
      }
      expect(answers[0]).toMatchObject({ status: 202, text: '' });
      // Only the unconfirmed account was sent a code.
      const unconfirmed = accounts.find((a) => a.state === 'unconfirmed')!.email;
      expect(cognito.emulator.messages({ to: unconfirmed })).toHaveLength(2);
    });
  });

  describe('POST /auth/sign-in', () => {
    it('200 tokens', async () => {
      const { tokens } = await signedIn('signin');
      expect(tokens).toEqual({
        accessToken: expect.any(String),
        idToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 3600,
        tokenType: 'Bearer',
      });
    });

    it('401 alike for a wrong password and an unknown email', async () => {
      const { email: address } = await signedIn('wrong-password');
      const wrong = await post('/auth/sign-in', { email: address, password: 'Wrong-horse-9' });
      const unknown = await post('/auth/sign-in', { email: email('unknown'), password: 'Wrong-horse-9' });
      expect(wrong).toMatchObject({
        status: 401,
        body: { statusCode: 401, code: 'NOT_AUTHORIZED', message: 'Incorrect username or password.' },
      });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.text).not.toContain('Wrong-horse-9');
    });

    it('403 USER_NOT_CONFIRMED before confirmation', async () => {
      const address = await registered('unconfirmed');
      expect(await post('/auth/sign-in', { email: address, password: PASSWORD })).toMatchObject({
        status: 403,
        body: { code: 'USER_NOT_CONFIRMED' },
      });
    });

    it('200 NEW_PASSWORD_REQUIRED for an invited user; respond-to-challenge gives tokens', async () => {
      const address = email('invited');
      await cognito.sdk.adminCreateUser({
        UserPoolId: cognito.poolId,
        Username: address,
        TemporaryPassword: 'Temp-horse-9',
        MessageAction: 'SUPPRESS',
      });
      const signIn = await post('/auth/sign-in', { email: address, password: 'Temp-horse-9' });
      expect(signIn).toMatchObject({
        status: 200,
        body: { challenge: 'NEW_PASSWORD_REQUIRED', session: expect.any(String), requiredAttributes: [] },
      });
      const answer = { email: address, challenge: 'NEW_PASSWORD_REQUIRED', session: signIn.body.session };
      expect(await post('/auth/respond-to-challenge', { ...answer, newPassword: 'weak' })).toMatchObject({
        status: 400,
        body: { code: 'INVALID_PASSWORD' },
      });
      const responded = await post('/auth/respond-to-challenge', {
        ...answer,
        newPassword: 'Own-horse-99',
        attributes: { name: 'Invited' },
      });
      expect(responded.status).toBe(200);
      expect(Object.keys(responded.body).sort()).toEqual([
        'accessToken',
        'expiresIn',
        'idToken',
        'refreshToken',
        'tokenType',
      ]);
      // The session is spent.
      expect(
        await post('/auth/respond-to-challenge', { ...answer, newPassword: 'Other-horse-9' }),
      ).toMatchObject({
        status: 401,
        body: { code: 'NOT_AUTHORIZED' },
      });
      expect((await post('/auth/sign-in', { email: address, password: 'Own-horse-99' })).status).toBe(200);
    });

    it('400 VALIDATION_FAILED for an unknown challenge name', async () => {
      expect(
        await post('/auth/respond-to-challenge', {
          email: email('x'),
          challenge: 'SMS_MFA',
          session: 'x'.repeat(30),
          newPassword: PASSWORD,
        }),
      ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    });
  });

  describe('POST /auth/refresh', () => {
    it('200 new access and ID tokens, no refresh token', async () => {
      const { tokens } = await signedIn('refresh');
      const answer = await post('/auth/refresh', { refreshToken: tokens.refreshToken });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        accessToken: expect.any(String),
        idToken: expect.any(String),
        expiresIn: 3600,
        tokenType: 'Bearer',
      });
      expect(
        (await request('GET', `${server.url}/auth/me`, undefined, bearer(answer.body.accessToken))).status,
      ).toBe(200);
    });

    it('401 for a refresh token Cognito did not issue', async () => {
      expect(await post('/auth/refresh', { refreshToken: 'not-a-refresh-token' })).toMatchObject({
        status: 401,
        body: { code: 'NOT_AUTHORIZED' },
      });
    });
  });

  describe('forgot / confirm forgot password', () => {
    it('202 alike for known, unknown and unconfirmed emails; the code resets the password', async () => {
      const { email: address } = await signedIn('forgot');
      const unconfirmed = await registered('forgot-unconfirmed');
      for (const who of [address, email('forgot-ghost'), unconfirmed]) {
        expect(await post('/auth/forgot-password', { email: who })).toMatchObject({ status: 202, text: '' });
      }
      const code = cognito.lastCode(address);
      const wrong = code === '000000' ? '111111' : '000000';
      expect(
        await post('/auth/confirm-forgot-password', {
          email: address,
          code: wrong,
          newPassword: 'Reset-horse-9',
        }),
      ).toMatchObject({ status: 400, body: { code: 'CODE_MISMATCH' } });
      expect(
        await post('/auth/confirm-forgot-password', { email: address, code, newPassword: 'Reset-horse-9' }),
      ).toMatchObject({ status: 204 });
      expect((await post('/auth/sign-in', { email: address, password: 'Reset-horse-9' })).status).toBe(200);
      expect((await post('/auth/sign-in', { email: address, password: PASSWORD })).status).toBe(401);
    });

    it('400 INVALID_PASSWORD when the new password breaks the policy', async () => {
      const { email: address } = await signedIn('forgot-weak');
      await post('/auth/forgot-password', { email: address });
      expect(
        await post('/auth/confirm-forgot-password', {
          email: address,
          code: cognito.lastCode(address),
          newPassword: 'weak',
        }),
      ).toMatchObject({ status: 400, body: { code: 'INVALID_PASSWORD' } });
    });
  });

  describe('POST /auth/change-password (Bearer)', () => {
    it('204, then the new password signs in', async () => {
      const { email: address, tokens } = await signedIn('change');
      expect(
        await post(
          '/auth/change-password',
          { previousPassword: PASSWORD, proposedPassword: 'Changed-horse-9' },
          bearer(tokens.accessToken),
        ),
      ).toMatchObject({ status: 204 });
      expect((await post('/auth/sign-in', { email: address, password: 'Changed-horse-9' })).status).toBe(200);
    });

    it('401 NOT_AUTHORIZED for a wrong previous password; 401 INVALID_TOKEN without a token', async () => {
      const { tokens } = await signedIn('change-wrong');
      expect(
        await post(
          '/auth/change-password',
          { previousPassword: 'Wrong-horse-9', proposedPassword: 'Changed-horse-9' },
          bearer(tokens.accessToken),
        ),
      ).toMatchObject({ status: 401, body: { code: 'NOT_AUTHORIZED' } });
      const anonymous = await post('/auth/change-password', {
        previousPassword: PASSWORD,
        proposedPassword: 'Changed-horse-9',
      });
      expect(anonymous).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });
  });

  describe('/auth/me (Bearer)', () => {
    it('GET 200 the profile; PATCH 200 the changed profile', async () => {
      const { email: address, tokens } = await signedIn('me');
      const me = await request('GET', `${server.url}/auth/me`, undefined, bearer(tokens.accessToken));
      expect(me).toMatchObject({
        status: 200,
        body: {
          email: address,
          emailVerified: true,
          groups: [],
          sub: expect.any(String),
          username: expect.any(String),
        },
      });
      const patched = await request(
        'PATCH',
        `${server.url}/auth/me`,
        { attributes: { name: 'Renamed', locale: 'fr' } },
        bearer(tokens.accessToken),
      );
      expect(patched).toMatchObject({ status: 200, body: { attributes: { name: 'Renamed', locale: 'fr' } } });
    });

    it('PATCH 400 for an attribute the pool lacks, an immutable one, or an empty body', async () => {
      const { tokens } = await signedIn('me-bad');
      const patch = (body: unknown) =>
        request('PATCH', `${server.url}/auth/me`, body, bearer(tokens.accessToken));
      expect(await patch({ attributes: { 'custom:nope': 'x' } })).toMatchObject({
        status: 400,
        body: { code: 'INVALID_PARAMETER' },
      });
      expect(await patch({ attributes: { sub: 'x' } })).toMatchObject({
        status: 400,
        body: { code: 'INVALID_PARAMETER' },
      });
      expect(await patch({ attributes: {} })).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED' },
      });
    });

    it('a new email gets a code; verify-attribute 204 makes it verified; a wrong code 400', async () => {
      const { tokens } = await signedIn('verify');
      const newEmail = email('verified-new');
      await request(
        'PATCH',
        `${server.url}/auth/me`,
        { attributes: { email: newEmail } },
        bearer(tokens.accessToken),
      );
      const code = cognito.lastCode(newEmail);
      expect(code).toMatch(/^\d{6}$/);
      expect(
        await post(
          '/auth/verify-attribute',
          { attribute: 'email', code: code === '000000' ? '111111' : '000000' },
          bearer(tokens.accessToken),
        ),
      ).toMatchObject({ status: 400, body: { code: 'CODE_MISMATCH' } });
      expect(
        await post('/auth/verify-attribute', { attribute: 'email', code }, bearer(tokens.accessToken)),
      ).toMatchObject({
        status: 204,
      });
      const me = await request('GET', `${server.url}/auth/me`, undefined, bearer(tokens.accessToken));
      expect(me.body).toMatchObject({ email: newEmail, emailVerified: true });
    });

    it('DELETE 204 deletes the account: the token stops working and the email signs in no more', async () => {
      const { email: address, tokens } = await signedIn('delete');
      expect(
        (await request('DELETE', `${server.url}/auth/me`, undefined, bearer(tokens.accessToken))).status,
      ).toBe(204);
      expect(
        (await request('GET', `${server.url}/auth/me`, undefined, bearer(tokens.accessToken))).status,
      ).toBe(401);
      expect((await post('/auth/sign-in', { email: address, password: PASSWORD })).status).toBe(401);
    });
  });

  describe('POST /auth/sign-out (Bearer)', () => {
    it('204; the same access token then gets 401 and the refresh token is refused', async () => {
      const { tokens } = await signedIn('signout');
      const other = await post('/auth/sign-in', { email: email('signout'), password: PASSWORD });
      expect((await post('/auth/sign-out', undefined, bearer(tokens.accessToken))).status).toBe(204);
      const after = await request('GET', `${server.url}/auth/me`, undefined, bearer(tokens.accessToken));
      expect(after).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
      expect(after.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      // Global: the other session's tokens too.
      expect(
        (await request('GET', `${server.url}/auth/me`, undefined, bearer(other.body.accessToken))).status,
      ).toBe(401);
      expect(await post('/auth/refresh', { refreshToken: tokens.refreshToken })).toMatchObject({
        status: 401,
        body: { code: 'NOT_AUTHORIZED' },
      });
    });
  });
});
