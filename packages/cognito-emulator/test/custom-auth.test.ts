import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LambdaHandler,
  RunningEmulator,
  VerifyAuthChallengeResponseTriggerEvent,
} from '../src/index.js';
import { secretHash } from '../src/services/secret-hash.js';
import {
  answerCustom,
  challengeTriggers,
  customAuthFunctions,
  customPool,
  customUser,
  eventsOf,
  initiateCustom,
  lastCodeTo,
} from './custom-auth-fixture.js';
import { emulatorWithSdk, race, rejection } from './helpers.js';
import { arnOf } from './lambda-helpers.js';

// CUSTOM_AUTH through the AWS SDK, with the define, create and verify triggers run in process.

/**
 * A verify function that holds its answer until the gate opens: the race test opens it once the
 * other answers have failed, or at once on a second call (two answers of one session verified).
 */
const gate = { calls: 0, open: () => {}, opened: Promise.resolve() };
function closeGate() {
  gate.calls = 0;
  gate.opened = new Promise<void>((resolve) => (gate.open = resolve));
}
const gatedVerify: LambdaHandler<VerifyAuthChallengeResponseTriggerEvent> = async (event) => {
  gate.calls += 1;
  if (gate.calls > 1) gate.open();
  await gate.opened;
  event.response.answerCorrect =
    event.request.challengeAnswer === event.request.privateChallengeParameters.code;
  return event;
};

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({
    lambdas: { ...customAuthFunctions, 'verify-gated': gatedVerify },
  }));
});
afterAll(() => emulator.stop());

const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

describe('a magic-code custom challenge', () => {
  it('sends a code, takes it as the answer and signs the user in', async () => {
    const pool = await customPool(cognito);
    const { email, sub } = await customUser(cognito, pool);
    const challenge = await initiateCustom(cognito, pool, { USERNAME: email });
    expect(challenge).toMatchObject({
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: expect.any(String),
      // The create trigger's public parameters, and the internal user name as AWS adds it.
      ChallengeParameters: { delivery: 'EMAIL', email, USERNAME: sub },
    });
    expect(challenge.ChallengeParameters).not.toHaveProperty('code');
    const done = await answerCustom(cognito, pool, challenge, lastCodeTo(email)!);
    expect(done.AuthenticationResult).toMatchObject({ AccessToken: expect.any(String), TokenType: 'Bearer' });
    const { Username } = await cognito.getUser({ AccessToken: done.AuthenticationResult!.AccessToken });
    expect(Username).toBe(sub);
  });

  it('gives a new challenge under a new session after a wrong answer, and fails after three', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const first = await initiateCustom(cognito, pool, { USERNAME: email });
    const second = await answerCustom(cognito, pool, first, 'not-the-code');
    expect(second).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { email } });
    expect(second.Session).not.toBe(first.Session);
    // The first session is spent, right or wrong.
    expect(await rejection(answerCustom(cognito, pool, first, lastCodeTo(email)!))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    const third = await answerCustom(cognito, pool, second, 'wrong again');
    expect(await rejection(answerCustom(cognito, pool, third, 'still wrong'))).toMatchObject(INCORRECT);
  });

  it('signs in with a right answer after a wrong one', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const first = await initiateCustom(cognito, pool, { USERNAME: email });
    const second = await answerCustom(cognito, pool, first, '000000x');
    const done = await answerCustom(cognito, pool, second, lastCodeTo(email)!);
    expect(done.AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });
});

describe('a quiz of several rounds', () => {
  it('asks each question in turn and signs in after both are right', async () => {
    const pool = await customPool(cognito, { lambdaConfig: challengeTriggers('quiz-') });
    const { email } = await customUser(cognito, pool);
    const first = await initiateCustom(cognito, pool, { USERNAME: email });
    expect(first.ChallengeParameters).toMatchObject({ question: 'What is 6 times 7?', round: '1' });
    const second = await answerCustom(cognito, pool, first, '42');
    expect(second.ChallengeParameters).toMatchObject({ question: 'Which planet is red?', round: '2' });
    const done = await answerCustom(cognito, pool, second, 'mars');
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('fails the sign-in at the first wrong answer, as its define trigger says', async () => {
    const pool = await customPool(cognito, { lambdaConfig: challengeTriggers('quiz-') });
    const { email } = await customUser(cognito, pool);
    const first = await initiateCustom(cognito, pool, { USERNAME: email });
    const second = await answerCustom(cognito, pool, first, '42');
    expect(await rejection(answerCustom(cognito, pool, second, 'Venus'))).toMatchObject(INCORRECT);
  });
});

describe('the events the triggers receive', () => {
  it('give define the rounds so far, create the challenge name, verify the answer and private parameters', async () => {
    const pool = await customPool(cognito, { lambdaConfig: challengeTriggers('quiz-') });
    const { email, sub } = await customUser(cognito, pool);
    const first = await initiateCustom(cognito, pool, { USERNAME: email }, { at: 'initiate' });
    const second = await answerCustom(cognito, pool, first, '42', { at: 'respond' });
    await rejection(answerCustom(cognito, pool, second, 'Venus'));

    const defines = eventsOf(emulator, pool.poolId, 'DefineAuthChallenge_Authentication');
    const creates = eventsOf(emulator, pool.poolId, 'CreateAuthChallenge_Authentication');
    const verifies = eventsOf(emulator, pool.poolId, 'VerifyAuthChallengeResponse_Authentication');
    expect(defines).toHaveLength(3);
    expect(defines[0]).toMatchObject({
      version: '1',
      region: 'us-east-1',
      userPoolId: pool.poolId,
      userName: sub,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: pool.clientId },
      request: {
        userAttributes: { sub, email, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
        session: [],
        userNotFound: false,
      },
      response: { issueTokens: false, failAuthentication: false },
    });
    // InitiateAuth's ClientMetadata reaches none of the challenge triggers, as on AWS.
    expect(defines[0]!.request).not.toHaveProperty('clientMetadata');
    expect(defines[1]!.request).toMatchObject({
      session: [
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'QUESTION-1' },
      ],
      clientMetadata: { at: 'respond' },
    });
    expect(defines[2]!.request.session).toEqual([
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'QUESTION-1' },
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'QUESTION-2' },
    ]);
    // The second answer gave no ClientMetadata: its triggers get none.
    expect(defines[2]!.request).not.toHaveProperty('clientMetadata');
    expect(creates).toHaveLength(2);
    expect(creates[0]!.request).toEqual({
      userAttributes: expect.objectContaining({ email }),
      userNotFound: false,
      challengeName: 'CUSTOM_CHALLENGE',
      session: [],
    });
    expect(creates[1]!.request).toMatchObject({
      session: defines[1]!.request.session,
      clientMetadata: { at: 'respond' },
    });
    expect(verifies[0]!.request).toMatchObject({
      privateChallengeParameters: { answer: '42' },
      challengeAnswer: '42',
      clientMetadata: { at: 'respond' },
    });
    expect(verifies[1]!.request).toMatchObject({ challengeAnswer: 'Venus' });
  });

  it('run each pool its own functions', async () => {
    const codes = await customPool(cognito);
    const quiz = await customPool(cognito, { lambdaConfig: challengeTriggers('quiz-') });
    const [a, b] = [await customUser(cognito, codes), await customUser(cognito, quiz)];
    expect((await initiateCustom(cognito, codes, { USERNAME: a.email })).ChallengeParameters).toHaveProperty(
      'delivery',
    );
    expect((await initiateCustom(cognito, quiz, { USERNAME: b.email })).ChallengeParameters).toHaveProperty(
      'question',
    );
    const functionsOf = (poolId: string) =>
      new Set(emulator.lambdaInvocations({ poolId }).map((invocation) => invocation.functionName));
    expect(functionsOf(codes.poolId)).toEqual(new Set(['define', 'create']));
    expect(functionsOf(quiz.poolId)).toEqual(new Set(['quiz-define', 'quiz-create']));
  });
});

describe('what the define trigger may answer', () => {
  it('issues tokens at once when it says so', async () => {
    const pool = await customPool(cognito, {
      lambdaConfig: challengeTriggers('', { define: 'define-tokens' }),
    });
    const { email } = await customUser(cognito, pool);
    const done = await initiateCustom(cognito, pool, { USERNAME: email });
    expect(done.AuthenticationResult?.RefreshToken).toEqual(expect.any(String));
  });

  it('fails the sign-in with failAuthentication', async () => {
    const pool = await customPool(cognito, {
      lambdaConfig: challengeTriggers('', { define: 'define-fail' }),
    });
    const { email } = await customUser(cognito, pool);
    expect(await rejection(initiateCustom(cognito, pool, { USERNAME: email }))).toMatchObject(INCORRECT);
  });

  it('cannot name a challenge other than CUSTOM_CHALLENGE, nor PASSWORD_VERIFIER without SRP_A, nor answer nothing', async () => {
    for (const define of ['define-sms', 'define-verifier', 'define-nothing', 'define-garbled']) {
      const pool = await customPool(cognito, { lambdaConfig: challengeTriggers('', { define }) });
      const { email } = await customUser(cognito, pool);
      expect(await rejection(initiateCustom(cognito, pool, { USERNAME: email }))).toMatchObject({
        name: 'InvalidLambdaResponseException',
        message: 'Unrecognizable lambda output',
      });
    }
  });

  it('fails the sign-in when a function fails, with the function’s message', async () => {
    const throwing = await customPool(cognito, {
      lambdaConfig: challengeTriggers('', { define: 'define-throws' }),
    });
    const user = await customUser(cognito, throwing);
    expect(await rejection(initiateCustom(cognito, throwing, { USERNAME: user.email }))).toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'DefineAuthChallenge failed with error No sign-in today.',
    });
    const mailDown = await customPool(cognito, {
      lambdaConfig: challengeTriggers('', { create: 'create-throws' }),
    });
    const other = await customUser(cognito, mailDown);
    expect(await rejection(initiateCustom(cognito, mailDown, { USERNAME: other.email }))).toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'CreateAuthChallenge failed with error Mail is down.',
    });
  });
});

describe('what custom authentication requires', () => {
  it('needs the pool’s define trigger, and the create and verify triggers when it gets to them', async () => {
    const none = await customPool(cognito, { lambdaConfig: {} });
    const user = await customUser(cognito, none);
    const notConfigured = {
      name: 'InvalidParameterException',
      message: 'Custom auth lambda trigger is not configured for the user pool.',
    };
    expect(await rejection(initiateCustom(cognito, none, { USERNAME: user.email }))).toMatchObject(
      notConfigured,
    );
    const defineOnly = await customPool(cognito, { lambdaConfig: { DefineAuthChallenge: arnOf('define') } });
    const other = await customUser(cognito, defineOnly);
    expect(await rejection(initiateCustom(cognito, defineOnly, { USERNAME: other.email }))).toMatchObject(
      notConfigured,
    );
    const noVerify = await customPool(cognito, {
      lambdaConfig: { DefineAuthChallenge: arnOf('define'), CreateAuthChallenge: arnOf('create') },
    });
    const third = await customUser(cognito, noVerify);
    const challenge = await initiateCustom(cognito, noVerify, { USERNAME: third.email });
    expect(
      await rejection(answerCustom(cognito, noVerify, challenge, lastCodeTo(third.email)!)),
    ).toMatchObject(notConfigured);
  });

  it('needs the flow allowed, USERNAME, and SECRET_HASH where the client has a secret', async () => {
    const srpOnly = await customPool(cognito, { flows: ['ALLOW_USER_SRP_AUTH'] });
    expect(await rejection(initiateCustom(cognito, srpOnly, { USERNAME: 'a@example.com' }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'CUSTOM_AUTH flow not enabled for this client',
    });
    const pool = await customPool(cognito, { secret: true });
    const { email, sub } = await customUser(cognito, pool);
    expect(await rejection(initiateCustom(cognito, pool, {}))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    });
    expect(await rejection(initiateCustom(cognito, pool, { USERNAME: email }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${pool.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const hash = (name: string) => secretHash(pool.clientSecret!, name, pool.clientId);
    const challenge = await initiateCustom(cognito, pool, { USERNAME: email, SECRET_HASH: hash(email) });
    const answer = (responses: Record<string, string>) =>
      cognito.respondToAuthChallenge({
        ClientId: pool.clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: challenge.Session,
        ChallengeResponses: responses,
      });
    const code = lastCodeTo(email)!;
    expect(await rejection(answer({ USERNAME: sub, ANSWER: code }))).toMatchObject({
      message: `Client ${pool.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    expect(await rejection(answer({ USERNAME: sub, SECRET_HASH: hash(sub) }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter ANSWER',
    });
    const done = await answer({ USERNAME: sub, SECRET_HASH: hash(sub), ANSWER: code });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('refuses an unconfirmed or disabled user before any challenge', async () => {
    const pool = await customPool(cognito);
    await cognito.signUp({ ClientId: pool.clientId, Username: 'pending@example.com', Password: 'Passw0rd!' });
    expect(await rejection(initiateCustom(cognito, pool, { USERNAME: 'pending@example.com' }))).toMatchObject(
      {
        name: 'UserNotConfirmedException',
        message: 'User is not confirmed.',
      },
    );
    const { email } = await customUser(cognito, pool);
    await cognito.adminDisableUser({ UserPoolId: pool.poolId, Username: email });
    expect(await rejection(initiateCustom(cognito, pool, { USERNAME: email }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    expect(eventsOf(emulator, pool.poolId, 'CreateAuthChallenge_Authentication')).toHaveLength(0);
  });

  it('refuses the session to another user, another client, another challenge', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const other = await customUser(cognito, pool);
    const challenge = await initiateCustom(cognito, pool, { USERNAME: email });
    const invalid = { name: 'NotAuthorizedException', message: 'Invalid session for the user.' };
    const asOther = { ...challenge, ChallengeParameters: { USERNAME: other.email } };
    expect(await rejection(answerCustom(cognito, pool, asOther, lastCodeTo(email)!))).toMatchObject(invalid);
    const elsewhere = await customPool(cognito);
    expect(await rejection(answerCustom(cognito, elsewhere, challenge, lastCodeTo(email)!))).toMatchObject(
      invalid,
    );
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'SMS_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, SMS_MFA_CODE: '123456' },
        }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Challenge SMS_MFA was not issued for this session.',
    });
    // None of these spent the session.
    const done = await answerCustom(cognito, pool, challenge, lastCodeTo(email)!);
    expect(done.AuthenticationResult).toBeDefined();
  });

  it('takes each session once: of 8 answers at once, one goes on', async () => {
    const pool = await customPool(cognito, {
      lambdaConfig: challengeTriggers('', { verify: 'verify-gated' }),
    });
    const { email } = await customUser(cognito, pool);
    const challenge = await initiateCustom(cognito, pool, { USERNAME: email });
    const code = lastCodeTo(email)!;
    closeGate();
    let failed = 0;
    const { won, lost } = await race(8, () =>
      answerCustom(cognito, pool, challenge, code).catch((error: unknown) => {
        if (++failed === 7) gate.open();
        throw error;
      }),
    );
    expect(gate.calls).toBe(1);
    expect(won).toHaveLength(1);
    expect(won[0]!.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    expect(lost).toHaveLength(7);
    for (const error of lost) {
      expect(error).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      });
    }
  });
});

describe('a name that names no user', () => {
  it('goes through the challenges as userNotFound where the client hides users, and never signs in', async () => {
    const pool = await customPool(cognito, {
      lambdaConfig: challengeTriggers('', { define: 'define-tokens' }),
    });
    expect(await rejection(initiateCustom(cognito, pool, { USERNAME: 'ghost@example.com' }))).toMatchObject(
      INCORRECT,
    );
    const codes = await customPool(cognito);
    const challenge = await initiateCustom(cognito, codes, { USERNAME: 'ghost@example.com' });
    // A stand-in user name, the same each time, shaped as a real one (a UUID in an email pool).
    expect(challenge.ChallengeParameters?.USERNAME).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a/);
    const again = await initiateCustom(cognito, codes, { USERNAME: 'ghost@example.com' });
    expect(again.ChallengeParameters?.USERNAME).toBe(challenge.ChallengeParameters?.USERNAME);
    const [define] = eventsOf(emulator, codes.poolId, 'DefineAuthChallenge_Authentication');
    expect(define).toMatchObject({
      userName: 'ghost@example.com',
      request: { userAttributes: {}, session: [], userNotFound: true },
    });
    const second = await answerCustom(cognito, codes, challenge, '123456');
    expect(second.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const verify = eventsOf(emulator, codes.poolId, 'VerifyAuthChallengeResponse_Authentication')[0];
    expect(verify?.request).toMatchObject({ userNotFound: true, challengeAnswer: '123456' });
  });

  it('is UserNotFoundException where the client is LEGACY, before any trigger', async () => {
    const pool = await customPool(cognito, { prevent: 'LEGACY' });
    expect(await rejection(initiateCustom(cognito, pool, { USERNAME: 'ghost@example.com' }))).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    expect(emulator.lambdaInvocations({ poolId: pool.poolId })).toHaveLength(0);
  });
});

describe('custom authentication from a back end and with devices', () => {
  it('runs through AdminInitiateAuth and AdminRespondToAuthChallenge', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const challenge = await cognito.adminInitiateAuth({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: email },
    });
    const done = await cognito.adminRespondToAuthChallenge({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: email, ANSWER: lastCodeTo(email)! },
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('gives a new device key in a pool that tracks devices', async () => {
    const pool = await customPool(cognito, { tracksDevices: true });
    const { email } = await customUser(cognito, pool);
    const challenge = await initiateCustom(cognito, pool, { USERNAME: email });
    const done = await answerCustom(cognito, pool, challenge, lastCodeTo(email)!);
    expect(done.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toMatch(/^us-east-1_/);
  });
});

describe('the life of a custom challenge’s session', () => {
  it('ends after the client’s AuthSessionValidity (3 minutes by default)', async () => {
    let clock = Date.now();
    const timed = await emulatorWithSdk({ lambdas: customAuthFunctions, now: () => clock });
    try {
      const pool = await customPool(timed.cognito);
      const { email } = await customUser(timed.cognito, pool);
      const challenge = await initiateCustom(timed.cognito, pool, { USERNAME: email });
      clock += 3 * 60_000 + 1;
      expect(await rejection(answerCustom(timed.cognito, pool, challenge, lastCodeTo(email)!))).toMatchObject(
        {
          name: 'NotAuthorizedException',
          message: 'Invalid session for the user, session is expired.',
        },
      );
      const fresh = await initiateCustom(timed.cognito, pool, { USERNAME: email });
      clock += 3 * 60_000 - 1;
      const done = await answerCustom(timed.cognito, pool, fresh, lastCodeTo(email)!);
      expect(done.AuthenticationResult).toBeDefined();
    } finally {
      await timed.emulator.stop();
    }
  });
});
