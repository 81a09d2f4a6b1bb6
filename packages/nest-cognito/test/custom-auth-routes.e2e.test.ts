import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, bearer, CapturedLogs, request, startApp, type TestApp, withRest } from './helpers.js';
import { type CustomCognito, otherThan, startCustomCognito } from './custom-auth-fixture.js';

// Custom authentication through the ready-made REST API on both adapters, against the emulator
// over the real AWS SDK, the pool's define, create and verify triggers run in process:
// POST /auth/sign-in/custom, CUSTOM_CHALLENGE answers at /auth/respond-to-challenge, failures
// mapped, every bad body a 400, parallel answers of one session, no code or token in any log line.

const VALIDATION = { statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(Array) };

describe.each(ADAPTERS)('custom authentication over REST on %s', (adapter) => {
  let cognito: CustomCognito;
  let custom: TestApp;
  let bare: TestApp;
  const logs = new CapturedLogs();
  const secrets = new Map<string, string>();
  const keep = (what: string, value: unknown): string => {
    expect(typeof value, what).toBe('string');
    secrets.set(`${what} ${secrets.size}`, value as string);
    return value as string;
  };
  const newEmail = (tag: string) => cognito.newEmail(`${tag}.${adapter}`);

  beforeAll(async () => {
    cognito = await startCustomCognito();
    custom = await startApp(adapter, withRest(cognito.options('custom')), { logger: logs });
    bare = await startApp(adapter, withRest(cognito.options('no-triggers')), { logger: logs });
  });
  afterAll(async () => {
    await custom?.close();
    await bare?.close();
    await cognito?.stop();
  });

  const start = async (body: unknown, app = custom) => {
    const answer = await request('POST', `${app.url}/auth/sign-in/custom`, body);
    if (answer.body?.session) keep('session', answer.body.session);
    return answer;
  };
  const respond = async (body: unknown) => {
    const answer = await request('POST', `${custom.url}/auth/respond-to-challenge`, body);
    if (answer.body?.session) keep('session', answer.body.session);
    if (answer.body?.accessToken) keep('access token', answer.body.accessToken);
    if (answer.body?.refreshToken) keep('refresh token', answer.body.refreshToken);
    return answer;
  };
  const code = (email: string) => keep('code', cognito.lastCode(email));

  it('POST /auth/sign-in/custom: CUSTOM_CHALLENGE and its parameters; the code answers; the tokens open /auth/me', async () => {
    const { email } = await cognito.user('custom', newEmail('code'));
    const challenge = await start({ email, clientMetadata: { app: 'web' } });
    expect(challenge.status, JSON.stringify(challenge.body)).toBe(200);
    expect(challenge.body).toEqual({
      challenge: 'CUSTOM_CHALLENGE',
      session: expect.any(String),
      requiredAttributes: [],
      parameters: { delivery: 'EMAIL', email },
    });
    const answer = { email, challenge: 'CUSTOM_CHALLENGE', session: challenge.body.session };
    const next = await respond({ ...answer, answer: otherThan(code(email)) });
    expect(next).toMatchObject({ status: 200, body: { challenge: 'CUSTOM_CHALLENGE' } });
    const done = await respond({
      email,
      challenge: 'CUSTOM_CHALLENGE',
      session: next.body.session,
      answer: code(email),
      clientMetadata: { redirectUri: 'https://app.example.com/in' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
    expect(
      cognito.events('custom', 'VerifyAuthChallengeResponse_Authentication').at(-1)!.request.clientMetadata,
    ).toEqual({ redirectUri: 'https://app.example.com/in' });
    expect(
      await request('GET', `${custom.url}/auth/me`, undefined, bearer(done.body.accessToken)),
    ).toMatchObject({ status: 200, body: { email } });
  });

  it('three wrong answers: 401 NOT_AUTHORIZED; a pool without the triggers: 502 POOL_MISCONFIGURED', async () => {
    const { email } = await cognito.user('custom', newEmail('fail'));
    let session = (await start({ email })).body.session as string;
    for (let round = 1; round < 3; round++) {
      const next = await respond({
        email,
        challenge: 'CUSTOM_CHALLENGE',
        session,
        answer: otherThan(code(email)),
      });
      expect(next.status).toBe(200);
      session = next.body.session;
    }
    expect(
      await respond({ email, challenge: 'CUSTOM_CHALLENGE', session, answer: otherThan(code(email)) }),
    ).toMatchObject({ status: 401, body: { statusCode: 401, code: 'NOT_AUTHORIZED' } });
    const { email: other } = await cognito.user('no-triggers', newEmail('bare'));
    expect(await start({ email: other }, bare)).toMatchObject({
      status: 502,
      body: { statusCode: 502, code: 'POOL_MISCONFIGURED' },
    });
  });

  it('parallel answers of one session: one signs in, the others are 401', async () => {
    const { email } = await cognito.user('custom', newEmail('race'));
    const session = (await start({ email })).body.session as string;
    const right = code(email);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        respond({ email, challenge: 'CUSTOM_CHALLENGE', session, answer: right }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it('bad bodies are 400 VALIDATION_FAILED, never 500', async () => {
    const email = 'jane@example.com';
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    for (const body of [
      {},
      { email: 'not-an-email' },
      { email, clientMetadata: 'web' },
      { email, clientMetadata: ['web'] },
      { email, clientMetadata: { app: 1 } },
      { email, clientMetadata: { app: 'x'.repeat(2049) } },
      { email, clientMetadata: { 'a key': 'v' } },
      { email, clientMetadata: tooMany },
      { email, extra: true },
      [],
    ]) {
      expect(await start(body), JSON.stringify(body).slice(0, 200)).toMatchObject({
        status: 400,
        body: VALIDATION,
      });
    }
    const session = 'A'.repeat(40);
    for (const body of [
      { email, session, challenge: 'CUSTOM_CHALLENGE' },
      { email, session, challenge: 'CUSTOM_CHALLENGE', answer: '' },
      { email, session, challenge: 'CUSTOM_CHALLENGE', answer: 42 },
      { email, session, challenge: 'CUSTOM_CHALLENGE', answer: 'x'.repeat(2049) },
      { email, session, challenge: 'CUSTOM_CHALLENGE', answer: '1', clientMetadata: { app: 2 } },
      { email, session, challenge: 'SMS_MFA', code: '123456', clientMetadata: { app: 3 } },
    ]) {
      expect(await respond(body), JSON.stringify(body).slice(0, 200)).toMatchObject({
        status: 400,
        body: VALIDATION,
      });
    }
  });

  it('no code, session or token in any log line (every level)', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(8);
    expect(logs.leaked(secrets)).toEqual([]);
  });
});
