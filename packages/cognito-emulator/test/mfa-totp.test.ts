import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { matchingStep, totpCode } from '../src/services/totp.js';
import { appCode } from './clients/totp.js';
import { userOf, userPoolOf } from './clients/identity-js.js';
import { emailPool, emulatorWithSdk, PASSWORD, race, rejection, userWithPassword, wire } from './helpers.js';
import { outputProblems } from './output-shape.js';

// Authenticator-app MFA through the AWS SDK over HTTP: AssociateSoftwareToken, VerifySoftwareToken,
// preferences, the SOFTWARE_TOKEN_MFA challenge after a password or SRP, with the clock moved
// through 30-second steps. Codes come from ./clients/totp.ts, written apart from the emulator's.

// Five seconds into a 30-second step, so that a step's codes stay good while a test runs.
let clock = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
const nextStep = () => (clock += 30_000);
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock })));
afterAll(() => emulator.stop());

const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
let count = 0;

/** A pool offering authenticator apps (MFA OPTIONAL), a client, a signed-in user. */
async function totpUser() {
  const pool = await emailPool(cognito, { flows: FLOWS });
  await cognito.setUserPoolMfaConfig({
    UserPoolId: pool.poolId,
    MfaConfiguration: 'OPTIONAL',
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  const email = await userWithPassword(cognito, pool.poolId, `totp${count++}@example.com`);
  const signIn = await passwordSignIn(pool.clientId, email);
  return { ...pool, email, accessToken: signIn.AuthenticationResult!.AccessToken! };
}

const passwordSignIn = (clientId: string, email: string, password = PASSWORD) =>
  cognito.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });

/** A user with a verified authenticator app, preferred; its secret. The clock is in a fresh step. */
async function enrolledUser() {
  const user = await totpUser();
  const { SecretCode } = await cognito.associateSoftwareToken({ AccessToken: user.accessToken });
  await cognito.verifySoftwareToken({ AccessToken: user.accessToken, UserCode: appCode(SecretCode!, clock) });
  await cognito.setUserMFAPreference({
    AccessToken: user.accessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  nextStep();
  return { ...user, secret: SecretCode! };
}

const answerTotp = (clientId: string, email: string, session: string, code: string) =>
  cognito.respondToAuthChallenge({
    ClientId: clientId,
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    Session: session,
    ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
  });

describe('the emulator’s TOTP', () => {
  it('gives RFC 6238’s SHA-1 test vectors (6 digits)', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890"
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ];
    for (const [seconds, code] of vectors) {
      expect(totpCode(secret, Math.floor(seconds / 30))).toBe(code);
      expect(appCode(secret, seconds * 1000)).toBe(code);
    }
  });

  it('accepts one step of drift either way, not two', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const at = 1_800_000_015_000;
    expect(matchingStep(secret, appCode(secret, at, -1), at)).toBe(60_000_000 - 1);
    expect(matchingStep(secret, appCode(secret, at, 1), at)).toBe(60_000_000 + 1);
    expect(matchingStep(secret, appCode(secret, at, 2), at)).toBeUndefined();
    expect(matchingStep(secret, appCode(secret, at, -2), at)).toBeUndefined();
  });
});

describe('AssociateSoftwareToken and VerifySoftwareToken', () => {
  it('associate a base32 secret, refuse a wrong code, verify a right one', async () => {
    const user = await totpUser();
    const { SecretCode, Session } = await cognito.associateSoftwareToken({ AccessToken: user.accessToken });
    expect(SecretCode).toMatch(/^[A-Z2-7]{32,}$/);
    expect(Session).toBeUndefined();
    const wrong = appCode(SecretCode!, clock, 5);
    const error = await rejection(
      cognito.verifySoftwareToken({ AccessToken: user.accessToken, UserCode: wrong }),
    );
    expect(error.name).toBe('EnableSoftwareTokenMFAException');
    const answer = await cognito.verifySoftwareToken({
      AccessToken: user.accessToken,
      UserCode: appCode(SecretCode!, clock),
      FriendlyDeviceName: 'phone',
    });
    expect(answer.Status).toBe('SUCCESS');
    // Verified is not yet on: the user turns it on with SetUserMFAPreference.
    const got = await cognito.getUser({ AccessToken: user.accessToken });
    expect(got.UserMFASettingList).toBeUndefined();
    expect(got.PreferredMfaSetting).toBeUndefined();
  });

  it('refuse a pool without authenticator apps', async () => {
    const pool = await emailPool(cognito);
    const email = await userWithPassword(cognito, pool.poolId, `plain${count++}@example.com`);
    const { AuthenticationResult } = await passwordSignIn(pool.clientId, email);
    const error = await rejection(
      cognito.associateSoftwareToken({ AccessToken: AuthenticationResult!.AccessToken! }),
    );
    expect(error.name).toBe('SoftwareTokenMFANotFoundException');
  });

  it('verify without an associated secret is refused', async () => {
    const user = await totpUser();
    const error = await rejection(
      cognito.verifySoftwareToken({ AccessToken: user.accessToken, UserCode: '123456' }),
    );
    expect(error.name).toBe('InvalidParameterException');
  });
});

describe('MFA preferences', () => {
  it('turn a verified app on and preferred, shown by GetUser and AdminGetUser', async () => {
    const user = await enrolledUser();
    const got = await cognito.getUser({ AccessToken: user.accessToken });
    expect(got.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(got.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    // On the wire, of the model's shape.
    const raw = await wire(emulator.endpoint, 'GetUser', { AccessToken: user.accessToken });
    expect(raw.body.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(outputProblems('GetUser', raw.body)).toEqual([]);
    const rawAdmin = await wire(
      emulator.endpoint,
      'AdminGetUser',
      { UserPoolId: user.poolId, Username: user.email },
      { signed: true },
    );
    expect(outputProblems('AdminGetUser', rawAdmin.body)).toEqual([]);
    const admin = await cognito.adminGetUser({ UserPoolId: user.poolId, Username: user.email });
    expect(admin.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(admin.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    await cognito.adminSetUserMFAPreference({
      UserPoolId: user.poolId,
      Username: user.email,
      SoftwareTokenMfaSettings: { Enabled: false },
    });
    const after = await cognito.adminGetUser({ UserPoolId: user.poolId, Username: user.email });
    expect(after.UserMFASettingList).toBeUndefined();
    expect(after.PreferredMfaSetting).toBeUndefined();
  });

  it('refuse a factor the user cannot receive', async () => {
    const user = await totpUser();
    const totp = await rejection(
      cognito.setUserMFAPreference({
        AccessToken: user.accessToken,
        SoftwareTokenMfaSettings: { Enabled: true },
      }),
    );
    expect(totp).toMatchObject({
      name: 'InvalidParameterException',
      message: 'User has not verified software token mfa',
    });
    const sms = await rejection(
      cognito.adminSetUserMFAPreference({
        UserPoolId: user.poolId,
        Username: user.email,
        SMSMfaSettings: { Enabled: true },
      }),
    );
    expect(sms).toMatchObject({
      name: 'InvalidParameterException',
      message: 'User does not have delivery config set to turn on SMS_MFA',
    });
  });

  it('AdminDeleteSoftwareToken removes the app: no more challenge', async () => {
    const user = await enrolledUser();
    await cognito.adminDeleteSoftwareToken({ UserPoolId: user.poolId, Username: user.email });
    expect((await cognito.getUser({ AccessToken: user.accessToken })).UserMFASettingList).toBeUndefined();
    const signIn = await passwordSignIn(user.clientId, user.email);
    expect(signIn.ChallengeName).toBeUndefined();
    expect(signIn.AuthenticationResult?.AccessToken).toBeDefined();
  });
});

describe('the SOFTWARE_TOKEN_MFA challenge', () => {
  it('follows the password; a wrong code is CodeMismatchException, the right one gives tokens', async () => {
    const user = await enrolledUser();
    const challenge = await passwordSignIn(user.clientId, user.email);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenge.AuthenticationResult).toBeUndefined();
    expect(challenge.Session).toBeDefined();
    const wrong = await rejection(
      answerTotp(user.clientId, user.email, challenge.Session!, appCode(user.secret, clock, 3)),
    );
    expect(wrong).toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    const answer = await answerTotp(
      user.clientId,
      user.email,
      challenge.Session!,
      appCode(user.secret, clock),
    );
    expect(answer.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('refuses a code used once, in its window, and takes the next window’s', async () => {
    const user = await enrolledUser();
    const code = appCode(user.secret, clock);
    const first = await passwordSignIn(user.clientId, user.email);
    await answerTotp(user.clientId, user.email, first.Session!, code);
    const second = await passwordSignIn(user.clientId, user.email);
    const replay = await rejection(answerTotp(user.clientId, user.email, second.Session!, code));
    expect(replay.name).toBe('CodeMismatchException');
    nextStep();
    const answer = await answerTotp(user.clientId, user.email, second.Session!, appCode(user.secret, clock));
    expect(answer.AuthenticationResult).toBeDefined();
  });

  it('accepts a code of the previous step (drift), not of two steps back', async () => {
    const user = await enrolledUser();
    nextStep();
    nextStep();
    const challenge = await passwordSignIn(user.clientId, user.email);
    const stale = await rejection(
      answerTotp(user.clientId, user.email, challenge.Session!, appCode(user.secret, clock, -2)),
    );
    expect(stale.name).toBe('CodeMismatchException');
    const answer = await answerTotp(
      user.clientId,
      user.email,
      challenge.Session!,
      appCode(user.secret, clock, -1),
    );
    expect(answer.AuthenticationResult).toBeDefined();
  });

  it('spends the session after three wrong codes, and on success', async () => {
    const user = await enrolledUser();
    const challenge = await passwordSignIn(user.clientId, user.email);
    for (let i = 0; i < 3; i++) {
      const wrong = await rejection(
        answerTotp(user.clientId, user.email, challenge.Session!, appCode(user.secret, clock, 4)),
      );
      expect(wrong.name).toBe('CodeMismatchException');
    }
    const spent = await rejection(
      answerTotp(user.clientId, user.email, challenge.Session!, appCode(user.secret, clock)),
    );
    expect(spent).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('expires with the client’s AuthSessionValidity', async () => {
    const user = await enrolledUser();
    const challenge = await passwordSignIn(user.clientId, user.email);
    clock += 3 * 60_000;
    const late = await rejection(
      answerTotp(user.clientId, user.email, challenge.Session!, appCode(user.secret, clock)),
    );
    expect(late).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
    nextStep();
  });

  it('answers a session once under eight parallel right answers', async () => {
    const user = await enrolledUser();
    const challenge = await passwordSignIn(user.clientId, user.email);
    const code = appCode(user.secret, clock);
    const { won, lost } = await race(8, () =>
      answerTotp(user.clientId, user.email, challenge.Session!, code),
    );
    expect(won).toHaveLength(1);
    expect(lost.every((e) => e.name === 'NotAuthorizedException' || e.name === 'CodeMismatchException')).toBe(
      true,
    );
  });

  it('takes a code once across eight sign-ins answering it at once', async () => {
    const user = await enrolledUser();
    const sessions = await Promise.all(
      Array.from({ length: 8 }, async () => (await passwordSignIn(user.clientId, user.email)).Session!),
    );
    const code = appCode(user.secret, clock);
    const { won, lost } = await race(8, (i) => answerTotp(user.clientId, user.email, sessions[i]!, code));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(7).fill('CodeMismatchException'));
  });

  it('follows SRP: amazon-cognito-identity-js answers it through totpRequired', async () => {
    // SRP's TIMESTAMP is the real time: bring the clock back near it (a new user has no used step).
    clock = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
    const user = await enrolledUser();
    const cognitoUser = userOf(userPoolOf(emulator.endpoint, user), user.email);
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      const callbacks = {
        onSuccess: resolve,
        onFailure: reject,
        totpRequired: () =>
          cognitoUser.sendMFACode(appCode(user.secret, clock), callbacks, 'SOFTWARE_TOKEN_MFA'),
      };
      cognitoUser.authenticateUser(
        new AuthenticationDetails({ Username: user.email, Password: PASSWORD }),
        callbacks,
      );
    });
    expect(session.isValid()).toBe(true);
  });
});
