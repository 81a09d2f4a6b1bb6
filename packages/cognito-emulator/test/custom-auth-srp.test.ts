import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import {
  answerCustom,
  challengeTriggers,
  customAuthFunctions,
  type CustomPool,
  customPool,
  customUser,
  eventsOf,
  initiateCustom,
  lastCodeTo,
} from './custom-auth-fixture.js';
import { emulatorWithSdk, rejection } from './helpers.js';
import { smsMfaUser } from './sign-in-pool.js';
import { srpStart, verifierAnswer } from './user-auth-pool.js';

// CUSTOM_WITH_SRP through the AWS SDK: the password proven with SRP as the define trigger's first
// step (CHALLENGE_NAME: SRP_A), then custom challenges.

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ lambdas: customAuthFunctions }));
});
afterAll(() => emulator.stop());

const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

/** InitiateAuth CUSTOM_AUTH with SRP_A, and the client's secret of it. */
async function startWithSrp(pool: CustomPool, email: string) {
  const start = srpStart();
  const challenge = await initiateCustom(cognito, pool, {
    USERNAME: email,
    SRP_A: start.A.toString(16),
    CHALLENGE_NAME: 'SRP_A',
  });
  return { start, challenge };
}

/** The PASSWORD_VERIFIER answer, with the challenge's Session (as Amplify sends it) unless told otherwise. */
const provePassword = (
  pool: CustomPool,
  { start, challenge }: Awaited<ReturnType<typeof startWithSrp>>,
  options: { password?: string; session?: string | null } = {},
) =>
  cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ...(options.session === null ? {} : { Session: options.session ?? challenge.Session }),
    ChallengeResponses: verifierAnswer(
      pool,
      start,
      challenge.ChallengeParameters!,
      Date.now(),
      options.password,
    ),
  });

describe('CUSTOM_WITH_SRP', () => {
  it('proves the password with SRP first, then asks the custom challenge, then signs in', async () => {
    const pool = await customPool(cognito);
    const { email, sub } = await customUser(cognito, pool);
    const started = await startWithSrp(pool, email);
    expect(started.challenge).toMatchObject({
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: expect.any(String),
      ChallengeParameters: {
        SALT: expect.any(String),
        SRP_B: expect.any(String),
        SECRET_BLOCK: expect.any(String),
        USER_ID_FOR_SRP: sub,
        USERNAME: sub,
      },
    });
    const custom = await provePassword(pool, started);
    expect(custom).toMatchObject({
      ChallengeName: 'CUSTOM_CHALLENGE',
      ChallengeParameters: { USERNAME: sub },
    });
    const done = await answerCustom(cognito, pool, custom, lastCodeTo(email)!);
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));

    const sessions = eventsOf(emulator, pool.poolId, 'DefineAuthChallenge_Authentication').map(
      (event) => event.request.session,
    );
    expect(sessions).toEqual([
      [{ challengeName: 'SRP_A', challengeResult: true }],
      [
        { challengeName: 'SRP_A', challengeResult: true },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
      ],
      [
        { challengeName: 'SRP_A', challengeResult: true },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'CODE-2' },
      ],
    ]);
  });

  it('fails at a wrong password, without asking the define trigger again', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const started = await startWithSrp(pool, email);
    expect(await rejection(provePassword(pool, started, { password: 'Wr0ng-password' }))).toMatchObject(
      INCORRECT,
    );
    expect(eventsOf(emulator, pool.poolId, 'DefineAuthChallenge_Authentication')).toHaveLength(1);
    // The exchange is spent: the right password cannot follow on it.
    expect(await rejection(provePassword(pool, started))).toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('needs the Session of the step with the password proof', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const started = await startWithSrp(pool, email);
    expect(await rejection(provePassword(pool, started, { session: null }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter Session',
    });
    const other = await startWithSrp(pool, email);
    expect(
      await rejection(provePassword(pool, started, { session: other.challenge.Session! })),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    expect((await provePassword(pool, started)).ChallengeName).toBe('CUSTOM_CHALLENGE');
  });

  it('gives a stand-in exchange to a name of no user, whose every password is wrong', async () => {
    const pool = await customPool(cognito);
    const started = await startWithSrp(pool, 'ghost@example.com');
    expect(started.challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(await rejection(provePassword(pool, started))).toMatchObject(INCORRECT);
  });

  it('lets the define trigger skip the password and go to custom challenges', async () => {
    const pool = await customPool(cognito, { lambdaConfig: challengeTriggers('quiz-') });
    const { email } = await customUser(cognito, pool);
    const { challenge } = await startWithSrp(pool, email);
    // The quiz counts the SRP_A round as one of its own: its create trigger asks the second question.
    expect(challenge).toMatchObject({
      ChallengeName: 'CUSTOM_CHALLENGE',
      ChallengeParameters: { question: 'Which planet is red?' },
    });
  });

  it('asks the user’s MFA after the password, and signs in after it without the define trigger', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const phone = '+15550300001';
    await smsMfaUser(cognito, pool.poolId, { email, phone }, 'Your code: {####}');
    const started = await startWithSrp(pool, email);
    const mfa = await provePassword(pool, started);
    expect(mfa.ChallengeName).toBe('SMS_MFA');
    const code = emulator
      .messages({ to: phone })
      .filter((m) => m.kind === 'MFA')
      .at(-1)!.code!;
    const done = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'SMS_MFA',
      Session: mfa.Session,
      ChallengeResponses: { USERNAME: email, SMS_MFA_CODE: code },
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    expect(eventsOf(emulator, pool.poolId, 'DefineAuthChallenge_Authentication')).toHaveLength(1);
  });

  it('without CHALLENGE_NAME SRP_A is plain custom authentication, and SRP_A must then be given', async () => {
    const pool = await customPool(cognito);
    const { email } = await customUser(cognito, pool);
    const plain = await initiateCustom(cognito, pool, { USERNAME: email, SRP_A: srpStart().A.toString(16) });
    expect(plain.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(
      await rejection(initiateCustom(cognito, pool, { USERNAME: email, CHALLENGE_NAME: 'SRP_A' })),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter SRP_A' });
  });
});
