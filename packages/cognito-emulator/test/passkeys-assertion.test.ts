import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import {
  hasPasskey,
  PASSKEY_REFUSED,
  startPasskeyAssertion,
  verifyPasskeyAssertion,
} from '../src/services/webauthn.js';
import { emulatorWithSdk, race, rejection } from './helpers.js';
import {
  type Ceremony,
  passkeyPool,
  registerPasskey,
  type RequestOptions,
  SoftwareAuthenticator,
} from './passkey-authenticator.js';

/**
 * The passkey half of a WEB_AUTHN sign-in challenge, through the service the USER_AUTH flow calls:
 * passkeys registered over the AWS SDK, then a challenge from `startPasskeyAssertion` signed by the
 * software authenticator and checked by `verifyPasskeyAssertion`, honest and in every way refused.
 */
describe('passkey assertions (WEB_AUTHN challenge)', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let pool: Awaited<ReturnType<typeof passkeyPool>>;
  let users = 0;
  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    pool = await passkeyPool(cognito, emulator);
  });
  afterAll(() => emulator.stop());

  /** A signed-in user with a passkey of a new authenticator, and the service's view of them. */
  async function userWithPasskey(on = pool) {
    const { accessToken, username } = await on.signedIn(`assert${users++}@example.com`);
    const authenticator = new SoftwareAuthenticator();
    const credentialId = await registerPasskey(cognito, accessToken, authenticator);
    const { ctx, pool: stored, user } = on.stored(username);
    /** A fresh challenge for this user, and the authenticator's answer to it. */
    const answer = (ceremony: Ceremony = {}) => {
      const { options, challenge } = startPasskeyAssertion(ctx, stored, user);
      const credential = JSON.stringify(authenticator.get(JSON.parse(options) as RequestOptions, ceremony));
      return { credential, challenge };
    };
    /** The check of the sign-in, with the pool as stored now (its settings may have changed). */
    const verify = (credential: string, challenge: string) => {
      const now = on.stored(username);
      return verifyPasskeyAssertion(now.ctx, now.pool, now.user, credential, challenge);
    };
    return { ctx, stored, user, accessToken, authenticator, credentialId, answer, verify };
  }

  const refused = async (promise: Promise<unknown>) => {
    const error = await rejection(promise);
    expect({ name: error.name, message: error.message }).toEqual({
      name: 'NotAuthorizedException',
      message: PASSKEY_REFUSED,
    });
  };

  it('hasPasskey tells whether the user registered one', async () => {
    const { username } = await pool.signedIn(`none${users++}@example.com`);
    const bare = pool.stored(username);
    expect(hasPasskey(bare.ctx, bare.pool, bare.user)).toBe(false);
    const withKey = await userWithPasskey();
    expect(hasPasskey(withKey.ctx, withKey.stored, withKey.user)).toBe(true);
  });

  it('startPasskeyAssertion answers AWS’s request options: the user’s passkeys, the relying party, user verification', async () => {
    const { ctx, stored, user, accessToken, authenticator, credentialId } = await userWithPasskey();
    const second = await registerPasskey(cognito, accessToken, authenticator);
    const { options, challenge } = startPasskeyAssertion(ctx, stored, user);
    const parsed = JSON.parse(options) as Record<string, unknown>;
    expect(parsed).toEqual({
      challenge,
      timeout: 180000,
      rpId: 'localhost',
      allowCredentials: expect.arrayContaining([
        { type: 'public-key', id: credentialId, transports: ['internal', 'hybrid'] },
        { type: 'public-key', id: second, transports: ['internal', 'hybrid'] },
      ]),
      userVerification: 'preferred',
    });
    expect(parsed.allowCredentials).toHaveLength(2);
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(startPasskeyAssertion(ctx, stored, user).challenge).not.toBe(challenge);
  });

  it('accepts the authenticator’s signature over the challenge, again and again with a growing counter', async () => {
    const { answer, verify } = await userWithPasskey();
    for (let i = 0; i < 3; i++) {
      const { credential, challenge } = answer();
      await verify(credential, challenge);
    }
  });

  it('refuses a replayed assertion (its counter is spent) and a counter that goes backwards', async () => {
    const { answer, verify, authenticator, credentialId } = await userWithPasskey();
    const first = answer();
    await verify(first.credential, first.challenge);
    await refused(verify(first.credential, first.challenge));
    authenticator.setCounter(credentialId, 0);
    const backwards = answer();
    await refused(verify(backwards.credential, backwards.challenge));
  });

  it('refuses a signature over another challenge', async () => {
    const { answer, verify } = await userWithPasskey();
    const stale = answer();
    const fresh = answer();
    await refused(verify(stale.credential, fresh.challenge));
    const forged = answer({ challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    await refused(verify(forged.credential, forged.challenge));
  });

  it('refuses another origin, another relying party, and a registration-type ceremony', async () => {
    const { answer, verify } = await userWithPasskey();
    for (const ceremony of [
      { origin: 'https://evil.example' },
      { rpId: 'evil.example' },
      { type: 'webauthn.create' },
    ]) {
      const { credential, challenge } = answer(ceremony);
      await refused(verify(credential, challenge));
    }
    const honest = answer();
    await verify(honest.credential, honest.challenge);
  });

  it('refuses someone else’s passkey, even signed correctly over this user’s challenge', async () => {
    const alice = await userWithPasskey();
    const bob = await userWithPasskey();
    const { options, challenge } = startPasskeyAssertion(bob.ctx, bob.stored, bob.user);
    const aliceSigns = alice.authenticator.get(JSON.parse(options) as RequestOptions, {}, alice.credentialId);
    await refused(bob.verify(JSON.stringify(aliceSigns), challenge));
  });

  it('refuses a deleted passkey', async () => {
    const { answer, verify, accessToken, credentialId } = await userWithPasskey();
    const { credential, challenge } = answer();
    await cognito.deleteWebAuthnCredential({ AccessToken: accessToken, CredentialId: credentialId });
    await refused(verify(credential, challenge));
  });

  it('refuses an assertion without user verification when the pool requires it', async () => {
    const strict = await passkeyPool(cognito, emulator);
    const { answer, verify } = await userWithPasskey(strict);
    await cognito.setUserPoolMfaConfig({
      UserPoolId: strict.poolId,
      WebAuthnConfiguration: { UserVerification: 'required' },
    });
    const unverified = answer({ userVerified: false });
    await refused(verify(unverified.credential, unverified.challenge));
    const verified = answer();
    await verify(verified.credential, verified.challenge);
  });

  it('answers NotAuthorizedException, never a crash, for answers that are not an AuthenticationResponseJSON', async () => {
    const { answer, verify } = await userWithPasskey();
    const { credential, challenge } = answer();
    const valid = JSON.parse(credential) as Record<string, Record<string, unknown>>;
    const broken = [
      '',
      'not json',
      'null',
      '[]',
      JSON.stringify({ ...valid, type: 'other' }),
      JSON.stringify({ ...valid, response: { ...valid.response, signature: 'AAAA' } }),
      JSON.stringify({ ...valid, response: { ...valid.response, authenticatorData: '!!' } }),
      JSON.stringify({ ...valid, response: { ...valid.response, clientDataJSON: 'e30' } }),
      JSON.stringify({ ...valid, id: 'unknown', rawId: 'unknown' }),
    ];
    for (const text of broken) await refused(verify(text, challenge));
    await verify(credential, challenge);
  });

  it('accepts one of 8 simultaneous uses of one assertion (the counter moves once)', async () => {
    const { answer, verify } = await userWithPasskey();
    const { credential, challenge } = answer();
    const { won, lost } = await race(8, () => verify(credential, challenge));
    expect(won).toHaveLength(1);
    expect(new Set(lost.map((e) => e.name))).toEqual(new Set(['NotAuthorizedException']));
  });
});
