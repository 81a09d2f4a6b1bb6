import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthChallenge, isChallenge, type SignInOptions, type SignInResult } from '../src/index.js';
import { readClaims } from '../src/tokens/token-claims.js';
import {
  type ChoiceClient,
  type ChoiceCognito,
  type ChoicePool,
  PASSWORD,
  startChoiceCognito,
} from './passwordless-fixture.js';
import { servicesFor as compiledServices } from './helpers.js';

// Passwordless sign-in through CognitoAuthService against the emulator, over the real AWS SDK:
// Cognito's choice-based USER_AUTH started with each factor or none, every answer (codes by email
// and SMS, the choice of a first factor, a password sent or proven with SRP), the public, secret
// and admin clients, pools that do not allow it, unknown emails, and parallel answers.

let cognito: ChoiceCognito;
const servicesFor = (pool: ChoicePool = 'choice', client: ChoiceClient = 'password') =>
  compiledServices(cognito.options(pool, client));

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
/** A six-digit code that is not `code`. */
const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

describe('signInWithoutPassword', () => {
  it('EMAIL_OTP: a code to the masked email; a wrong one is 400 CODE_MISMATCH, the right one gives tokens', async () => {
    const { auth } = await servicesFor();
    const { email } = await cognito.user('choice', cognito.newEmail('otp'));
    const challenge = challengeOf(await auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' }));
    expect(challenge).toEqual({
      challenge: 'EMAIL_OTP',
      session: expect.any(String),
      requiredAttributes: [],
      destination: `${email[0]}***@e***`,
    });
    const code = cognito.lastCode(email);
    expect(code).toMatch(/^\d{6}$/);
    const answer = { email, session: challenge.session, challenge: 'EMAIL_OTP' } as const;
    await expect(auth.respondToChallenge({ ...answer, code: otherThan(code) })).rejects.toMatchObject({
      status: 400,
      code: 'CODE_MISMATCH',
      cognitoName: 'CodeMismatchException',
    });
    const tokens = tokensOf(await auth.respondToChallenge({ ...answer, code }));
    expect(readClaims(tokens.accessToken)).toMatchObject({ token_use: 'access' });
    expect(readClaims(tokens.idToken)).toMatchObject({ email });
    expect(tokens.refreshToken).toEqual(expect.any(String));
  });

  it('SMS_OTP: a code to the masked phone number, answered with SMS_OTP', async () => {
    const { auth } = await servicesFor();
    const { email, phone } = await cognito.user('choice', cognito.newEmail('sms'));
    const challenge = challengeOf(await auth.signInWithoutPassword(email, { factor: 'SMS_OTP' }));
    expect(challenge).toMatchObject({ challenge: 'SMS_OTP', destination: `+*******${phone.slice(-4)}` });
    expect(cognito.codesSent(email)).toBe(0);
    tokensOf(
      await auth.respondToChallenge({
        email,
        session: challenge.session,
        challenge: 'SMS_OTP',
        code: cognito.lastCode(phone),
      }),
    );
  });

  it('without a factor: SELECT_CHALLENGE with the choices this user has; EMAIL_OTP chosen sends its code', async () => {
    const { auth } = await servicesFor();
    const { email } = await cognito.user('choice', cognito.newEmail('select'));
    const select = challengeOf(await auth.signInWithoutPassword(email));
    expect(select).toEqual({
      challenge: 'SELECT_CHALLENGE',
      session: expect.any(String),
      requiredAttributes: [],
      choices: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'],
    });
    expect(cognito.codesSent(email)).toBe(0);
    const code = challengeOf(
      await auth.respondToChallenge({
        email,
        session: select.session,
        challenge: 'SELECT_CHALLENGE',
        choice: 'EMAIL_OTP',
      }),
    );
    expect(code).toMatchObject({ challenge: 'EMAIL_OTP', destination: expect.stringMatching(/^s\*\*\*@/) });
    tokensOf(
      await auth.respondToChallenge({
        email,
        session: code.session,
        challenge: 'EMAIL_OTP',
        code: cognito.lastCode(email),
      }),
    );
  });

  it('a factor the user cannot use (no verified phone) answers SELECT_CHALLENGE without it, and sends nothing', async () => {
    const { auth } = await servicesFor();
    const { email } = await cognito.user('choice', cognito.newEmail('nophone'), { phone: false });
    const select = challengeOf(await auth.signInWithoutPassword(email, { factor: 'SMS_OTP' }));
    expect(select).toMatchObject({
      challenge: 'SELECT_CHALLENGE',
      choices: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    });
    // Choosing it anyway is refused; the session is left for a listed choice.
    await expect(
      auth.respondToChallenge({
        email,
        session: select.session,
        challenge: 'SELECT_CHALLENGE',
        choice: 'SMS_OTP',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_PARAMETER' });
    tokensOf(
      await auth.respondToChallenge({
        email,
        session: select.session,
        challenge: 'SELECT_CHALLENGE',
        choice: 'PASSWORD',
        password: PASSWORD,
      }),
    );
  });

  it('PASSWORD chosen: the password is checked (wrong: 401), and MFA follows as after any password', async () => {
    const { auth } = await servicesFor();
    const { email } = await cognito.user('choice', cognito.newEmail('pw'), { emailMfa: true });
    const first = challengeOf(await auth.signInWithoutPassword(email));
    await expect(
      auth.respondToChallenge({
        email,
        session: first.session,
        challenge: 'SELECT_CHALLENGE',
        choice: 'PASSWORD',
        password: 'Wrong-passw0rd',
      }),
    ).rejects.toMatchObject({ status: 401, code: 'NOT_AUTHORIZED' });
    const again = challengeOf(await auth.signInWithoutPassword(email));
    const mfa = challengeOf(
      await auth.respondToChallenge({
        email,
        session: again.session,
        challenge: 'SELECT_CHALLENGE',
        choice: 'PASSWORD',
        password: PASSWORD,
      }),
    );
    expect(mfa).toMatchObject({ challenge: 'EMAIL_OTP', destination: expect.any(String) });
    tokensOf(
      await auth.respondToChallenge({
        email,
        session: mfa.session,
        challenge: 'EMAIL_OTP',
        code: cognito.lastCode(email),
      }),
    );
  });

  it('PASSWORD_SRP chosen, with a client secret: SRP runs here (SECRET_HASH on every step) and gives tokens', async () => {
    const { auth } = await servicesFor('choice', 'srp');
    const { email } = await cognito.user('choice', cognito.newEmail('srp'));
    const select = challengeOf(await auth.signInWithoutPassword(email));
    const answer = {
      email,
      session: select.session,
      challenge: 'SELECT_CHALLENGE',
      choice: 'PASSWORD_SRP',
    } as const;
    const tokens = tokensOf(await auth.respondToChallenge({ ...answer, password: PASSWORD }));
    expect(readClaims(tokens.idToken)).toMatchObject({ email });
    const other = challengeOf(await auth.signInWithoutPassword(email));
    await expect(
      auth.respondToChallenge({ ...answer, session: other.session, password: 'Wrong-passw0rd' }),
    ).rejects.toMatchObject({ status: 401, code: 'NOT_AUTHORIZED' });
  });

  it('with a client secret, the email code signs in too (SECRET_HASH at the start and the answer)', async () => {
    const { auth } = await servicesFor('choice', 'srp');
    const { email } = await cognito.user('choice', cognito.newEmail('secret'));
    const challenge = challengeOf(await auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' }));
    tokensOf(
      await auth.respondToChallenge({
        email,
        session: challenge.session,
        challenge: 'EMAIL_OTP',
        code: cognito.lastCode(email),
      }),
    );
  });

  it('goes through AdminInitiateAuth and AdminRespondToAuthChallenge with the admin flow', async () => {
    const { auth } = await servicesFor('choice', 'admin');
    const { email, phone } = await cognito.user('choice', cognito.newEmail('admin'));
    const select = challengeOf(await auth.signInWithoutPassword(email));
    const sms = challengeOf(
      await auth.respondToChallenge({
        email,
        session: select.session,
        challenge: 'SELECT_CHALLENGE',
        choice: 'SMS_OTP',
      }),
    );
    expect(sms.challenge).toBe('SMS_OTP');
    tokensOf(
      await auth.respondToChallenge({
        email,
        session: sms.session,
        challenge: 'SMS_OTP',
        code: cognito.lastCode(phone),
      }),
    );
  });

  it('an unknown email gets a challenge like a user’s, nothing is sent, and every code is wrong', async () => {
    const { auth } = await servicesFor();
    const email = cognito.newEmail('nobody');
    const challenge = challengeOf(await auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' }));
    expect(challenge).toMatchObject({ challenge: 'EMAIL_OTP', destination: `${email[0]}***@e***` });
    expect(cognito.emulator.messages({ to: email })).toEqual([]);
    await expect(
      auth.respondToChallenge({ email, session: challenge.session, challenge: 'EMAIL_OTP', code: '123456' }),
    ).rejects.toMatchObject({ status: 400, code: 'CODE_MISMATCH' });
  });

  it('a pool that allows only passwords answers SELECT_CHALLENGE with the password choices', async () => {
    const { auth } = await servicesFor('password-only');
    const { email } = await cognito.user('password-only', cognito.newEmail('only'));
    const select = challengeOf(await auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' }));
    expect(select.choices).toEqual(['PASSWORD', 'PASSWORD_SRP']);
    expect(cognito.codesSent(email)).toBe(0);
  });

  it('an app client without ALLOW_USER_AUTH is the server’s misconfiguration: 502 CLIENT_MISCONFIGURED', async () => {
    const { auth } = await servicesFor('no-user-auth');
    const { email } = await cognito.user('no-user-auth', cognito.newEmail('noflow'));
    await expect(auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' })).rejects.toMatchObject({
      status: 502,
      code: 'CLIENT_MISCONFIGURED',
    });
  });

  it('of 8 parallel answers with the right code, one gets tokens and the others 401', async () => {
    const { auth } = await servicesFor();
    const { email } = await cognito.user('choice', cognito.newEmail('race'));
    const { session } = challengeOf(await auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' }));
    const code = cognito.lastCode(email);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        auth.respondToChallenge({ email, session, challenge: 'EMAIL_OTP', code }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 401, code: 'NOT_AUTHORIZED' });
    }
  });
});

describe('remembered devices', () => {
  it('an email code answered with rememberDevice confirms the device; a later one signs in as it', async () => {
    const { auth } = await servicesFor('devices');
    const { email } = await cognito.user('devices', cognito.newEmail('device'));
    const codeSignIn = async (options: SignInOptions) => {
      const challenge = challengeOf(await auth.signInWithoutPassword(email, { factor: 'EMAIL_OTP' }));
      return tokensOf(
        await auth.respondToChallenge({
          email,
          session: challenge.session,
          challenge: 'EMAIL_OTP',
          code: cognito.lastCode(email),
          ...options,
        }),
      );
    };
    const first = await codeSignIn({ rememberDevice: true });
    expect(first.newDevice).toMatchObject({ deviceKey: expect.any(String), remembered: true });
    const { remembered: _r, ...device } = first.newDevice!;
    const second = await codeSignIn({ device });
    expect(second.newDevice).toBeUndefined();
    expect(readClaims(second.accessToken)).toMatchObject({ device_key: device.deviceKey });
  });
});

describe('auth factors', () => {
  it('the user’s own (authFactors) and an administrator’s view (userAuthFactors) agree', async () => {
    const { auth, admin } = await servicesFor();
    const { email, phone } = await cognito.user('choice', cognito.newEmail('factors'), { emailMfa: true });
    const select = challengeOf(await auth.signInWithoutPassword(email, { factor: 'SMS_OTP' }));
    const { accessToken } = tokensOf(
      await auth.respondToChallenge({
        email,
        session: select.session,
        challenge: 'SMS_OTP',
        code: cognito.lastCode(phone),
      }),
    );
    const own = await auth.authFactors(accessToken);
    expect(own).toEqual({
      username: readClaims(accessToken).username,
      factors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
      mfa: { enabled: ['EMAIL'], preferred: 'EMAIL' },
    });
    expect(await admin.userAuthFactors(email)).toEqual(own);
    await expect(admin.userAuthFactors(cognito.newEmail('nobody'))).rejects.toMatchObject({
      status: 404,
      code: 'USER_NOT_FOUND',
    });
  });
});
