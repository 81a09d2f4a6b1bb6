import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPasskeyAssertion, verifyPasskeyAssertion } from '../src/services/webauthn.js';
import { contextOf } from '../src/start.js';
import { emulatorWithSdk, rejection } from './helpers.js';
import {
  passkeyPool,
  registerPasskey,
  type RequestOptions,
  SoftwareAuthenticator,
} from './passkey-authenticator.js';

const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-passkeys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('passkeys in a SQLite file', () => {
  it('keep the pool’s WebAuthn settings, the passkey, its counter and a pending registration across a restart', async () => {
    const dataFile = join(dir, 'passkeys.db');
    const first = await emulatorWithSdk({ dataFile });
    const pool = await passkeyPool(first.cognito, first.emulator);
    await first.cognito.setUserPoolMfaConfig({
      UserPoolId: pool.poolId,
      WebAuthnConfiguration: { UserVerification: 'required' },
    });
    const { accessToken, username } = await pool.signedIn('kept@example.com');
    const authenticator = new SoftwareAuthenticator();
    const credentialId = await registerPasskey(first.cognito, accessToken, authenticator);
    const signBefore = pool.stored(username);
    const { options, challenge } = startPasskeyAssertion(signBefore.ctx, signBefore.pool, signBefore.user);
    const used = JSON.stringify(authenticator.get(JSON.parse(options) as RequestOptions));
    await verifyPasskeyAssertion(signBefore.ctx, signBefore.pool, signBefore.user, used, challenge);
    const pending = authenticator.create(
      (await first.cognito.startWebAuthnRegistration({ AccessToken: accessToken }))
        .CredentialCreationOptions as never,
    );
    await first.emulator.stop();

    const second = await emulatorWithSdk({ dataFile });
    try {
      expect(
        (await second.cognito.getUserPoolMfaConfig({ UserPoolId: pool.poolId })).WebAuthnConfiguration,
      ).toEqual({
        UserVerification: 'required',
      });
      const listed = await second.cognito.listWebAuthnCredentials({ AccessToken: accessToken });
      expect(listed.Credentials!.map((c) => c.CredentialId)).toEqual([credentialId]);
      const ctx = contextOf(second.emulator);
      const stored = ctx.pools.getPool(pool.poolId);
      const user = ctx.users.findByUsername(stored, username)!;
      // The assertion accepted before the restart has spent its counter value.
      expect((await rejection(verifyPasskeyAssertion(ctx, stored, user, used, challenge))).name).toBe(
        'NotAuthorizedException',
      );
      const next = startPasskeyAssertion(ctx, stored, user);
      const signed = JSON.stringify(authenticator.get(JSON.parse(next.options) as RequestOptions));
      await verifyPasskeyAssertion(ctx, stored, user, signed, next.challenge);
      await second.cognito.completeWebAuthnRegistration({ AccessToken: accessToken, Credential: pending });
      expect(
        (await second.cognito.listWebAuthnCredentials({ AccessToken: accessToken })).Credentials,
      ).toHaveLength(2);
    } finally {
      await second.emulator.stop();
    }
  });
});
