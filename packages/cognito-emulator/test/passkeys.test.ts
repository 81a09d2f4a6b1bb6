import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { contextOf } from '../src/start.js';
import { emulatorWithSdk, race, rejection, wire } from './helpers.js';
import {
  type CreationOptions,
  passkeyPool,
  registerPasskey,
  SoftwareAuthenticator,
  TEST_AAGUID,
} from './passkey-authenticator.js';

/**
 * Passkey registration through the real AWS SDK: SetUserPoolMfaConfig's WebAuthnConfiguration,
 * StartWebAuthnRegistration and CompleteWebAuthnRegistration with a software authenticator, the
 * listing and deletion of a user's passkeys, and each refusal by its AWS error.
 */
describe('passkey registration', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let clock = Date.now();
  let pool: Awaited<ReturnType<typeof passkeyPool>>;
  let users = 0;
  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock }));
    pool = await passkeyPool(cognito, emulator);
  });
  afterAll(() => emulator.stop());

  const newUser = () => pool.signedIn(`passkey${users++}@example.com`);
  const start = async (accessToken: string) =>
    (await cognito.startWebAuthnRegistration({ AccessToken: accessToken }))
      .CredentialCreationOptions as unknown as CreationOptions & Record<string, unknown>;
  const complete = (accessToken: string, credential: unknown) =>
    cognito.completeWebAuthnRegistration({ AccessToken: accessToken, Credential: credential as never });
  const list = async (accessToken: string) =>
    (await cognito.listWebAuthnCredentials({ AccessToken: accessToken })).Credentials!;
  const setConfig = (poolId: string, WebAuthnConfiguration: object) =>
    cognito.setUserPoolMfaConfig({ UserPoolId: poolId, WebAuthnConfiguration });

  describe('WebAuthnConfiguration', () => {
    it('is set by SetUserPoolMfaConfig and shown by GetUserPoolMfaConfig, user verification preferred by default', async () => {
      const { poolId } = await passkeyPool(cognito, emulator);
      expect(
        (await cognito.getUserPoolMfaConfig({ UserPoolId: poolId })).WebAuthnConfiguration,
      ).toBeUndefined();
      const answer = await setConfig(poolId, { RelyingPartyId: 'example.com' });
      expect(answer.WebAuthnConfiguration).toEqual({
        RelyingPartyId: 'example.com',
        UserVerification: 'preferred',
      });
      await setConfig(poolId, { RelyingPartyId: 'auth.example.com', UserVerification: 'required' });
      expect((await cognito.getUserPoolMfaConfig({ UserPoolId: poolId })).WebAuthnConfiguration).toEqual({
        RelyingPartyId: 'auth.example.com',
        UserVerification: 'required',
      });
    });

    it('is replaced like the other factors: a request without it goes back to the defaults', async () => {
      const { poolId } = await passkeyPool(cognito, emulator);
      await setConfig(poolId, { RelyingPartyId: 'example.com', UserVerification: 'required' });
      await cognito.setUserPoolMfaConfig({
        UserPoolId: poolId,
        SoftwareTokenMfaConfiguration: { Enabled: true },
      });
      expect(
        (await cognito.getUserPoolMfaConfig({ UserPoolId: poolId })).WebAuthnConfiguration,
      ).toBeUndefined();
    });

    it('refuses a relying party that is not a host name, an unknown user verification, and the Lite tier', async () => {
      const { poolId } = await passkeyPool(cognito, emulator);
      for (const RelyingPartyId of [
        'https://example.com',
        'example.com:443',
        'example.com/path',
        'Example.com',
        '',
      ]) {
        expect((await rejection(setConfig(poolId, { RelyingPartyId }))).name).toBe(
          'InvalidParameterException',
        );
      }
      const uv = await rejection(setConfig(poolId, { UserVerification: 'discouraged' }));
      expect(uv.name).toBe('InvalidParameterException');
      expect(uv.message).toContain('[required, preferred]');
      const lite = (await cognito.createUserPool({ PoolName: 'lite', UserPoolTier: 'LITE' })).UserPool!.Id!;
      expect((await rejection(setConfig(lite, { UserVerification: 'preferred' }))).name).toBe(
        'FeatureUnavailableInTierException',
      );
    });
  });

  describe('StartWebAuthnRegistration', () => {
    it('answers AWS’s creation options for the user, on the localhost relying party by default', async () => {
      const { accessToken, username } = await newUser();
      const options = await start(accessToken);
      const { user } = pool.stored(username);
      expect(options).toMatchObject({
        rp: { id: 'localhost', name: 'localhost' },
        user: {
          id: Buffer.from(user.sub).toString('base64url'),
          name: user.attributes.email,
          displayName: user.attributes.email,
        },
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        timeout: 180000,
        excludeCredentials: [],
        authenticatorSelection: {
          residentKey: 'required',
          requireResidentKey: true,
          userVerification: 'preferred',
        },
      });
      expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await start(accessToken)).challenge).not.toBe(options.challenge);
    });

    it('excludes the user’s registered passkeys and follows the pool’s relying party and user verification', async () => {
      const { accessToken } = await newUser();
      const id = await registerPasskey(cognito, accessToken, new SoftwareAuthenticator());
      expect((await start(accessToken)).excludeCredentials).toEqual([
        { type: 'public-key', id, transports: ['internal', 'hybrid'] },
      ]);
      const other = await passkeyPool(cognito, emulator);
      await setConfig(other.poolId, { RelyingPartyId: 'example.com', UserVerification: 'required' });
      const options = await start((await other.signedIn('rp@example.com')).accessToken);
      expect(options.rp).toEqual({ id: 'example.com', name: 'example.com' });
      expect(options.authenticatorSelection).toMatchObject({ userVerification: 'required' });
    });

    it('is refused with WebAuthnNotEnabledException when the sign-in policy does not allow passkeys', async () => {
      const off = await passkeyPool(cognito, emulator, { passkeys: false });
      const { accessToken } = await off.signedIn('off@example.com');
      const error = await rejection(start(accessToken));
      expect(error.name).toBe('WebAuthnNotEnabledException');
      expect((await rejection(complete(accessToken, {}))).name).toBe('WebAuthnNotEnabledException');
    });
  });

  describe('CompleteWebAuthnRegistration', () => {
    it('stores the passkey, listed by ListWebAuthnCredentials as AWS describes it', async () => {
      const { accessToken } = await newUser();
      const before = clock;
      const id = await registerPasskey(cognito, accessToken, new SoftwareAuthenticator());
      const [credential, ...more] = await list(accessToken);
      expect(more).toEqual([]);
      expect(credential).toEqual({
        CredentialId: id,
        FriendlyCredentialName: `Passkey (authenticator ${TEST_AAGUID})`,
        RelyingPartyId: 'localhost',
        AuthenticatorAttachment: 'platform',
        AuthenticatorTransports: ['internal', 'hybrid'],
        CreatedAt: new Date(Math.floor(before / 1000) * 1000),
      });
    });

    it('accepts https origins of the relying party and its subdomains, and any localhost port for localhost', async () => {
      const { accessToken } = await newUser();
      for (const origin of ['http://localhost:5173', 'http://localhost', 'https://localhost:8443']) {
        await registerPasskey(cognito, accessToken, new SoftwareAuthenticator(), { origin });
      }
      const other = await passkeyPool(cognito, emulator);
      await setConfig(other.poolId, { RelyingPartyId: 'example.com' });
      const user = await other.signedIn('origins@example.com');
      for (const origin of ['https://example.com', 'https://app.example.com:8443']) {
        await registerPasskey(cognito, user.accessToken, new SoftwareAuthenticator(), { origin });
      }
      expect(await list(user.accessToken)).toHaveLength(2);
      for (const origin of [
        'http://example.com',
        'https://evilexample.com',
        'https://example.com.evil.net',
      ]) {
        const error = await rejection(
          registerPasskey(cognito, user.accessToken, new SoftwareAuthenticator(), { origin }),
        );
        expect(error.name).toBe('WebAuthnOriginNotAllowedException');
      }
    });

    it('refuses another origin with WebAuthnOriginNotAllowedException and stores nothing', async () => {
      const { accessToken } = await newUser();
      const error = await rejection(
        registerPasskey(cognito, accessToken, new SoftwareAuthenticator(), {
          origin: 'https://evil.example',
        }),
      );
      expect(error.name).toBe('WebAuthnOriginNotAllowedException');
      expect(await list(accessToken)).toEqual([]);
    });

    it('refuses a credential made for another relying party with WebAuthnRelyingPartyMismatchException', async () => {
      const { accessToken } = await newUser();
      const error = await rejection(
        registerPasskey(cognito, accessToken, new SoftwareAuthenticator(), { rpId: 'evil.example' }),
      );
      expect(error.name).toBe('WebAuthnRelyingPartyMismatchException');
      expect(await list(accessToken)).toEqual([]);
    });

    it('answers WebAuthnChallengeNotFoundException without a start, for a replay, an old challenge and an expired one', async () => {
      const { accessToken } = await newUser();
      const authenticator = new SoftwareAuthenticator();
      const unstarted = authenticator.create({ ...(await startOnOtherUser()) });
      expect((await rejection(complete(accessToken, unstarted))).name).toBe(
        'WebAuthnChallengeNotFoundException',
      );

      const credential = authenticator.create(await start(accessToken));
      await complete(accessToken, credential);
      expect((await rejection(complete(accessToken, credential))).name).toBe(
        'WebAuthnChallengeNotFoundException',
      );

      const old = authenticator.create(await start(accessToken));
      await start(accessToken);
      expect((await rejection(complete(accessToken, old))).name).toBe('WebAuthnChallengeNotFoundException');

      const late = authenticator.create(await start(accessToken));
      clock += 180_001;
      const expired = await rejection(complete(accessToken, late));
      expect(expired.name).toBe('WebAuthnChallengeNotFoundException');
      expect(await list(accessToken)).toHaveLength(1);
    });

    async function startOnOtherUser() {
      return start((await newUser()).accessToken);
    }

    it('answers WebAuthnClientMismatchException when another app client completes the registration', async () => {
      const email = `clients${users++}@example.com`;
      const first = await pool.signedIn(email);
      const second = await pool.signIn(email, await pool.newClient());
      const credential = new SoftwareAuthenticator().create(await start(first.accessToken));
      expect((await rejection(complete(second.accessToken, credential))).name).toBe(
        'WebAuthnClientMismatchException',
      );
      await complete(first.accessToken, credential);
      expect(await list(second.accessToken)).toHaveLength(1);
    });

    it('refuses an authenticator without user verification when the pool requires it', async () => {
      const strict = await passkeyPool(cognito, emulator);
      await setConfig(strict.poolId, { UserVerification: 'required' });
      const { accessToken } = await strict.signedIn('uv@example.com');
      const error = await rejection(
        registerPasskey(cognito, accessToken, new SoftwareAuthenticator(), { userVerified: false }),
      );
      expect(error.name).toBe('WebAuthnCredentialNotSupportedException');
      await registerPasskey(cognito, accessToken, new SoftwareAuthenticator());
      const relaxed = await newUser();
      await registerPasskey(cognito, relaxed.accessToken, new SoftwareAuthenticator(), {
        userVerified: false,
      });
      expect(await list(relaxed.accessToken)).toHaveLength(1);
    });

    it('refuses a credential that is not a RegistrationResponseJSON, or a ceremony of another type', async () => {
      const { accessToken } = await newUser();
      await start(accessToken);
      for (const credential of [{}, 'text', [1], { type: 'public-key', id: 'x', rawId: 'x', response: {} }]) {
        expect((await rejection(complete(accessToken, credential))).name).toBe('InvalidParameterException');
      }
      const wrongType = new SoftwareAuthenticator().create(await start(accessToken), {
        type: 'webauthn.get',
      });
      expect((await rejection(complete(accessToken, wrongType))).name).toBe(
        'WebAuthnCredentialNotSupportedException',
      );
      const missing = await wire(emulator.endpoint, 'CompleteWebAuthnRegistration', {
        AccessToken: accessToken,
      });
      expect(missing.type).toBe('InvalidParameterException');
      expect(missing.body.message).toContain("Value null at 'credential' failed to satisfy constraint");
    });

    it('refuses a credential id already registered in the pool, keeping the challenge for another try', async () => {
      const alice = await newUser();
      const bob = await newUser();
      const taken = await registerPasskey(cognito, alice.accessToken, new SoftwareAuthenticator());
      const options = await start(bob.accessToken);
      const copy = new SoftwareAuthenticator().create(options, { credentialId: taken });
      expect((await rejection(complete(bob.accessToken, copy))).name).toBe('InvalidParameterException');
      expect(await list(bob.accessToken)).toEqual([]);
      await complete(bob.accessToken, new SoftwareAuthenticator().create(options));
      expect(await list(bob.accessToken)).toHaveLength(1);
    });

    it('stores one passkey when the same completion arrives 8 times at once (the challenge is taken once)', async () => {
      const { accessToken } = await newUser();
      const credential = new SoftwareAuthenticator().create(await start(accessToken));
      const { won, lost } = await race(8, () => complete(accessToken, credential));
      expect(won).toHaveLength(1);
      expect(lost.map((e) => e.name)).toEqual(Array(7).fill('WebAuthnChallengeNotFoundException'));
      expect(await list(accessToken)).toHaveLength(1);
    });

    it('stores one passkey when 8 different credentials answer one challenge at once', async () => {
      const { accessToken } = await newUser();
      const options = await start(accessToken);
      const { won } = await race(8, () => complete(accessToken, new SoftwareAuthenticator().create(options)));
      expect(won).toHaveLength(1);
      expect(await list(accessToken)).toHaveLength(1);
    });
  });

  describe('ListWebAuthnCredentials and DeleteWebAuthnCredential', () => {
    it('pages with MaxResults and NextToken, refusing a token it did not make', async () => {
      const { accessToken } = await newUser();
      const authenticator = new SoftwareAuthenticator();
      for (let i = 0; i < 3; i++) await registerPasskey(cognito, accessToken, authenticator);
      const first = await cognito.listWebAuthnCredentials({ AccessToken: accessToken, MaxResults: 2 });
      expect(first.Credentials).toHaveLength(2);
      const second = await cognito.listWebAuthnCredentials({
        AccessToken: accessToken,
        MaxResults: 2,
        NextToken: first.NextToken!,
      });
      expect(second.Credentials).toHaveLength(1);
      expect(second.NextToken).toBeUndefined();
      const ids = [...first.Credentials!, ...second.Credentials!].map((c) => c.CredentialId).sort();
      expect(ids).toEqual([...authenticator.credentialIds].sort());
      const forged = await rejection(
        cognito.listWebAuthnCredentials({ AccessToken: accessToken, NextToken: 'nope' }),
      );
      expect(forged.name).toBe('InvalidParameterException');
      const tooMany = await rejection(
        cognito.listWebAuthnCredentials({ AccessToken: accessToken, MaxResults: 21 }),
      );
      expect(tooMany.name).toBe('InvalidParameterException');
    });

    it('deletes the user’s own passkey; an unknown one or another user’s is ResourceNotFoundException', async () => {
      const alice = await newUser();
      const bob = await newUser();
      const aliceKey = await registerPasskey(cognito, alice.accessToken, new SoftwareAuthenticator());
      const bobKey = await registerPasskey(cognito, bob.accessToken, new SoftwareAuthenticator());
      const theft = await rejection(
        cognito.deleteWebAuthnCredential({ AccessToken: alice.accessToken, CredentialId: bobKey }),
      );
      expect(theft.name).toBe('ResourceNotFoundException');
      expect(await list(bob.accessToken)).toHaveLength(1);
      await cognito.deleteWebAuthnCredential({ AccessToken: alice.accessToken, CredentialId: aliceKey });
      expect(await list(alice.accessToken)).toEqual([]);
      const again = await rejection(
        cognito.deleteWebAuthnCredential({ AccessToken: alice.accessToken, CredentialId: aliceKey }),
      );
      expect(again.name).toBe('ResourceNotFoundException');
    });

    it('needs a valid access token', async () => {
      const error = await rejection(cognito.listWebAuthnCredentials({ AccessToken: 'a.b.c' }));
      expect(error.name).toBe('NotAuthorizedException');
    });
  });

  describe('store', () => {
    it('deletes a user’s passkeys and pending registration with the user, and a pool’s with the pool', async () => {
      const doomed = await passkeyPool(cognito, emulator);
      const { accessToken, username } = await doomed.signedIn('doomed@example.com');
      await registerPasskey(cognito, accessToken, new SoftwareAuthenticator());
      await start(accessToken);
      const db = contextOf(emulator).db;
      const count = (table: string) =>
        (
          db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE pool_id = ?`).get(doomed.poolId) as {
            n: number;
          }
        ).n;
      expect([count('webauthn_credentials'), count('webauthn_registrations')]).toEqual([1, 1]);
      await cognito.adminDeleteUser({ UserPoolId: doomed.poolId, Username: username });
      expect([count('webauthn_credentials'), count('webauthn_registrations')]).toEqual([0, 0]);

      const other = await doomed.signedIn('doomed2@example.com');
      await registerPasskey(cognito, other.accessToken, new SoftwareAuthenticator());
      await cognito.deleteUserPool({ UserPoolId: doomed.poolId });
      expect(count('webauthn_credentials')).toBe(0);
    });
  });
});
