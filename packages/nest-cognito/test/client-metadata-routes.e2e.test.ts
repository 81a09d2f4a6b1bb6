import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedCognito, startEmulatedCognito } from '../src/testing/index.js';
import type { CognitoTriggerEvent, TriggerHandler } from '../src/triggers/index.js';
import { ADAPTERS, bearer, request, startApp, type TestApp, withRest } from './helpers.js';

// `clientMetadata` in the bodies of the REST routes whose Cognito operation takes ClientMetadata,
// on both adapters, against the emulator: it reaches the pool's triggers (recorded by an
// in-process trigger), and a bad one is 400 VALIDATION_FAILED on every such route.

const PASSWORD = 'Test-passw0rd!';
const VALIDATION = { statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(Array) };

/** Metadata by trigger source, newest last. */
const received: { source: string; metadata: unknown }[] = [];
const record: TriggerHandler = async (event: CognitoTriggerEvent) => {
  const { clientMetadata, validationData } = event.request as Record<string, unknown>;
  received.push({ source: event.triggerSource, metadata: clientMetadata ?? validationData });
  return event;
};

describe.each(ADAPTERS)('clientMetadata over REST on %s', (adapter) => {
  let cognito: EmulatedCognito;
  let app: TestApp;
  let admin: { authorization: string };
  let users = 0;
  const newEmail = (tag: string) => `rest-${tag}-${adapter}-${++users}@example.test`;

  beforeAll(async () => {
    cognito = await startEmulatedCognito({
      groups: ['admin'],
      triggers: {
        PreSignUp: record,
        CustomMessage: record,
        PostConfirmation: record,
        PreAuthentication: record,
        PostAuthentication: record,
      },
    });
    app = await startApp(adapter, withRest(cognito.moduleOptions, { auth: true, admin: true }), {
      errorHandling: true,
    });
    admin = await cognito.signInAs({ groups: ['admin'] });
  });
  afterAll(async () => {
    await app?.close();
    await cognito?.stop();
  });

  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    request('POST', `${app.url}${path}`, body, headers);

  /** Each route with a body that works but for `clientMetadata`, and the trigger source it must reach. */
  const ROUTES: {
    route: string;
    source: string;
    send(clientMetadata: unknown): Promise<{ status: number; body: unknown }>;
  }[] = [
    {
      route: 'POST /auth/sign-up',
      source: 'PreSignUp_SignUp',
      send: (clientMetadata) =>
        post('/auth/sign-up', { email: newEmail('sign-up'), password: PASSWORD, clientMetadata }),
    },
    {
      route: 'POST /auth/confirm-sign-up',
      source: 'PostConfirmation_ConfirmSignUp',
      send: async (clientMetadata) => {
        const email = newEmail('confirm');
        await post('/auth/sign-up', { email, password: PASSWORD });
        return post('/auth/confirm-sign-up', { email, code: cognito.lastCode(email), clientMetadata });
      },
    },
    {
      route: 'POST /auth/resend-confirmation-code',
      source: 'CustomMessage_ResendCode',
      send: async (clientMetadata) => {
        const email = newEmail('resend');
        await post('/auth/sign-up', { email, password: PASSWORD });
        return post('/auth/resend-confirmation-code', { email, clientMetadata });
      },
    },
    {
      route: 'POST /auth/sign-in',
      source: 'PreAuthentication_Authentication',
      send: async (clientMetadata) => {
        const { email } = await cognito.signInAs({ email: newEmail('sign-in') });
        return post('/auth/sign-in', { email, password: PASSWORD, clientMetadata });
      },
    },
    {
      route: 'POST /auth/sign-in/passwordless',
      source: 'PreAuthentication_Authentication',
      send: async (clientMetadata) => {
        const { email } = await cognito.signInAs({ email: newEmail('otp') });
        return post('/auth/sign-in/passwordless', { email, factor: 'EMAIL_OTP', clientMetadata });
      },
    },
    {
      route: 'POST /auth/respond-to-challenge',
      source: 'PostAuthentication_Authentication',
      send: async (clientMetadata) => {
        const { email } = await cognito.signInAs({ email: newEmail('answer') });
        const started = await post('/auth/sign-in/passwordless', { email, factor: 'EMAIL_OTP' });
        const code = cognito.lastCode(email, 'MFA');
        const session = started.body.session as string;
        return post('/auth/respond-to-challenge', {
          email,
          session,
          challenge: 'EMAIL_OTP',
          code,
          clientMetadata,
        });
      },
    },
    {
      route: 'POST /auth/forgot-password',
      source: 'CustomMessage_ForgotPassword',
      send: async (clientMetadata) => {
        const { email } = await cognito.signInAs({ email: newEmail('forgot') });
        return post('/auth/forgot-password', { email, clientMetadata });
      },
    },
    {
      route: 'POST /auth/confirm-forgot-password',
      source: 'PostConfirmation_ConfirmForgotPassword',
      send: async (clientMetadata) => {
        const { email } = await cognito.signInAs({ email: newEmail('reset') });
        await post('/auth/forgot-password', { email });
        const code = cognito.lastCode(email);
        return post('/auth/confirm-forgot-password', {
          email,
          code,
          newPassword: 'Other-passw0rd!',
          clientMetadata,
        });
      },
    },
    {
      route: 'PATCH /auth/me',
      source: 'CustomMessage_UpdateUserAttribute',
      send: async (clientMetadata) => {
        const user = await cognito.signInAs({ email: newEmail('me') });
        const attributes = { email: newEmail('me-new') };
        return request(
          'PATCH',
          `${app.url}/auth/me`,
          { attributes, clientMetadata },
          bearer(user.accessToken),
        );
      },
    },
    {
      route: 'POST /admin/users',
      source: 'PreSignUp_AdminCreateUser',
      send: (clientMetadata) =>
        post(
          '/admin/users',
          { email: newEmail('created'), clientMetadata },
          { authorization: admin.authorization },
        ),
    },
    {
      route: 'PATCH /admin/users/:username',
      source: 'CustomMessage_UpdateUserAttribute',
      send: async (clientMetadata) => {
        const { email } = await cognito.signInAs({ email: newEmail('updated') });
        const attributes = { email: newEmail('updated-new') };
        return request(
          'PATCH',
          `${app.url}/admin/users/${encodeURIComponent(email)}`,
          { attributes, clientMetadata },
          { authorization: admin.authorization },
        );
      },
    },
  ];

  it.each(ROUTES)('$route: clientMetadata reaches $source', async ({ route, source, send }) => {
    const metadata = { route, returnTo: 'https://app.example.com/welcome' };
    const from = received.length;
    const answer = await send(metadata);
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    const reached = received.slice(from).filter((event) => event.source === source);
    expect(reached.map((event) => event.metadata)).toContainEqual(metadata);
  });

  it.each(ROUTES)('$route: a bad clientMetadata is 400 VALIDATION_FAILED', async ({ send }) => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    for (const bad of ['web', ['web'], { app: 1 }, { app: 'x'.repeat(2049) }, { 'a key': 'v' }, tooMany]) {
      expect(await send(bad), JSON.stringify(bad).slice(0, 80)).toMatchObject({
        status: 400,
        body: VALIDATION,
      });
    }
  });
});
