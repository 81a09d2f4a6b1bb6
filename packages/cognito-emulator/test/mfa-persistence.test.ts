import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appCode } from './clients/totp.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection, userWithPassword } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-mfa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MFA and lockout in a SQLite file', () => {
  it('keep the pool’s MFA, the user’s app, its used step and a lockout across a restart', async () => {
    const dataFile = join(dir, 'mfa.db');
    let clock = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
    const now = () => clock;
    const first = await emulatorWithSdk({ dataFile, now });
    const pool = await emailPool(first.cognito);
    await first.cognito.setUserPoolMfaConfig({
      UserPoolId: pool.poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const email = await userWithPassword(first.cognito, pool.poolId, 'kept@example.com');
    const other = await userWithPassword(first.cognito, pool.poolId, 'locked@example.com');
    const signIn = (cognito: typeof first.cognito, name: string, password = PASSWORD) =>
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: name, PASSWORD: password },
      });
    const { AuthenticationResult } = await signIn(first.cognito, email);
    const accessToken = AuthenticationResult!.AccessToken!;
    const { SecretCode } = await first.cognito.associateSoftwareToken({ AccessToken: accessToken });
    const usedCode = appCode(SecretCode!, clock);
    await first.cognito.verifySoftwareToken({ AccessToken: accessToken, UserCode: usedCode });
    await first.cognito.setUserMFAPreference({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    for (let i = 0; i < 5; i++) await rejection(signIn(first.cognito, other, 'Wrong-passw0rd'));
    await first.emulator.stop();

    const second = await emulatorWithSdk({ dataFile, now });
    try {
      expect((await second.cognito.getUserPoolMfaConfig({ UserPoolId: pool.poolId })).MfaConfiguration).toBe(
        'OPTIONAL',
      );
      const challenge = await signIn(second.cognito, email);
      expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      const respond = (code: string) =>
        second.cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session!,
          ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
        });
      // The code verified before the restart is still spent.
      expect((await rejection(respond(usedCode))).name).toBe('CodeMismatchException');
      clock += 30_000;
      expect((await respond(appCode(SecretCode!, clock))).AuthenticationResult).toBeDefined();
      // Back to half a second after the fifth failure: still within its one-second lockout.
      clock -= 29_500;
      expect((await rejection(signIn(second.cognito, other))).message).toBe('Password attempts exceeded');
    } finally {
      await second.emulator.stop();
    }
  });
});
