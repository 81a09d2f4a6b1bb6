import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PreSignUpTriggerEvent, RunningEmulator } from '../src/index.js';
import { PASSWORD, race, rejection } from './helpers.js';
import { poolWithTriggers, TestFunctions, triggerEmulator } from './triggers-pool.js';

const functions = new TestFunctions(['pre-sign-up', 'post-confirmation', 'other-pre-sign-up']);

/** A pre sign-up answer setting the given response flags. */
const preSignUpAnswer = (flags: Partial<PreSignUpTriggerEvent['response']>) => (event: unknown) => {
  const answer = event as PreSignUpTriggerEvent;
  return { ...answer, response: { ...answer.response, ...flags } };
};

const refuse = (message: string) => () => {
  throw new Error(message);
};

describe('pre sign-up and post confirmation triggers', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let pool: { poolId: string; clientId: string };

  beforeAll(async () => {
    ({ emulator, cognito } = await triggerEmulator(functions));
    pool = await poolWithTriggers(cognito, {
      PreSignUp: 'pre-sign-up',
      PostConfirmation: 'post-confirmation',
    });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => functions.reset());

  const signUp = (email: string, extra: { name?: string } = {}) =>
    cognito.signUp({
      ClientId: pool.clientId,
      Username: email,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'name', Value: extra.name ?? 'Jane' }],
      ValidationData: [{ Name: 'invite', Value: 'abc' }],
      ClientMetadata: { origin: 'web' },
    });
  const statusOf = async (email: string) =>
    (await cognito.adminGetUser({ UserPoolId: pool.poolId, Username: email })).UserStatus;

  describe('PreSignUp_SignUp', () => {
    it('sends the event AWS sends: envelope, the given attributes, validation data, client metadata', async () => {
      const { UserSub } = await signUp('event@example.com');
      expect(functions.of('pre-sign-up')).toEqual([
        {
          version: '1',
          triggerSource: 'PreSignUp_SignUp',
          region: 'us-east-1',
          userPoolId: pool.poolId,
          userName: UserSub,
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
          request: {
            userAttributes: { name: 'Jane', email: 'event@example.com' },
            validationData: { invite: 'abc' },
            clientMetadata: { origin: 'web' },
          },
          response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
        },
      ]);
    });

    it('an unchanged answer leaves the user unconfirmed and sends the code', async () => {
      const answer = await signUp('plain@example.com');
      expect(answer.UserConfirmed).toBe(false);
      expect(answer.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
      expect(emulator.messages({ to: 'plain@example.com' })).toHaveLength(1);
      expect(await statusOf('plain@example.com')).toBe('UNCONFIRMED');
      expect(functions.of('post-confirmation')).toEqual([]);
    });

    it('autoConfirmUser confirms the user: UserConfirmed, no code sent, post confirmation runs', async () => {
      functions.answer('pre-sign-up', preSignUpAnswer({ autoConfirmUser: true }));
      const answer = await signUp('auto@example.com');
      expect(answer.UserConfirmed).toBe(true);
      expect(answer.CodeDeliveryDetails).toBeUndefined();
      expect(emulator.messages({ to: 'auto@example.com' })).toEqual([]);
      expect(await statusOf('auto@example.com')).toBe('CONFIRMED');
      const { AuthenticationResult } = await cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'auto@example.com', PASSWORD },
      });
      expect(AuthenticationResult?.AccessToken).toBeDefined();
      const [confirmation] = functions.of('post-confirmation');
      expect(confirmation?.triggerSource).toBe('PostConfirmation_ConfirmSignUp');
      expect(confirmation?.request).toEqual({
        userAttributes: {
          sub: answer.UserSub,
          name: 'Jane',
          email: 'auto@example.com',
          'cognito:user_status': 'CONFIRMED',
        },
        clientMetadata: { origin: 'web' },
      });
    });

    it('autoVerifyEmail marks the email verified (unverified without it)', async () => {
      functions.answer('pre-sign-up', preSignUpAnswer({ autoConfirmUser: true, autoVerifyEmail: true }));
      await signUp('verified@example.com');
      functions.answer('pre-sign-up', preSignUpAnswer({ autoConfirmUser: true }));
      await signUp('unverified@example.com');
      const verifiedOf = async (email: string) =>
        (await cognito.adminGetUser({ UserPoolId: pool.poolId, Username: email })).UserAttributes?.find(
          (a) => a.Name === 'email_verified',
        )?.Value;
      expect(await verifiedOf('verified@example.com')).toBe('true');
      expect(await verifiedOf('unverified@example.com')).toBeUndefined();
    });

    it('only true counts: a truthy string confirms nothing', async () => {
      functions.answer('pre-sign-up', (event) => ({
        ...event,
        response: { autoConfirmUser: 'true', autoVerifyEmail: 1 },
      }));
      const answer = await signUp('truthy@example.com');
      expect(answer.UserConfirmed).toBe(false);
      expect(await statusOf('truthy@example.com')).toBe('UNCONFIRMED');
    });

    it('a failure is UserLambdaValidationException with the message, and no user is left behind', async () => {
      functions.answer('pre-sign-up', refuse('Not on the guest list'));
      const error = await rejection(signUp('refused@example.com'));
      expect(error).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'PreSignUp failed with error Not on the guest list.',
      });
      expect((await rejection(statusOf('refused@example.com'))).name).toBe('UserNotFoundException');
      expect(emulator.messages({ to: 'refused@example.com' })).toEqual([]);
      // The name is free: nothing half-made holds it.
      functions.answer('pre-sign-up', (event) => event);
      expect((await signUp('refused@example.com')).UserSub).toBeDefined();
    });

    it('an answer that is not an event is InvalidLambdaResponseException, and no user is made', async () => {
      functions.answer('pre-sign-up', () => 'yes');
      const error = await rejection(signUp('garbled@example.com'));
      expect(error).toMatchObject({
        name: 'InvalidLambdaResponseException',
        message: 'Unrecognizable lambda output',
      });
      expect((await rejection(statusOf('garbled@example.com'))).name).toBe('UserNotFoundException');
    });
  });

  it('autoVerifyPhone for a user without a phone number fails the sign-up, and no user is made', async () => {
    const usernames = await poolWithTriggers(
      cognito,
      { PreSignUp: 'pre-sign-up' },
      { UsernameAttributes: [], AutoVerifiedAttributes: [] },
    );
    functions.answer('pre-sign-up', preSignUpAnswer({ autoConfirmUser: true, autoVerifyPhone: true }));
    const error = await rejection(
      cognito.signUp({ ClientId: usernames.clientId, Username: 'no-phone', Password: PASSWORD }),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'PreSignUp set autoVerifyPhone, but the user has no phone_number attribute.',
    });
    const missing = await rejection(
      cognito.adminGetUser({ UserPoolId: usernames.poolId, Username: 'no-phone' }),
    );
    expect(missing.name).toBe('UserNotFoundException');
  });

  describe('PreSignUp_AdminCreateUser', () => {
    const create = (email: string) =>
      cognito.adminCreateUser({
        UserPoolId: pool.poolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        ValidationData: [{ Name: 'ticket', Value: '42' }],
        ClientMetadata: { by: 'admin' },
      });

    it('sends the event with no app client (CLIENT_ID_NOT_APPLICABLE)', async () => {
      const { User } = await create('admin-made@example.com');
      expect(functions.of('pre-sign-up')).toEqual([
        {
          version: '1',
          triggerSource: 'PreSignUp_AdminCreateUser',
          region: 'us-east-1',
          userPoolId: pool.poolId,
          userName: User?.Username,
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
          request: {
            userAttributes: { email: 'admin-made@example.com' },
            validationData: { ticket: '42' },
            clientMetadata: { by: 'admin' },
          },
          response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
        },
      ]);
    });

    it('ignores the answer, as AWS documents: the user must still change its password', async () => {
      functions.answer('pre-sign-up', preSignUpAnswer({ autoConfirmUser: true, autoVerifyEmail: true }));
      const { User } = await create('ignored@example.com');
      expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
      expect(User?.Attributes?.find((a) => a.Name === 'email_verified')).toBeUndefined();
    });

    it('a failure refuses the user: nothing is created', async () => {
      functions.answer('pre-sign-up', refuse('Domain not allowed'));
      expect(await rejection(create('blocked@example.com'))).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'PreSignUp failed with error Domain not allowed.',
      });
      expect((await rejection(statusOf('blocked@example.com'))).name).toBe('UserNotFoundException');
    });
  });

  describe('post confirmation', () => {
    const unconfirmed = async (email: string) => {
      await signUp(email);
      return emulator.messages({ to: email }).at(-1)!.code!;
    };

    it('PostConfirmation_ConfirmSignUp after ConfirmSignUp: the confirmed user and the client metadata', async () => {
      const code = await unconfirmed('confirm@example.com');
      const { UserAttributes, Username } = await cognito.adminGetUser({
        UserPoolId: pool.poolId,
        Username: 'confirm@example.com',
      });
      await cognito.confirmSignUp({
        ClientId: pool.clientId,
        Username: 'confirm@example.com',
        ConfirmationCode: code,
        ClientMetadata: { step: 'confirm' },
      });
      expect(functions.of('post-confirmation')).toEqual([
        {
          version: '1',
          triggerSource: 'PostConfirmation_ConfirmSignUp',
          region: 'us-east-1',
          userPoolId: pool.poolId,
          userName: Username,
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
          request: {
            userAttributes: {
              sub: UserAttributes?.find((a) => a.Name === 'sub')?.Value,
              name: 'Jane',
              email: 'confirm@example.com',
              email_verified: 'true',
              'cognito:user_status': 'CONFIRMED',
            },
            clientMetadata: { step: 'confirm' },
          },
          response: {},
        },
      ]);
    });

    it('PostConfirmation_ConfirmSignUp after AdminConfirmSignUp, with no app client', async () => {
      await unconfirmed('admin-confirm@example.com');
      await cognito.adminConfirmSignUp({
        UserPoolId: pool.poolId,
        Username: 'admin-confirm@example.com',
        ClientMetadata: { by: 'support' },
      });
      const [event] = functions.of('post-confirmation');
      expect(event?.triggerSource).toBe('PostConfirmation_ConfirmSignUp');
      expect(event?.callerContext.clientId).toBe('CLIENT_ID_NOT_APPLICABLE');
      expect(event?.request).toMatchObject({
        userAttributes: { 'cognito:user_status': 'CONFIRMED' },
        clientMetadata: { by: 'support' },
      });
    });

    it('PostConfirmation_ConfirmForgotPassword after ConfirmForgotPassword', async () => {
      const code = await unconfirmed('forgot@example.com');
      await cognito.confirmSignUp({
        ClientId: pool.clientId,
        Username: 'forgot@example.com',
        ConfirmationCode: code,
      });
      functions.reset();
      await cognito.forgotPassword({ ClientId: pool.clientId, Username: 'forgot@example.com' });
      await cognito.confirmForgotPassword({
        ClientId: pool.clientId,
        Username: 'forgot@example.com',
        ConfirmationCode: emulator.messages({ to: 'forgot@example.com' }).at(-1)!.code!,
        Password: 'N3w-Passw0rd!',
        ClientMetadata: { step: 'reset' },
      });
      const [event] = functions.of('post-confirmation');
      expect(event?.triggerSource).toBe('PostConfirmation_ConfirmForgotPassword');
      expect(event?.callerContext.clientId).toBe(pool.clientId);
      expect(event?.request).toMatchObject({ clientMetadata: { step: 'reset' } });
    });

    it('a failure answers UserLambdaValidationException, and the confirmation stays (as on AWS)', async () => {
      const code = await unconfirmed('stays@example.com');
      functions.answer('post-confirmation', refuse('Profile service down'));
      const error = await rejection(
        cognito.confirmSignUp({
          ClientId: pool.clientId,
          Username: 'stays@example.com',
          ConfirmationCode: code,
        }),
      );
      expect(error).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'PostConfirmation failed with error Profile service down.',
      });
      expect(await statusOf('stays@example.com')).toBe('CONFIRMED');
      // The code is spent: confirming again is refused as for any confirmed user.
      const again = await rejection(
        cognito.confirmSignUp({
          ClientId: pool.clientId,
          Username: 'stays@example.com',
          ConfirmationCode: code,
        }),
      );
      expect(again).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'User cannot be confirmed. Current status is CONFIRMED',
      });
    });
  });

  it('concurrent sign-ups of one name through the trigger: one user, one code, the others refused', async () => {
    const { won, lost } = await race(5, () => signUp('crowd@example.com'));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(4).fill('UsernameExistsException'));
    // A sign-up that arrives once the winner is stored is refused before its trigger runs: how many
    // ran depends on timing, never more than one each.
    const ran = functions.of('pre-sign-up').length;
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(ran).toBeLessThanOrEqual(5);
    expect(emulator.messages({ to: 'crowd@example.com' })).toHaveLength(1);
  });

  it('concurrent confirmations with one code: one confirms, post confirmation runs once', async () => {
    await signUp('once@example.com');
    const code = emulator.messages({ to: 'once@example.com' }).at(-1)!.code!;
    const { won, lost } = await race(5, () =>
      cognito.confirmSignUp({
        ClientId: pool.clientId,
        Username: 'once@example.com',
        ConfirmationCode: code,
      }),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    expect(functions.of('post-confirmation')).toHaveLength(1);
  });

  it('each pool runs its own triggers only', async () => {
    const other = await poolWithTriggers(cognito, { PreSignUp: 'other-pre-sign-up' });
    await cognito.signUp({ ClientId: other.clientId, Username: 'b@example.com', Password: PASSWORD });
    await signUp('a@example.com');
    expect(functions.of('other-pre-sign-up').map((e) => [e.userPoolId, e.request])).toEqual([
      [other.poolId, { userAttributes: { email: 'b@example.com' } }],
    ]);
    expect(functions.of('pre-sign-up').map((e) => e.userPoolId)).toEqual([pool.poolId]);
    // A pool without triggers runs none.
    const plain = await poolWithTriggers(cognito, {});
    await cognito.signUp({ ClientId: plain.clientId, Username: 'c@example.com', Password: PASSWORD });
    expect(functions.events).toHaveLength(2);
  });
});
