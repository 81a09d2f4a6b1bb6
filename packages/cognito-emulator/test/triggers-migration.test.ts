import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator, UserMigrationTriggerEvent } from '../src/index.js';
import { PASSWORD, race, rejection } from './helpers.js';
import { lastMessage, poolWithTriggers, TestFunctions, triggerEmulator } from './triggers-pool.js';

const functions = new TestFunctions(['migrate', 'custom-message']);

/** The old directory's answer for a user: its attributes, and what else the test wants. */
const migrateAs =
  (response: Partial<UserMigrationTriggerEvent['response']>) =>
  (event: unknown): unknown => ({
    ...(event as object),
    response: {
      userAttributes: { email: (event as UserMigrationTriggerEvent).userName, email_verified: 'true' },
      ...response,
    },
  });

/** A legacy password that the pool's password policy would refuse (no symbol, no upper case). */
const LEGACY_PASSWORD = 'legacy12345';

describe('user migration trigger', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let pool: { poolId: string; clientId: string };

  beforeAll(async () => {
    ({ emulator, cognito } = await triggerEmulator(functions));
    pool = await poolWithTriggers(cognito, { UserMigration: 'migrate' });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => functions.reset());

  const signIn = (email: string, password = LEGACY_PASSWORD) =>
    cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
      ClientMetadata: { app: 'legacy-web' },
    });
  const userOf = (email: string) => cognito.adminGetUser({ UserPoolId: pool.poolId, Username: email });

  describe('UserMigration_Authentication', () => {
    it('sends the name, the password and the sign-in metadata as validationData', async () => {
      functions.answer('migrate', migrateAs({}));
      await signIn('event@example.com');
      expect(functions.of('migrate')).toEqual([
        {
          version: '1',
          triggerSource: 'UserMigration_Authentication',
          region: 'us-east-1',
          userPoolId: pool.poolId,
          userName: 'event@example.com',
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
          request: { password: LEGACY_PASSWORD, validationData: { app: 'legacy-web' } },
          response: { userAttributes: {} },
        },
      ]);
    });

    it('creates the user with its password (policy not applied) and signs it in in the same call', async () => {
      functions.answer(
        'migrate',
        migrateAs({
          finalUserStatus: 'CONFIRMED',
          messageAction: 'SUPPRESS',
          desiredDeliveryMediums: ['EMAIL'],
        }),
      );
      const { AuthenticationResult } = await signIn('moved@example.com');
      expect(AuthenticationResult?.AccessToken).toBeDefined();
      const user = await userOf('moved@example.com');
      expect(user.UserStatus).toBe('CONFIRMED');
      expect(user.UserAttributes).toEqual(
        expect.arrayContaining([
          { Name: 'email', Value: 'moved@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ]),
      );
      // Known now: the next sign-in does not ask the old directory.
      functions.reset();
      await signIn('moved@example.com');
      expect(functions.of('migrate')).toEqual([]);
      expect(emulator.messages({ to: 'moved@example.com' })).toEqual([]);
    });

    it('ADMIN_USER_PASSWORD_AUTH migrates too', async () => {
      functions.answer('migrate', migrateAs({}));
      const { AuthenticationResult } = await cognito.adminInitiateAuth({
        UserPoolId: pool.poolId,
        ClientId: pool.clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'admin-moved@example.com', PASSWORD: LEGACY_PASSWORD },
      });
      expect(AuthenticationResult?.IdToken).toBeDefined();
      expect(functions.of('migrate').map((e) => e.triggerSource)).toEqual(['UserMigration_Authentication']);
    });

    it('finalUserStatus RESET_REQUIRED: the user is created, the sign-in answers PasswordResetRequiredException', async () => {
      functions.answer('migrate', migrateAs({ finalUserStatus: 'RESET_REQUIRED' }));
      expect(await rejection(signIn('reset@example.com'))).toMatchObject({
        name: 'PasswordResetRequiredException',
        message: 'Password reset required for the user',
      });
      expect((await userOf('reset@example.com')).UserStatus).toBe('RESET_REQUIRED');
    });

    it("the function's failure is UserLambdaValidationException, and no user is created", async () => {
      functions.answer('migrate', () => {
        throw new Error('Bad password');
      });
      expect(await rejection(signIn('unknown@example.com'))).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'UserMigration failed with error Bad password.',
      });
      expect((await rejection(userOf('unknown@example.com'))).name).toBe('UserNotFoundException');
    });

    it('an answer without userAttributes is InvalidLambdaResponseException, and no user is created', async () => {
      functions.answer('migrate', (event) => ({ ...event, response: { finalUserStatus: 'CONFIRMED' } }));
      expect((await rejection(signIn('empty@example.com'))).name).toBe('InvalidLambdaResponseException');
      functions.answer('migrate', migrateAs({ finalUserStatus: 'ARCHIVED' as 'CONFIRMED' }));
      expect((await rejection(signIn('archived@example.com'))).name).toBe('InvalidLambdaResponseException');
      expect((await rejection(userOf('empty@example.com'))).name).toBe('UserNotFoundException');
    });

    it('never migrates on USER_SRP_AUTH, where the password does not reach Cognito', async () => {
      functions.answer('migrate', migrateAs({}));
      await cognito
        .initiateAuth({
          ClientId: pool.clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: 'srp@example.com', SRP_A: '02' },
        })
        .catch(() => undefined);
      expect(functions.of('migrate')).toEqual([]);
      expect((await rejection(userOf('srp@example.com'))).name).toBe('UserNotFoundException');
    });

    it('keeps the password out of the invocation records', async () => {
      functions.answer('migrate', (event) => {
        throw new Error(`rejected ${(event as UserMigrationTriggerEvent).request.password}`);
      });
      await signIn('secret@example.com', 'S3cret-Legacy!').catch(() => undefined);
      const [record] = emulator.lambdaInvocations({ poolId: pool.poolId, latest: 1 });
      expect(record?.event).toMatchObject({ request: { password: '(redacted)' } });
      expect(record?.error?.message).toBe('UserMigration failed with error rejected (redacted).');
      expect(JSON.stringify(record)).not.toContain('S3cret-Legacy!');
    });

    it('concurrent first sign-ins of one user: one user is created, every sign-in succeeds', async () => {
      functions.answer('migrate', migrateAs({}));
      const { won, lost } = await race(5, () => signIn('crowd@example.com'));
      expect(lost).toEqual([]);
      expect(won.every((answer) => answer.AuthenticationResult?.AccessToken)).toBe(true);
      const { Users } = await cognito.listUsers({
        UserPoolId: pool.poolId,
        Filter: 'email = "crowd@example.com"',
      });
      expect(Users).toHaveLength(1);
    });
  });

  describe('the welcome message (unless messageAction is SUPPRESS)', () => {
    const withPhone = (email: string, phone: string) => ({
      email,
      email_verified: 'true',
      phone_number: phone,
    });

    it('goes by SMS by default: the pool’s invitation, whose temporary password signs nobody in', async () => {
      functions.answer('migrate', (event) =>
        migrateAs({ userAttributes: withPhone('welcome@example.com', '+15550700001') })(event),
      );
      expect((await signIn('welcome@example.com')).AuthenticationResult?.AccessToken).toBeDefined();
      const message = lastMessage(emulator, '+15550700001')!;
      expect(message.kind).toBe('INVITATION');
      expect(message.code).toEqual(expect.any(String));
      expect(message.body).toBe(
        `Your username is welcome@example.com and temporary password is ${message.code}. `,
      );
      expect(emulator.messages({ to: 'welcome@example.com' })).toEqual([]);
      expect(await rejection(signIn('welcome@example.com', message.code!))).toMatchObject({
        name: 'NotAuthorizedException',
      });
      expect((await signIn('welcome@example.com')).AuthenticationResult?.AccessToken).toBeDefined();
    });

    it('desiredDeliveryMediums EMAIL sends it by email; RESEND and RESET_REQUIRED send it too', async () => {
      functions.answer(
        'migrate',
        migrateAs({
          finalUserStatus: 'RESET_REQUIRED',
          messageAction: 'RESEND',
          desiredDeliveryMediums: ['EMAIL'],
        }),
      );
      expect((await rejection(signIn('welcome-email@example.com'))).name).toBe(
        'PasswordResetRequiredException',
      );
      expect(emulator.messages({ to: 'welcome-email@example.com' })).toMatchObject([
        { kind: 'INVITATION', subject: 'Your temporary password' },
      ]);
    });

    it('concurrent first sign-ins of one user send one welcome message', async () => {
      functions.answer(
        'migrate',
        migrateAs({ userAttributes: withPhone('crowd-welcome@example.com', '+15550700003') }),
      );
      const { won, lost } = await race(5, () => signIn('crowd-welcome@example.com'));
      expect([won.length, lost]).toEqual([5, []]);
      expect(emulator.messages({ to: '+15550700003' })).toHaveLength(1);
    });

    it('SUPPRESS sends none, whatever the media', async () => {
      functions.answer(
        'migrate',
        migrateAs({
          userAttributes: withPhone('suppressed@example.com', '+15550700002'),
          messageAction: 'SUPPRESS',
          desiredDeliveryMediums: ['EMAIL', 'SMS'],
        }),
      );
      await signIn('suppressed@example.com');
      expect(emulator.messages({ to: 'suppressed@example.com' })).toEqual([]);
      expect(emulator.messages({ to: '+15550700002' })).toEqual([]);
    });

    it('desiredDeliveryMediums other than a list of EMAIL and SMS is InvalidLambdaResponseException', async () => {
      functions.answer('migrate', migrateAs({ desiredDeliveryMediums: ['FAX' as 'EMAIL'] }));
      expect((await rejection(signIn('fax@example.com'))).name).toBe('InvalidLambdaResponseException');
      expect((await rejection(userOf('fax@example.com'))).name).toBe('UserNotFoundException');
    });

    it('runs CustomMessage_AdminCreateUser (ForgotPassword’s metadata); its failure creates nobody', async () => {
      const messaged = await poolWithTriggers(cognito, {
        UserMigration: 'migrate',
        CustomMessage: 'custom-message',
      });
      functions.answer('migrate', migrateAs({ desiredDeliveryMediums: ['EMAIL'] }));
      const forgot = (email: string) =>
        cognito.forgotPassword({
          ClientId: messaged.clientId,
          Username: email,
          ClientMetadata: { from: 'reset' },
        });
      await forgot('welcomed@example.com');
      const events = functions.of('custom-message');
      expect(events.map((event) => event.triggerSource)).toEqual([
        'CustomMessage_AdminCreateUser',
        'CustomMessage_ForgotPassword',
      ]);
      expect(events[0]).toMatchObject({
        callerContext: { clientId: messaged.clientId },
        request: { usernameParameter: '{username}', clientMetadata: { from: 'reset' } },
      });
      expect(emulator.messages({ to: 'welcomed@example.com' }).map((m) => m.kind)).toEqual([
        'INVITATION',
        'FORGOT_PASSWORD',
      ]);
      functions.answer('custom-message', () => {
        throw new Error('No template');
      });
      expect(await rejection(forgot('not-welcomed@example.com'))).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'CustomMessage failed with error No template.',
      });
      const missing = cognito.adminGetUser({
        UserPoolId: messaged.poolId,
        Username: 'not-welcomed@example.com',
      });
      expect((await rejection(missing)).name).toBe('UserNotFoundException');
      expect(emulator.messages({ to: 'not-welcomed@example.com' })).toEqual([]);
    });
  });

  describe('UserMigration_ForgotPassword', () => {
    it('sends the name and the metadata; creates the user RESET_REQUIRED and sends the reset code', async () => {
      functions.answer('migrate', migrateAs({}));
      const { CodeDeliveryDetails } = await cognito.forgotPassword({
        ClientId: pool.clientId,
        Username: 'forgot@example.com',
        ClientMetadata: { from: 'reset-page' },
      });
      expect(functions.of('migrate')).toEqual([
        {
          version: '1',
          triggerSource: 'UserMigration_ForgotPassword',
          region: 'us-east-1',
          userPoolId: pool.poolId,
          userName: 'forgot@example.com',
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
          request: { clientMetadata: { from: 'reset-page' } },
          response: { userAttributes: {} },
        },
      ]);
      expect(CodeDeliveryDetails).toEqual({
        Destination: 'f***@e***',
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      });
      expect((await userOf('forgot@example.com')).UserStatus).toBe('RESET_REQUIRED');
      await cognito.confirmForgotPassword({
        ClientId: pool.clientId,
        Username: 'forgot@example.com',
        ConfirmationCode: lastMessage(emulator, 'forgot@example.com')!.code!,
        Password: PASSWORD,
      });
      const { AuthenticationResult } = await signIn('forgot@example.com', PASSWORD);
      expect(AuthenticationResult?.AccessToken).toBeDefined();
    });

    it("the function's failure fails ForgotPassword, and no user is created", async () => {
      functions.answer('migrate', () => {
        throw new Error('Unknown user');
      });
      const error = await rejection(
        cognito.forgotPassword({ ClientId: pool.clientId, Username: 'nobody@example.com' }),
      );
      expect(error).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'UserMigration failed with error Unknown user.',
      });
      expect((await rejection(userOf('nobody@example.com'))).name).toBe('UserNotFoundException');
    });
  });
});
