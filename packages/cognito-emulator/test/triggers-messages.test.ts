import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomMessageTriggerEvent, RunningEmulator } from '../src/index.js';
import { PASSWORD, rejection } from './helpers.js';
import { lastMessage, poolWithTriggers, TestFunctions, triggerEmulator } from './triggers-pool.js';

const functions = new TestFunctions(['custom-message', 'email-sender', 'sms-sender']);

/** A custom message answer with the given response fields. */
const write = (response: Partial<CustomMessageTriggerEvent['response']>) => (event: unknown) => {
  const answer = event as CustomMessageTriggerEvent;
  return { ...answer, response: { ...answer.response, ...response } };
};

describe('custom message and custom sender triggers', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  /** A pool with a custom message trigger. */
  let pool: { poolId: string; clientId: string };
  /** A pool with custom email and SMS senders (and a custom message trigger, which they replace). */
  let senders: { poolId: string; clientId: string };

  beforeAll(async () => {
    ({ emulator, cognito } = await triggerEmulator(functions));
    pool = await poolWithTriggers(cognito, { CustomMessage: 'custom-message' });
    senders = await poolWithTriggers(cognito, {
      CustomMessage: 'custom-message',
      CustomEmailSender: 'email-sender',
      CustomSMSSender: 'sms-sender',
    });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => functions.reset());

  const signUp = (email: string, target = pool) =>
    cognito.signUp({
      ClientId: target.clientId,
      Username: email,
      Password: PASSWORD,
      ClientMetadata: { lang: 'fr' },
    });
  /** A confirmed user of a pool, signed in: its access token. */
  const signedIn = async (email: string, target = pool) => {
    await signUp(email, target);
    await cognito.confirmSignUp({
      ClientId: target.clientId,
      Username: email,
      ConfirmationCode: lastMessage(emulator, email)!.code!,
    });
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: target.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    functions.reset();
    return AuthenticationResult!.AccessToken!;
  };

  describe('CustomMessage', () => {
    it('CustomMessage_SignUp: the event AWS sends, with the code and link placeholders', async () => {
      const { UserSub } = await signUp('event@example.com');
      expect(functions.of('custom-message')).toEqual([
        {
          version: '1',
          triggerSource: 'CustomMessage_SignUp',
          region: 'us-east-1',
          userPoolId: pool.poolId,
          userName: UserSub,
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
          request: {
            userAttributes: {
              sub: UserSub,
              email: 'event@example.com',
              'cognito:user_status': 'UNCONFIRMED',
            },
            codeParameter: '{####}',
            linkParameter: '{##Click Here##}',
            usernameParameter: null,
            clientMetadata: { lang: 'fr' },
          },
          response: { smsMessage: null, emailMessage: null, emailSubject: null },
        },
      ]);
    });

    it("the function's subject and message go out, {####} replaced by the code, which confirms", async () => {
      functions.answer(
        'custom-message',
        write({ emailSubject: 'Bienvenue', emailMessage: '<b>Code: {####}</b> for {username}' }),
      );
      const { UserSub } = await signUp('custom@example.com');
      const message = lastMessage(emulator, 'custom@example.com')!;
      expect(message.subject).toBe('Bienvenue');
      expect(message.code).toMatch(/^\d{6}$/);
      expect(message.body).toBe(`<b>Code: ${message.code}</b> for ${UserSub}`);
      await cognito.confirmSignUp({
        ClientId: pool.clientId,
        Username: 'custom@example.com',
        ConfirmationCode: message.code!,
      });
    });

    it('a message without the code placeholder is not used: the template goes out (a subject alone is kept)', async () => {
      functions.answer(
        'custom-message',
        write({ emailSubject: 'Hello', emailMessage: 'Welcome aboard, no code here' }),
      );
      await signUp('no-code@example.com');
      const message = lastMessage(emulator, 'no-code@example.com')!;
      expect(message.body).toBe(`Your verification code is ${message.code}. `);
      expect(message.subject).toBe('Hello');
    });

    it('CustomMessage_ResendCode for ResendConfirmationCode', async () => {
      await signUp('resend@example.com');
      functions.reset();
      functions.answer('custom-message', write({ emailMessage: 'Again: {####}' }));
      await cognito.resendConfirmationCode({
        ClientId: pool.clientId,
        Username: 'resend@example.com',
        ClientMetadata: { why: 'lost' },
      });
      const [event] = functions.of('custom-message');
      expect(event?.triggerSource).toBe('CustomMessage_ResendCode');
      expect(event?.request).toMatchObject({ clientMetadata: { why: 'lost' } });
      const message = lastMessage(emulator, 'resend@example.com')!;
      expect([message.kind, message.body]).toEqual(['RESEND_CODE', `Again: ${message.code}`]);
    });

    it('CustomMessage_ForgotPassword for ForgotPassword and AdminResetUserPassword', async () => {
      await signedIn('forgot@example.com');
      functions.answer('custom-message', write({ emailMessage: 'Reset with {####}' }));
      await cognito.forgotPassword({ ClientId: pool.clientId, Username: 'forgot@example.com' });
      await cognito.adminResetUserPassword({
        UserPoolId: pool.poolId,
        Username: 'forgot@example.com',
        ClientMetadata: { by: 'support' },
      });
      expect(functions.of('custom-message').map((e) => [e.triggerSource, e.callerContext.clientId])).toEqual([
        ['CustomMessage_ForgotPassword', pool.clientId],
        ['CustomMessage_ForgotPassword', 'CLIENT_ID_NOT_APPLICABLE'],
      ]);
      const message = lastMessage(emulator, 'forgot@example.com')!;
      expect(message.body).toBe(`Reset with ${message.code}`);
      await cognito.confirmForgotPassword({
        ClientId: pool.clientId,
        Username: 'forgot@example.com',
        ConfirmationCode: message.code!,
        Password: 'N3w-Passw0rd!',
      });
    });

    it('CustomMessage_UpdateUserAttribute for UpdateUserAttributes and AdminUpdateUserAttributes', async () => {
      const token = await signedIn('update@example.com');
      functions.answer('custom-message', write({ emailMessage: 'Verify: {####}' }));
      await cognito.updateUserAttributes({
        AccessToken: token,
        UserAttributes: [{ Name: 'email', Value: 'updated@example.com' }],
        ClientMetadata: { from: 'settings' },
      });
      const message = lastMessage(emulator, 'updated@example.com')!;
      expect(message.body).toBe(`Verify: ${message.code}`);
      await cognito.adminUpdateUserAttributes({
        UserPoolId: pool.poolId,
        Username: 'updated@example.com',
        UserAttributes: [{ Name: 'email', Value: 'admin-updated@example.com' }],
      });
      const events = functions.of('custom-message');
      expect(events.map((e) => [e.triggerSource, e.callerContext.clientId])).toEqual([
        ['CustomMessage_UpdateUserAttribute', pool.clientId],
        ['CustomMessage_UpdateUserAttribute', 'CLIENT_ID_NOT_APPLICABLE'],
      ]);
      expect(events[0]?.request).toMatchObject({ clientMetadata: { from: 'settings' } });
      expect(lastMessage(emulator, 'admin-updated@example.com')?.kind).toBe('VERIFY_ATTRIBUTE');
    });

    it('CustomMessage_VerifyUserAttribute for GetUserAttributeVerificationCode; the code verifies', async () => {
      const token = await signedIn('verify@example.com');
      functions.answer('custom-message', write({ emailMessage: 'Check {####}' }));
      await cognito.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' });
      const [event] = functions.of('custom-message');
      expect(event?.triggerSource).toBe('CustomMessage_VerifyUserAttribute');
      const message = lastMessage(emulator, 'verify@example.com')!;
      expect(message.body).toBe(`Check ${message.code}`);
      await cognito.verifyUserAttribute({ AccessToken: token, AttributeName: 'email', Code: message.code! });
    });

    it('CustomMessage_AdminCreateUser: username and code placeholders, one invocation for email and SMS', async () => {
      functions.answer(
        'custom-message',
        write({
          emailSubject: 'Your account',
          emailMessage: 'User {username}, password {####}',
          smsMessage: '{username}/{####}',
        }),
      );
      const { User } = await cognito.adminCreateUser({
        UserPoolId: pool.poolId,
        Username: 'invited@example.com',
        TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [{ Name: 'phone_number', Value: '+15550100001' }],
        DesiredDeliveryMediums: ['EMAIL', 'SMS'],
        ClientMetadata: { team: 'ops' },
      });
      const events = functions.of('custom-message');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        triggerSource: 'CustomMessage_AdminCreateUser',
        userName: User?.Username,
        callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' },
        request: {
          userAttributes: {
            email: 'invited@example.com',
            phone_number: '+15550100001',
            'cognito:user_status': 'FORCE_CHANGE_PASSWORD',
          },
          codeParameter: '{####}',
          usernameParameter: '{username}',
          clientMetadata: { team: 'ops' },
        },
      });
      const email = lastMessage(emulator, 'invited@example.com')!;
      const sms = lastMessage(emulator, '+15550100001')!;
      expect([email.subject, email.body]).toEqual([
        'Your account',
        'User invited@example.com, password Temp-Passw0rd!',
      ]);
      expect([sms.kind, sms.body]).toEqual(['INVITATION', 'invited@example.com/Temp-Passw0rd!']);
    });

    it('an invitation without the username placeholder is not used: the template goes out', async () => {
      functions.answer('custom-message', write({ emailMessage: 'Password {####}' }));
      await cognito.adminCreateUser({
        UserPoolId: pool.poolId,
        Username: 'template@example.com',
        TemporaryPassword: 'Temp-Passw0rd!',
        DesiredDeliveryMediums: ['EMAIL'],
      });
      expect(lastMessage(emulator, 'template@example.com')?.body).toBe(
        'Your username is template@example.com and temporary password is Temp-Passw0rd!. ',
      );
    });

    it('a failure is UserLambdaValidationException; the sign-up leaves no user and no message', async () => {
      functions.answer('custom-message', () => {
        throw new Error('Template service down');
      });
      expect(await rejection(signUp('failed@example.com'))).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'CustomMessage failed with error Template service down.',
      });
      expect(emulator.messages({ to: 'failed@example.com' })).toEqual([]);
      const missing = await rejection(
        cognito.adminGetUser({ UserPoolId: pool.poolId, Username: 'failed@example.com' }),
      );
      expect(missing.name).toBe('UserNotFoundException');
    });

    it('a failure on AdminCreateUser leaves no user and no invitation', async () => {
      functions.answer('custom-message', () => {
        throw new Error('No template');
      });
      const error = await rejection(
        cognito.adminCreateUser({
          UserPoolId: pool.poolId,
          Username: 'not-invited@example.com',
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      expect(error.name).toBe('UserLambdaValidationException');
      expect(emulator.messages({ to: 'not-invited@example.com' })).toEqual([]);
      const missing = await rejection(
        cognito.adminGetUser({ UserPoolId: pool.poolId, Username: 'not-invited@example.com' }),
      );
      expect(missing.name).toBe('UserNotFoundException');
    });
  });

  describe('CustomEmailSender and CustomSMSSender', () => {
    it('CustomEmailSender_SignUp gets the code (plain text here); the outbox records it; no custom message', async () => {
      const { UserSub } = await signUp('sender@example.com', senders);
      const message = lastMessage(emulator, 'sender@example.com')!;
      expect(message).toMatchObject({
        kind: 'SIGN_UP',
        subject: null,
        body: "(delivered by the pool's CustomEmailSender function)",
      });
      expect(functions.of('email-sender')).toEqual([
        {
          version: '1',
          triggerSource: 'CustomEmailSender_SignUp',
          region: 'us-east-1',
          userPoolId: senders.poolId,
          userName: UserSub,
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: senders.clientId },
          request: {
            type: 'customEmailSenderRequestV1',
            code: message.code,
            userAttributes: {
              sub: UserSub,
              email: 'sender@example.com',
              'cognito:user_status': 'UNCONFIRMED',
            },
            clientMetadata: { lang: 'fr' },
          },
          response: {},
        },
      ]);
      expect(functions.of('custom-message')).toEqual([]);
      await cognito.confirmSignUp({
        ClientId: senders.clientId,
        Username: 'sender@example.com',
        ConfirmationCode: message.code!,
      });
    });

    it('each situation has its source: ResendCode, ForgotPassword, UpdateUserAttribute, VerifyUserAttribute', async () => {
      await signUp('sources@example.com', senders);
      await cognito.resendConfirmationCode({ ClientId: senders.clientId, Username: 'sources@example.com' });
      await cognito.confirmSignUp({
        ClientId: senders.clientId,
        Username: 'sources@example.com',
        ConfirmationCode: lastMessage(emulator, 'sources@example.com')!.code!,
      });
      await cognito.forgotPassword({ ClientId: senders.clientId, Username: 'sources@example.com' });
      const { AuthenticationResult } = await cognito.initiateAuth({
        ClientId: senders.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'sources@example.com', PASSWORD },
      });
      const token = AuthenticationResult!.AccessToken!;
      await cognito.getUserAttributeVerificationCode({ AccessToken: token, AttributeName: 'email' });
      await cognito.updateUserAttributes({
        AccessToken: token,
        UserAttributes: [{ Name: 'email', Value: 'sources2@example.com' }],
      });
      const events = functions.of('email-sender');
      expect(events.map((e) => e.triggerSource)).toEqual([
        'CustomEmailSender_SignUp',
        'CustomEmailSender_ResendCode',
        'CustomEmailSender_ForgotPassword',
        'CustomEmailSender_VerifyUserAttribute',
        'CustomEmailSender_UpdateUserAttribute',
      ]);
      // Every code handed over is the one the outbox recorded (and the one that works).
      const codes = [
        ...emulator.messages({ to: 'sources@example.com' }),
        ...emulator.messages({ to: 'sources2@example.com' }),
      ].map((m) => m.code);
      expect(events.map((e) => (e.request as { code: string }).code)).toEqual(codes);
      expect(functions.of('custom-message')).toEqual([]);
    });

    it('CustomSMSSender_AdminCreateUser gets the temporary password; the email goes to CustomEmailSender', async () => {
      await cognito.adminCreateUser({
        UserPoolId: senders.poolId,
        Username: 'sms@example.com',
        TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [{ Name: 'phone_number', Value: '+15550100002' }],
        DesiredDeliveryMediums: ['SMS', 'EMAIL'],
      });
      const [sms] = functions.of('sms-sender');
      expect(sms).toMatchObject({
        triggerSource: 'CustomSMSSender_AdminCreateUser',
        callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' },
        request: { type: 'customSMSSenderRequestV1', code: 'Temp-Passw0rd!' },
      });
      expect(functions.of('email-sender').map((e) => e.triggerSource)).toEqual([
        'CustomEmailSender_AdminCreateUser',
      ]);
      expect(lastMessage(emulator, '+15550100002')).toMatchObject({
        kind: 'INVITATION',
        body: "(delivered by the pool's CustomSMSSender function)",
        code: 'Temp-Passw0rd!',
      });
    });

    it("a sender's failure does not fail the operation (AWS invokes senders asynchronously); it is recorded", async () => {
      functions.answer('email-sender', () => {
        throw new Error('SES throttled');
      });
      const answer = await signUp('throttled@example.com', senders);
      expect(answer.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
      expect(lastMessage(emulator, 'throttled@example.com')?.code).toMatch(/^\d{6}$/);
      const [record] = emulator.lambdaInvocations({ poolId: senders.poolId, latest: 1 });
      expect(record).toMatchObject({
        trigger: 'CustomEmailSender',
        error: {
          type: 'UserLambdaValidationException',
          message: 'CustomEmailSender failed with error SES throttled.',
        },
      });
    });
  });
});
