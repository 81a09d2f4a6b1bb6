import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { configureAmplify, signedInAs } from './clients/amplify.js';
import {
  customAuthFunctions,
  type CustomPool,
  customPool,
  customUser,
  eventsOf,
  lastCodeTo,
} from './custom-auth-fixture.js';
import { emulatorWithSdk, PASSWORD } from './helpers.js';

// Amplify v6, unchanged, signing in with custom authentication against the emulator:
// CUSTOM_WITHOUT_SRP (a code as the only factor) and CUSTOM_WITH_SRP (the password, then the code).

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let pool: CustomPool;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ lambdas: customAuthFunctions }));
  pool = await customPool(cognito);
  configureAmplify(emulator, pool);
});
afterEach(() => signOut());
afterAll(() => emulator?.stop());

describe('Amplify v6 with custom authentication', () => {
  it('signs in with CUSTOM_WITHOUT_SRP: a custom challenge, a wrong answer, then the right one', async () => {
    const { email, sub } = await customUser(cognito, pool);
    const first = await signIn({ username: email, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    expect(first).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
        additionalInfo: { delivery: 'EMAIL', email, USERNAME: sub },
      },
    });
    const retry = await confirmSignIn({ challengeResponse: 'not the code' });
    expect(retry.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    const done = await confirmSignIn({
      challengeResponse: lastCodeTo(email)!,
      options: { clientMetadata: { app: 'amplify' } },
    });
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect((await signedInAs())?.sub).toBe(sub);
    const verifies = eventsOf(emulator, pool.poolId, 'VerifyAuthChallengeResponse_Authentication');
    expect(verifies.at(-1)?.request).toMatchObject({ clientMetadata: { app: 'amplify' } });
  });

  it('signs in with CUSTOM_WITH_SRP: the password by SRP, then the custom challenge', async () => {
    const { email, sub } = await customUser(cognito, pool);
    const first = await signIn({
      username: email,
      password: PASSWORD,
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    expect(first.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { email },
    });
    const done = await confirmSignIn({ challengeResponse: lastCodeTo(email)! });
    expect(done.isSignedIn).toBe(true);
    expect((await signedInAs())?.username).toBe(sub);
  });

  it('refuses CUSTOM_WITH_SRP with a wrong password', async () => {
    const { email } = await customUser(cognito, pool);
    const error = await signIn({
      username: email,
      password: 'Wr0ng-password',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    }).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });
});
