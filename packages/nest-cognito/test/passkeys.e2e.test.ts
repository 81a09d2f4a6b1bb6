import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthChallenge, isChallenge, type SignInResult } from '../src/index.js';
import { readClaims } from '../src/tokens/token-claims.js';
import {
  type ChoiceClient,
  type ChoiceCognito,
  type ChoicePool,
  createPasskey,
  PASSWORD,
  signWithPasskey,
  SoftwareAuthenticator,
  startChoiceCognito,
} from './passwordless-fixture.js';
import { servicesFor } from './helpers.js';

// Passkeys through CognitoAuthService against the emulator, over the real AWS SDK, with the
// emulator's software authenticator standing in for the browser: registration, listing, removal,
// each refusal by its code, and the WEB_AUTHN challenge of a passwordless sign-in.

let cognito: ChoiceCognito;
async function serviceFor(pool: ChoicePool = 'choice', client: ChoiceClient = 'password') {
  return (await servicesFor(cognito.options(pool, client))).auth;
}

beforeAll(async () => {
  cognito = await startChoiceCognito();
});
afterAll(() => cognito?.stop());

function challengeOf(result: SignInResult): AuthChallenge {
  expect(isChallenge(result), JSON.stringify(result)).toBe(true);
  return result as AuthChallenge;
}
function tokensOf(result: SignInResult) {
  expect(isChallenge(result), JSON.stringify(result)).toBe(false);
  return result as Exclude<SignInResult, AuthChallenge>;
}

/** A user of the pool, signed in with its password: its email and access token. */
async function signedIn(pool: ChoicePool = 'choice', client: ChoiceClient = 'password') {
  const auth = await serviceFor(pool, client);
  const { email } = await cognito.user(pool, cognito.newEmail('passkey'));
  const { accessToken } = tokensOf(await auth.signIn(email, PASSWORD));
  return { auth, email, accessToken };
}

/** A signed-in user with a passkey of a new software authenticator. */
async function withPasskey(client: ChoiceClient = 'password') {
  const user = await signedIn('choice', client);
  const authenticator = new SoftwareAuthenticator();
  const credential = createPasskey(authenticator, await user.auth.startPasskeyRegistration(user.accessToken));
  await user.auth.completePasskeyRegistration(user.accessToken, credential);
  return { ...user, authenticator, credentialId: credential.id };
}

describe('passkey registration', () => {
  it('gives the creation options, registers the passkey, lists it, and removes it', async () => {
    const { auth, email, accessToken } = await signedIn();
    const options = await auth.startPasskeyRegistration(accessToken);
    expect(options).toMatchObject({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      rp: { id: 'localhost', name: 'localhost' },
      user: { id: Buffer.from(readClaims(accessToken).sub as string).toString('base64url'), name: email },
      pubKeyCredParams: expect.arrayContaining([{ type: 'public-key', alg: -7 }]),
      excludeCredentials: [],
    });
    const authenticator = new SoftwareAuthenticator();
    const credential = createPasskey(authenticator, options);
    await auth.completePasskeyRegistration(accessToken, credential);

    const page = await auth.listPasskeys(accessToken);
    expect(page).toEqual({
      passkeys: [
        {
          credentialId: credential.id,
          name: expect.stringMatching(/^Passkey/),
          relyingPartyId: 'localhost',
          attachment: 'platform',
          transports: ['internal', 'hybrid'],
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      ],
    });
    expect((await auth.authFactors(accessToken)).factors).toContain('WEB_AUTHN');
    // The next registration excludes it.
    expect((await auth.startPasskeyRegistration(accessToken)).excludeCredentials).toEqual([
      expect.objectContaining({ id: credential.id }),
    ]);

    await auth.deletePasskey(accessToken, credential.id);
    expect(await auth.listPasskeys(accessToken)).toEqual({ passkeys: [] });
    await expect(auth.deletePasskey(accessToken, credential.id)).rejects.toMatchObject({
      status: 404,
      code: 'RESOURCE_NOT_FOUND',
    });
  });

  it('pages the list: at most `limit` a page, and the next token for the rest', async () => {
    const { auth, accessToken } = await signedIn();
    const authenticator = new SoftwareAuthenticator();
    for (let i = 0; i < 3; i++) {
      const options = await auth.startPasskeyRegistration(accessToken);
      await auth.completePasskeyRegistration(accessToken, createPasskey(authenticator, options));
    }
    const first = await auth.listPasskeys(accessToken, { limit: 2 });
    expect(first.passkeys).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await auth.listPasskeys(accessToken, { limit: 2, nextToken: first.nextToken! });
    expect(second.passkeys).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
    expect(new Set([...first.passkeys, ...second.passkeys].map((p) => p.credentialId))).toEqual(
      new Set(authenticator.credentialIds),
    );
  });

  it('refuses each wrong credential by its code, and stores none of them', async () => {
    const { auth, accessToken } = await signedIn();
    const refused = async (ceremony: Parameters<typeof createPasskey>[2]) => {
      const options = await auth.startPasskeyRegistration(accessToken);
      return auth
        .completePasskeyRegistration(
          accessToken,
          createPasskey(new SoftwareAuthenticator(), options, ceremony),
        )
        .then(
          () => 'registered',
          (error: { status: number; code: string }) => `${error.status} ${error.code}`,
        );
    };
    expect(await refused({ origin: 'https://evil.example' })).toBe('400 WEB_AUTHN_ORIGIN_NOT_ALLOWED');
    expect(await refused({ rpId: 'evil.example' })).toBe('400 WEB_AUTHN_RELYING_PARTY_MISMATCH');
    expect(await refused({ challenge: 'A'.repeat(43) })).toBe('400 WEB_AUTHN_CHALLENGE_NOT_FOUND');
    expect(await auth.listPasskeys(accessToken)).toEqual({ passkeys: [] });
  });

  it('a completed registration cannot be completed again: 400 WEB_AUTHN_CHALLENGE_NOT_FOUND', async () => {
    const { auth, accessToken } = await signedIn();
    const options = await auth.startPasskeyRegistration(accessToken);
    const authenticator = new SoftwareAuthenticator();
    await auth.completePasskeyRegistration(accessToken, createPasskey(authenticator, options));
    await expect(
      auth.completePasskeyRegistration(accessToken, createPasskey(authenticator, options)),
    ).rejects.toMatchObject({ status: 400, code: 'WEB_AUTHN_CHALLENGE_NOT_FOUND' });
  });

  it('a registration started by another app client is 400 WEB_AUTHN_CLIENT_MISMATCH', async () => {
    const { auth, email, accessToken } = await signedIn();
    const other = await serviceFor('choice', 'admin');
    const otherToken = tokensOf(await other.signIn(email, PASSWORD)).accessToken;
    const options = await other.startPasskeyRegistration(otherToken);
    await expect(
      auth.completePasskeyRegistration(accessToken, createPasskey(new SoftwareAuthenticator(), options)),
    ).rejects.toMatchObject({ status: 400, code: 'WEB_AUTHN_CLIENT_MISMATCH' });
  });

  it('a pool that does not allow passkeys is 400 WEB_AUTHN_NOT_ENABLED', async () => {
    const { auth, accessToken } = await signedIn('password-only');
    await expect(auth.startPasskeyRegistration(accessToken)).rejects.toMatchObject({
      status: 400,
      code: 'WEB_AUTHN_NOT_ENABLED',
      cognitoName: 'WebAuthnNotEnabledException',
    });
  });
});

describe('signing in with a passkey (WEB_AUTHN)', () => {
  it('the challenge gives the request options; the authenticator’s answer gives tokens', async () => {
    const { auth, email, credentialId, authenticator } = await withPasskey();
    const select = challengeOf(await auth.signInWithoutPassword(email));
    expect(select.choices).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']);
    const challenge = challengeOf(await auth.signInWithoutPassword(email, { factor: 'WEB_AUTHN' }));
    expect(challenge).toEqual({
      challenge: 'WEB_AUTHN',
      session: expect.any(String),
      requiredAttributes: [],
      credentialRequestOptions: {
        challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        timeout: expect.any(Number),
        rpId: 'localhost',
        allowCredentials: [{ type: 'public-key', id: credentialId, transports: ['internal', 'hybrid'] }],
        userVerification: 'preferred',
      },
    });
    const credential = signWithPasskey(authenticator, challenge.credentialRequestOptions);
    const tokens = tokensOf(
      await auth.respondToChallenge({
        email,
        session: challenge.session,
        challenge: 'WEB_AUTHN',
        credential,
      }),
    );
    expect(readClaims(tokens.idToken)).toMatchObject({ email });
  });

  it('WEB_AUTHN chosen at SELECT_CHALLENGE, with a client secret, signs in too', async () => {
    const { auth, email, authenticator } = await withPasskey('srp');
    const select = challengeOf(await auth.signInWithoutPassword(email));
    const challenge = challengeOf(
      await auth.respondToChallenge({
        email,
        session: select.session,
        challenge: 'SELECT_CHALLENGE',
        choice: 'WEB_AUTHN',
      }),
    );
    expect(challenge.challenge).toBe('WEB_AUTHN');
    const credential = signWithPasskey(authenticator, challenge.credentialRequestOptions);
    tokensOf(
      await auth.respondToChallenge({
        email,
        session: challenge.session,
        challenge: 'WEB_AUTHN',
        credential,
      }),
    );
  });

  it('refuses an assertion from another origin, and a replayed one: 401 NOT_AUTHORIZED', async () => {
    const { auth, email, authenticator } = await withPasskey();
    const start = async () => challengeOf(await auth.signInWithoutPassword(email, { factor: 'WEB_AUTHN' }));
    const foreign = await start();
    await expect(
      auth.respondToChallenge({
        email,
        session: foreign.session,
        challenge: 'WEB_AUTHN',
        credential: signWithPasskey(authenticator, foreign.credentialRequestOptions, {
          origin: 'https://evil.example',
        }),
      }),
    ).rejects.toMatchObject({ status: 401, code: 'NOT_AUTHORIZED' });
    const honest = await start();
    const credential = signWithPasskey(authenticator, honest.credentialRequestOptions);
    tokensOf(
      await auth.respondToChallenge({ email, session: honest.session, challenge: 'WEB_AUTHN', credential }),
    );
    const replay = await start();
    await expect(
      auth.respondToChallenge({ email, session: replay.session, challenge: 'WEB_AUTHN', credential }),
    ).rejects.toMatchObject({ status: 401, code: 'NOT_AUTHORIZED' });
  });

  it('of 8 parallel answers with one assertion, one gets tokens', async () => {
    const { auth, email, authenticator } = await withPasskey();
    const challenge = challengeOf(await auth.signInWithoutPassword(email, { factor: 'WEB_AUTHN' }));
    const credential = signWithPasskey(authenticator, challenge.credentialRequestOptions);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        auth.respondToChallenge({ email, session: challenge.session, challenge: 'WEB_AUTHN', credential }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 401, code: 'NOT_AUTHORIZED' });
    }
  });

  it('a removed passkey is no longer offered: WEB_AUTHN preferred answers SELECT_CHALLENGE', async () => {
    const { auth, email, accessToken, credentialId } = await withPasskey();
    await auth.deletePasskey(accessToken, credentialId);
    const select = challengeOf(await auth.signInWithoutPassword(email, { factor: 'WEB_AUTHN' }));
    expect(select.challenge).toBe('SELECT_CHALLENGE');
    expect(select.choices).not.toContain('WEB_AUTHN');
  });
});
