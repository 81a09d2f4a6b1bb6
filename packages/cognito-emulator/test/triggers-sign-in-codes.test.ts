import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomMessageTriggerEvent, RunningEmulator } from '../src/index.js';
import { PASSWORD, rejection } from './helpers.js';
import { passwordUser, signInPool, SMS_CONFIGURATION } from './sign-in-pool.js';
import { lambdaConfigOf, TestFunctions, type TriggerNames, triggerEmulator } from './triggers-pool.js';

// The codes a sign-in sends (SMS_MFA and EMAIL_OTP as a second factor, USER_AUTH's EMAIL_OTP and
// SMS_OTP) through the custom message and custom sender triggers, with AWS's `Authentication`
// sources, over the AWS SDK; each code read from what the trigger or the outbox got, then answered.

const functions = new TestFunctions(['custom-message', 'email-sender', 'sms-sender']);
const SENDERS: TriggerNames = {
  CustomMessage: 'custom-message',
  CustomEmailSender: 'email-sender',
  CustomSMSSender: 'sms-sender',
};

/** A custom message answer with the given response fields. */
const write = (response: Partial<CustomMessageTriggerEvent['response']>) => (event: unknown) => {
  const answer = event as CustomMessageTriggerEvent;
  return { ...answer, response: { ...answer.response, ...response } };
};

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => ({ emulator, cognito } = await triggerEmulator(functions)));
afterAll(() => emulator.stop());
beforeEach(() => functions.reset());

/**
 * A pool with the given triggers whose MFA is OPTIONAL with SMS and email codes, allowing email and
 * SMS codes as USER_AUTH's first factor, and a client of password sign-in and USER_AUTH.
 */
async function codesPool(triggers: TriggerNames) {
  const pool = await signInPool(cognito, 'sign-in-codes', {
    lambdaConfig: lambdaConfigOf(triggers),
    firstFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
    flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  await cognito.setUserPoolMfaConfig({
    UserPoolId: pool.poolId,
    MfaConfiguration: 'OPTIONAL',
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'SMS code {####}', SmsConfiguration: SMS_CONFIGURATION },
    EmailMfaConfiguration: { Message: 'Email code {####}', Subject: 'Your code' },
  });
  return pool;
}

type CodesPool = Awaited<ReturnType<typeof codesPool>>;

let count = 0;

/** A user with a verified email and phone, and the second factors given on (none: no MFA). */
async function codesUser(
  pool: CodesPool,
  factors: { sms?: boolean; email?: boolean; preferred?: 'sms' | 'email' },
) {
  const email = `codes${count++}@example.com`;
  const phone = `+1555060${String(count).padStart(4, '0')}`;
  const sub = await passwordUser(cognito, pool.poolId, email, {
    email_verified: 'true',
    phone_number: phone,
    phone_number_verified: 'true',
  });
  await cognito.adminSetUserMFAPreference({
    UserPoolId: pool.poolId,
    Username: email,
    ...(factors.sms ? { SMSMfaSettings: { Enabled: true, PreferredMfa: factors.preferred === 'sms' } } : {}),
    ...(factors.email
      ? { EmailMfaSettings: { Enabled: true, PreferredMfa: factors.preferred === 'email' } }
      : {}),
  });
  return { email, phone, sub };
}

const passwordSignIn = (pool: CodesPool, email: string) =>
  cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD },
    ClientMetadata: { from: 'initiate' },
  });

const codeSignIn = (pool: CodesPool, email: string, challenge: 'EMAIL_OTP' | 'SMS_OTP') =>
  cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_AUTH',
    AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: challenge },
    ClientMetadata: { from: 'initiate' },
  });

/** Answers a code challenge with a code; answers the tokens. */
async function answer(
  pool: CodesPool,
  email: string,
  challenge: { ChallengeName?: string | undefined; Session?: string | undefined },
  code: string,
) {
  const name = challenge.ChallengeName!;
  const field = name === 'SMS_MFA' ? 'SMS_MFA_CODE' : `${name}_CODE`;
  const done = await cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: name as never,
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: email, [field]: code },
  });
  return done.AuthenticationResult;
}

/** The sign-in codes the outbox recorded for an address, oldest first. */
const codeMessages = (to: string) => emulator.messages({ to }).filter((message) => message.kind === 'MFA');

/**
 * Answers a choice (SELECT_MFA_TYPE, SELECT_CHALLENGE) with an SMS code factor and ClientMetadata:
 * the custom message trigger must get the metadata and write the SMS, whose code then signs in.
 */
async function chooseSmsCode(
  pool: CodesPool,
  user: { email: string; phone: string },
  choice: { ChallengeName?: string | undefined; Session?: string | undefined },
  factor: 'SMS_MFA' | 'SMS_OTP',
) {
  functions.answer('custom-message', write({ smsMessage: 'Texted code {####}' }));
  const challenge = await cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: choice.ChallengeName as never,
    Session: choice.Session,
    ChallengeResponses: { USERNAME: user.email, ANSWER: factor },
    ClientMetadata: { chose: factor },
  });
  expect(challenge.ChallengeName).toBe(factor);
  expect(functions.of('custom-message')).toMatchObject([
    { triggerSource: 'CustomMessage_Authentication', request: { clientMetadata: { chose: factor } } },
  ]);
  const [message] = codeMessages(user.phone);
  expect(message?.body).toBe(`Texted code ${message?.code}`);
  expect(await answer(pool, user.email, challenge, message!.code!)).toMatchObject({ TokenType: 'Bearer' });
}

describe('MFA codes (SMS_MFA, EMAIL_OTP)', () => {
  it("CustomMessage_Authentication writes the email code's message, {####} replaced; the code answers", async () => {
    const pool = await codesPool({ CustomMessage: 'custom-message' });
    const { email, phone, sub } = await codesUser(pool, { email: true, preferred: 'email' });
    functions.answer('custom-message', write({ emailSubject: 'Sign-in', emailMessage: 'Your code: {####}' }));
    const challenge = await passwordSignIn(pool, email);
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    const events = functions.of('custom-message');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      triggerSource: 'CustomMessage_Authentication',
      userPoolId: pool.poolId,
      userName: sub,
      callerContext: { clientId: pool.clientId },
      request: {
        userAttributes: { sub, email, phone_number: phone, 'cognito:user_status': 'CONFIRMED' },
        codeParameter: '{####}',
        usernameParameter: null,
      },
    });
    // InitiateAuth's ClientMetadata is not given to the custom message trigger (AWS's documentation).
    expect(events[0]!.request).not.toHaveProperty('clientMetadata.from');
    const [message] = codeMessages(email);
    expect(message?.code).toMatch(/^\d{6}$/);
    expect([message?.subject, message?.body]).toEqual(['Sign-in', `Your code: ${message?.code}`]);
    expect(await answer(pool, email, challenge, message!.code!)).toMatchObject({ TokenType: 'Bearer' });
  });

  it("SELECT_MFA_TYPE's answer sends the SMS code: its ClientMetadata reaches the trigger, smsMessage is used", async () => {
    const pool = await codesPool({ CustomMessage: 'custom-message' });
    const user = await codesUser(pool, { sms: true, email: true });
    const select = await passwordSignIn(pool, user.email);
    expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(functions.of('custom-message')).toEqual([]);
    await chooseSmsCode(pool, user, select, 'SMS_MFA');
  });

  it('a message without {####} is not used: the pool’s MFA template goes out', async () => {
    const pool = await codesPool({ CustomMessage: 'custom-message' });
    const { email } = await codesUser(pool, { email: true, preferred: 'email' });
    functions.answer('custom-message', write({ emailMessage: 'No code here' }));
    await passwordSignIn(pool, email);
    const [message] = codeMessages(email);
    expect([message?.subject, message?.body]).toEqual(['Your code', `Email code ${message?.code}`]);
  });

  it('a failing custom message fails the sign-in (UserLambdaValidationException): no code, no session', async () => {
    const pool = await codesPool({ CustomMessage: 'custom-message' });
    const { email } = await codesUser(pool, { email: true, preferred: 'email' });
    functions.answer('custom-message', () => {
      throw new Error('Templates unavailable');
    });
    expect(await rejection(passwordSignIn(pool, email))).toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'CustomMessage failed with error Templates unavailable.',
    });
    expect(codeMessages(email)).toEqual([]);
    functions.reset();
    const challenge = await passwordSignIn(pool, email);
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(codeMessages(email)).toHaveLength(1);
  });

  it('CustomEmailSender_Authentication and CustomSMSSender_Authentication get the code, which answers', async () => {
    const pool = await codesPool(SENDERS);
    const byEmail = await codesUser(pool, { email: true, preferred: 'email' });
    const emailChallenge = await passwordSignIn(pool, byEmail.email);
    const [emailEvent] = functions.of('email-sender');
    expect(emailEvent).toMatchObject({
      triggerSource: 'CustomEmailSender_Authentication',
      userName: byEmail.sub,
      callerContext: { clientId: pool.clientId },
      request: { type: 'customEmailSenderRequestV1', code: expect.stringMatching(/^\d{6}$/) },
    });
    const emailCode = (emailEvent!.request as { code: string }).code;
    expect(codeMessages(byEmail.email)).toMatchObject([
      { body: "(delivered by the pool's CustomEmailSender function)", code: emailCode },
    ]);
    expect(await answer(pool, byEmail.email, emailChallenge, emailCode)).toMatchObject({
      TokenType: 'Bearer',
    });

    const bySms = await codesUser(pool, { sms: true, preferred: 'sms' });
    const smsChallenge = await passwordSignIn(pool, bySms.email);
    const [smsEvent] = functions.of('sms-sender');
    expect(smsEvent).toMatchObject({
      triggerSource: 'CustomSMSSender_Authentication',
      request: { type: 'customSMSSenderRequestV1' },
    });
    const smsCode = (smsEvent!.request as { code: string }).code;
    expect(await answer(pool, bySms.email, smsChallenge, smsCode)).toMatchObject({ TokenType: 'Bearer' });
    // The senders write the messages: the custom message trigger is not asked.
    expect(functions.of('custom-message')).toEqual([]);
  });
});

describe('one-time sign-in codes of USER_AUTH (EMAIL_OTP, SMS_OTP)', () => {
  it('CustomMessage_Authentication writes the email code; the code signs in', async () => {
    const pool = await codesPool({ CustomMessage: 'custom-message' });
    const { email, sub } = await codesUser(pool, {});
    functions.answer(
      'custom-message',
      write({ emailSubject: 'Sign in', emailMessage: 'One-time code {####}' }),
    );
    const challenge = await codeSignIn(pool, email, 'EMAIL_OTP');
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(functions.of('custom-message')).toMatchObject([
      {
        triggerSource: 'CustomMessage_Authentication',
        userName: sub,
        callerContext: { clientId: pool.clientId },
        request: { codeParameter: '{####}', userAttributes: { email } },
      },
    ]);
    const [message] = codeMessages(email);
    expect([message?.subject, message?.body]).toEqual(['Sign in', `One-time code ${message?.code}`]);
    expect(await answer(pool, email, challenge, message!.code!)).toMatchObject({ TokenType: 'Bearer' });
  });

  it("SMS_OTP chosen at SELECT_CHALLENGE: the answer's ClientMetadata reaches the trigger; the code signs in", async () => {
    const pool = await codesPool({ CustomMessage: 'custom-message' });
    const user = await codesUser(pool, {});
    const select = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: user.email },
    });
    expect(select.ChallengeName).toBe('SELECT_CHALLENGE');
    await chooseSmsCode(pool, user, select, 'SMS_OTP');
  });

  it('CustomEmailSender_Authentication gets the code, which signs in; no custom message', async () => {
    const pool = await codesPool(SENDERS);
    const { email } = await codesUser(pool, {});
    const challenge = await codeSignIn(pool, email, 'EMAIL_OTP');
    const [event] = functions.of('email-sender');
    expect(event).toMatchObject({
      triggerSource: 'CustomEmailSender_Authentication',
      request: { type: 'customEmailSenderRequestV1' },
    });
    const code = (event!.request as { code: string }).code;
    expect(codeMessages(email).map((message) => message.code)).toEqual([code]);
    expect(await answer(pool, email, challenge, code)).toMatchObject({ TokenType: 'Bearer' });
    expect(functions.of('custom-message')).toEqual([]);
  });

  it('a failing custom message fails the sign-in; a name of no user runs no trigger', async () => {
    const pool = await codesPool({ CustomMessage: 'custom-message' });
    const { email } = await codesUser(pool, {});
    functions.answer('custom-message', () => {
      throw new Error('Templates unavailable');
    });
    expect(await rejection(codeSignIn(pool, email, 'EMAIL_OTP'))).toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'CustomMessage failed with error Templates unavailable.',
    });
    expect(codeMessages(email)).toEqual([]);
    functions.reset();
    const standIn = await codeSignIn(pool, 'nobody@example.com', 'EMAIL_OTP');
    expect(standIn.ChallengeName).toBe('EMAIL_OTP');
    expect(functions.of('custom-message')).toEqual([]);
  });
});
