import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoAuthFlow, isChallenge, type SignInResult } from '../src/index.js';
import { type EmulatedCognito, startEmulatedCognito } from '../src/testing/index.js';
import type { CognitoTriggerEvent, TriggerHandler, TriggerHandlers } from '../src/triggers/index.js';
import { servicesFor as compiledServices } from './helpers.js';

// clientMetadata on every call of the library whose Cognito operation takes ClientMetadata, through
// the real AWS SDK against the emulator: a trigger on every point of the pool records what it was
// handed, and each call must reach the trigger Cognito gives its metadata to, under the field
// Cognito uses (InitiateAuth's is the pre authentication trigger's `validationData`).

interface Received {
  source: string;
  clientMetadata?: Record<string, string>;
  validationData?: Record<string, string>;
}

const received: Received[] = [];

/** One function for every trigger: it writes down the metadata of each event and changes nothing. */
const record: TriggerHandler = async (event: CognitoTriggerEvent) => {
  const request = event.request as {
    clientMetadata?: Record<string, string>;
    validationData?: Record<string, string>;
  };
  received.push({
    source: event.triggerSource,
    ...(request.clientMetadata ? { clientMetadata: request.clientMetadata } : {}),
    ...(request.validationData ? { validationData: request.validationData } : {}),
  });
  return event;
};

const TRIGGERS: TriggerHandlers = {
  PreSignUp: record,
  CustomMessage: record,
  PostConfirmation: record,
  PreAuthentication: record,
  PostAuthentication: record,
  PreTokenGeneration: record,
};

const PASSWORD = 'Test-passw0rd!';

let cognito: EmulatedCognito;
const servicesFor = (authFlow: CognitoAuthFlow = 'USER_PASSWORD_AUTH') =>
  compiledServices({ ...cognito.moduleOptions, authFlow });

let emails = 0;
const newEmail = (tag: string) => `meta-${tag}-${++emails}@example.test`;

/** Whether the trigger source was handed `metadata` under `field` since `from` (an index in `received`). */
function handed(from: number, source: string, field: 'clientMetadata' | 'validationData', metadata: object) {
  return received.slice(from).some((event) => event.source === source && isEqual(event[field], metadata));
}
const isEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function challenge(result: SignInResult) {
  if (!isChallenge(result)) throw new Error(`expected a challenge, got tokens`);
  return result;
}

beforeAll(async () => {
  cognito = await startEmulatedCognito({ triggers: TRIGGERS, tokenGenerationVersion: 'V2_0' });
});
afterAll(() => cognito?.stop());

/**
 * Each case: what to do with a `clientMetadata` map, and where Cognito must hand it (trigger
 * source and field). Every case gets its own map, so a match can only come from its own call.
 */
interface Case {
  call: string;
  run(clientMetadata: Record<string, string>): Promise<unknown>;
  reaches: [source: string, field: 'clientMetadata' | 'validationData'][];
}

const CASES: Case[] = [
  {
    call: 'signUp',
    run: async (clientMetadata) =>
      (await servicesFor()).auth.signUp({ email: newEmail('sign-up'), password: PASSWORD, clientMetadata }),
    reaches: [
      ['PreSignUp_SignUp', 'clientMetadata'],
      ['CustomMessage_SignUp', 'clientMetadata'],
    ],
  },
  {
    call: 'confirmSignUp',
    run: async (clientMetadata) => {
      const { auth } = await servicesFor();
      const email = newEmail('confirm');
      await auth.signUp({ email, password: PASSWORD });
      await auth.confirmSignUp(email, cognito.lastCode(email)!, { clientMetadata });
    },
    reaches: [['PostConfirmation_ConfirmSignUp', 'clientMetadata']],
  },
  {
    call: 'resendConfirmationCode',
    run: async (clientMetadata) => {
      const { auth } = await servicesFor();
      const email = newEmail('resend');
      await auth.signUp({ email, password: PASSWORD });
      await auth.resendConfirmationCode(email, { clientMetadata });
    },
    reaches: [['CustomMessage_ResendCode', 'clientMetadata']],
  },
  {
    call: 'signIn (USER_PASSWORD_AUTH)',
    run: async (clientMetadata) => {
      const { email } = await cognito.signInAs({ email: newEmail('password') });
      await (await servicesFor()).auth.signIn(email, PASSWORD, { clientMetadata });
    },
    reaches: [['PreAuthentication_Authentication', 'validationData']],
  },
  {
    call: 'signIn (ADMIN_USER_PASSWORD_AUTH)',
    run: async (clientMetadata) => {
      const { email } = await cognito.signInAs({ email: newEmail('admin-flow') });
      await (await servicesFor('ADMIN_USER_PASSWORD_AUTH')).auth.signIn(email, PASSWORD, { clientMetadata });
    },
    reaches: [['PreAuthentication_Authentication', 'validationData']],
  },
  {
    call: 'signIn (USER_SRP_AUTH)',
    run: async (clientMetadata) => {
      const { email } = await cognito.signInAs({ email: newEmail('srp') });
      await (await servicesFor('USER_SRP_AUTH')).auth.signIn(email, PASSWORD, { clientMetadata });
    },
    reaches: [
      ['PreAuthentication_Authentication', 'validationData'],
      ['PostAuthentication_Authentication', 'clientMetadata'],
      ['TokenGeneration_Authentication', 'clientMetadata'],
    ],
  },
  {
    call: 'signInWithoutPassword',
    run: async (clientMetadata) => {
      const { email } = await cognito.signInAs({ email: newEmail('otp-start') });
      await (await servicesFor()).auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP', clientMetadata });
    },
    reaches: [['PreAuthentication_Authentication', 'validationData']],
  },
  {
    call: 'respondToChallenge (EMAIL_OTP)',
    run: async (clientMetadata) => {
      const { auth } = await servicesFor();
      const { email } = await cognito.signInAs({ email: newEmail('otp-answer') });
      const { session } = challenge(await auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' }));
      const code = cognito.lastCode(email, 'MFA')!;
      await auth.respondToChallenge({ email, session, challenge: 'EMAIL_OTP', code, clientMetadata });
    },
    reaches: [
      ['PostAuthentication_Authentication', 'clientMetadata'],
      ['TokenGeneration_Authentication', 'clientMetadata'],
    ],
  },
  {
    call: 'respondToNewPasswordChallenge',
    run: async (clientMetadata) => {
      const { auth, admin } = await servicesFor();
      const email = newEmail('new-password');
      await admin.createUser({ email, temporaryPassword: 'Temp-passw0rd!', sendInvitation: false });
      const { session } = challenge(await auth.signIn(email, 'Temp-passw0rd!'));
      await auth.respondToNewPasswordChallenge({ email, session, newPassword: PASSWORD, clientMetadata });
    },
    reaches: [['TokenGeneration_NewPasswordChallenge', 'clientMetadata']],
  },
  {
    call: 'forgotPassword',
    run: async (clientMetadata) => {
      const { email } = await cognito.signInAs({ email: newEmail('forgot') });
      await (await servicesFor()).auth.forgotPassword(email, { clientMetadata });
    },
    reaches: [['CustomMessage_ForgotPassword', 'clientMetadata']],
  },
  {
    call: 'confirmForgotPassword',
    run: async (clientMetadata) => {
      const { auth } = await servicesFor();
      const { email } = await cognito.signInAs({ email: newEmail('reset') });
      await auth.forgotPassword(email);
      await auth.confirmForgotPassword(email, cognito.lastCode(email)!, 'Other-passw0rd!', {
        clientMetadata,
      });
    },
    reaches: [['PostConfirmation_ConfirmForgotPassword', 'clientMetadata']],
  },
  {
    call: 'updateProfile',
    run: async (clientMetadata) => {
      const { accessToken } = await cognito.signInAs({ email: newEmail('profile') });
      await (
        await servicesFor()
      ).auth.updateProfile(accessToken, { email: newEmail('profile-new') }, { clientMetadata });
    },
    reaches: [['CustomMessage_UpdateUserAttribute', 'clientMetadata']],
  },
  {
    call: 'admin createUser',
    run: async (clientMetadata) =>
      (await servicesFor()).admin.createUser({ email: newEmail('create'), clientMetadata }),
    reaches: [
      ['PreSignUp_AdminCreateUser', 'clientMetadata'],
      ['CustomMessage_AdminCreateUser', 'clientMetadata'],
    ],
  },
  {
    call: 'admin confirmSignUp',
    run: async (clientMetadata) => {
      const { auth, admin } = await servicesFor();
      const email = newEmail('admin-confirm');
      await auth.signUp({ email, password: PASSWORD });
      await admin.confirmSignUp(email, { clientMetadata });
    },
    reaches: [['PostConfirmation_ConfirmSignUp', 'clientMetadata']],
  },
  {
    call: 'admin resetPassword',
    run: async (clientMetadata) => {
      const { email } = await cognito.signInAs({ email: newEmail('admin-reset') });
      await (await servicesFor()).admin.resetPassword(email, { clientMetadata });
    },
    reaches: [['CustomMessage_ForgotPassword', 'clientMetadata']],
  },
  {
    call: 'admin updateUser',
    run: async (clientMetadata) => {
      const { email } = await cognito.signInAs({ email: newEmail('admin-update') });
      await (
        await servicesFor()
      ).admin.updateUser(email, { email: newEmail('admin-update-new') }, { clientMetadata });
    },
    reaches: [['CustomMessage_UpdateUserAttribute', 'clientMetadata']],
  },
];

describe('clientMetadata reaches the triggers Cognito hands it to', () => {
  it.each(CASES)('$call', async ({ call, run, reaches }) => {
    const metadata = { call, 'app:origin': 'https://app.example.com' };
    const from = received.length;
    await run(metadata);
    for (const [source, field] of reaches) {
      expect([source, field, handed(from, source, field, metadata)]).toEqual([source, field, true]);
    }
  });

  it('without clientMetadata (or with an empty map) the events carry none', async () => {
    const { auth } = await servicesFor();
    const from = received.length;
    await auth.signUp({ email: newEmail('none'), password: PASSWORD });
    await auth.signUp({ email: newEmail('empty'), password: PASSWORD, clientMetadata: {} });
    const events = received.slice(from).filter((event) => event.source === 'PreSignUp_SignUp');
    expect(events).toEqual([{ source: 'PreSignUp_SignUp' }, { source: 'PreSignUp_SignUp' }]);
  });
});
