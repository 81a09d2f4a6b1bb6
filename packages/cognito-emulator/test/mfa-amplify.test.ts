import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import {
  confirmSignIn,
  fetchMFAPreference,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { configureAmplify } from './clients/amplify.js';
import { confirmedUser, consoleDefaultPool } from './clients/console-pool.js';
import { appCode } from './clients/totp.js';
import { emulatorWithSdk, PASSWORD } from './helpers.js';

// Amplify v6, unchanged, against the emulator's MFA: TOTP set up by a signed-in user
// (setUpTOTP, verifyTOTPSetup, updateMFAPreference), then signIn → CONFIRM_SIGN_IN_WITH_TOTP_CODE
// → confirmSignIn; and MFA_SETUP in a pool that requires MFA (CONTINUE_SIGN_IN_WITH_TOTP_SETUP).
// The clock moves by whole 30-second steps (a TOTP code is good once); SRP's timestamps allow it.

let offset = 0;
const now = () => Date.now() + offset;
const nextStep = () => (offset += 30_000);
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let pool: { poolId: string; clientId: string };
let count = 0;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ now }));
  pool = await consoleDefaultPool(cognito, { usernameAttributes: ['email'] });
  configureAmplify(emulator, pool);
});
afterEach(() => signOut());
afterAll(() => emulator?.stop());

const setMode = (mode: 'ON' | 'OPTIONAL') =>
  cognito.setUserPoolMfaConfig({
    UserPoolId: pool.poolId,
    MfaConfiguration: mode,
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });

async function newUser() {
  const email = `amplify-mfa${count++}@example.com`;
  await confirmedUser(cognito, pool.poolId, email, PASSWORD, email);
  return email;
}

describe('Amplify v6 with TOTP MFA', () => {
  it('sets up TOTP, then signs in with a code', async () => {
    await setMode('OPTIONAL');
    const email = await newUser();
    expect((await signIn({ username: email, password: PASSWORD })).isSignedIn).toBe(true);
    const setup = await setUpTOTP();
    expect(setup.getSetupUri('nest-cognito', email).href).toContain(`secret=${setup.sharedSecret}`);
    await verifyTOTPSetup({ code: appCode(setup.sharedSecret, now()) });
    await updateMFAPreference({ totp: 'PREFERRED' });
    expect(await fetchMFAPreference()).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
    await signOut();
    nextStep();

    const first = await signIn({ username: email, password: PASSWORD });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    const wrong = await confirmSignIn({ challengeResponse: appCode(setup.sharedSecret, now(), 4) }).catch(
      (error: Error) => error,
    );
    expect((wrong as Error).name).toBe('CodeMismatchException');
    const done = await confirmSignIn({ challengeResponse: appCode(setup.sharedSecret, now()) });
    expect(done.isSignedIn).toBe(true);
  });

  it('sets up TOTP during sign-in where the pool requires MFA', async () => {
    await setMode('ON');
    try {
      const email = await newUser();
      const first = await signIn({ username: email, password: PASSWORD });
      expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      const step = first.nextStep as { totpSetupDetails: { sharedSecret: string } };
      const secret = step.totpSetupDetails.sharedSecret;
      const done = await confirmSignIn({ challengeResponse: appCode(secret, now()) });
      expect(done.isSignedIn).toBe(true);
      expect(await fetchMFAPreference()).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
      await signOut();
      nextStep();
      const again = await signIn({ username: email, password: PASSWORD });
      expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
      expect((await confirmSignIn({ challengeResponse: appCode(secret, now()) })).isSignedIn).toBe(true);
    } finally {
      await setMode('OPTIONAL');
    }
  });
});
