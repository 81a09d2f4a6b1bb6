import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { configureAmplify, signedInAs } from './clients/amplify.js';
import { emulatorWithSdk, PASSWORD } from './helpers.js';
import { type ChoicePool, choicePool, choiceUser, lastCode } from './user-auth-pool.js';

// Amplify v6, unchanged, signing in with USER_AUTH against the emulator: a preferred email code
// (CONFIRM_SIGN_IN_WITH_EMAIL_CODE), and the choice of first factor
// (CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION) answered with SRP, a password, or an SMS code.

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let pool: ChoicePool;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  pool = await choicePool(cognito);
  configureAmplify(emulator, pool);
});
afterEach(() => signOut());
afterAll(() => emulator?.stop());

describe('Amplify v6 with USER_AUTH', () => {
  it('signs in with a preferred email code', async () => {
    const { email } = await choiceUser(cognito, pool);
    const first = await signIn({
      username: email,
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
    });
    expect(first.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'c***@e***' },
    });
    const wrong = await confirmSignIn({
      challengeResponse: '000000' === lastCode(emulator, email).code ? '111111' : '000000',
    }).catch((error: Error) => error);
    expect((wrong as Error).name).toBe('CodeMismatchException');
    const done = await confirmSignIn({ challengeResponse: lastCode(emulator, email).code! });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect((await signedInAs())?.token_use).toBe('access');
  });

  it('offers the first factors, then signs in with the SRP password chosen', async () => {
    const { email } = await choiceUser(cognito, pool);
    const first = await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    expect(first.nextStep).toEqual({
      signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'],
    });
    const prompt = await confirmSignIn({ challengeResponse: 'PASSWORD_SRP' });
    expect(prompt.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD');
    const done = await confirmSignIn({ challengeResponse: PASSWORD });
    expect(done.isSignedIn).toBe(true);
    expect((await signedInAs())?.username).toEqual(expect.any(String));
  });

  it('signs in with the plain password chosen', async () => {
    const { email } = await choiceUser(cognito, pool);
    await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    expect((await confirmSignIn({ challengeResponse: 'PASSWORD' })).nextStep.signInStep).toBe(
      'CONFIRM_SIGN_IN_WITH_PASSWORD',
    );
    expect((await confirmSignIn({ challengeResponse: PASSWORD })).isSignedIn).toBe(true);
  });

  it('signs in with an SMS code chosen', async () => {
    const { email, phone } = await choiceUser(cognito, pool);
    await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    const code = await confirmSignIn({ challengeResponse: 'SMS_OTP' });
    expect(code.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      codeDeliveryDetails: { deliveryMedium: 'SMS', destination: `+*******${phone.slice(-4)}` },
    });
    expect((await confirmSignIn({ challengeResponse: lastCode(emulator, phone).code! })).isSignedIn).toBe(
      true,
    );
  });

  it('signs in with a preferred SRP password given at once', async () => {
    const { email } = await choiceUser(cognito, pool);
    const done = await signIn({
      username: email,
      password: PASSWORD,
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' },
    });
    expect(done.isSignedIn).toBe(true);
  });
});
