import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { secretHash } from '../src/services/secret-hash.js';
import { emulatorWithSdk, PASSWORD, rejection } from './helpers.js';
import { choicePool, choiceUser, initiate, lastCode, proveSrp, respond, srpStart } from './user-auth-pool.js';

// Choice-based sign-in (USER_AUTH) through the AWS SDK over HTTP: the pool's SignInPolicy, the
// factors offered, each first factor started by preference or by SELECT_CHALLENGE, unknown users,
// and GetUserAuthFactors. Sessions, races, lockout, MFA and passkeys: user-auth-sessions.test.ts.

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => ({ emulator, cognito } = await emulatorWithSdk()));
afterAll(() => emulator.stop());

const ALL_BUT_PASSKEYS = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'];

describe('SignInPolicy', () => {
  const describePolicy = async (poolId: string) =>
    (await cognito.describeUserPool({ UserPoolId: poolId })).UserPool!.Policies!.SignInPolicy;

  it('defaults to PASSWORD and keeps the factors given, in the API’s order', async () => {
    const { UserPool } = await cognito.createUserPool({ PoolName: 'plain' });
    expect(UserPool!.Policies!.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD'] });
    const pool = await choicePool(cognito, { factors: ['SMS_OTP', 'PASSWORD', 'EMAIL_OTP'] });
    expect(await describePolicy(pool.poolId)).toEqual({
      AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
    });
  });

  it('is replaced by UpdateUserPool, and reset to PASSWORD when left out', async () => {
    const pool = await choicePool(cognito, { factors: ['PASSWORD'] });
    await cognito.updateUserPool({
      UserPoolId: pool.poolId,
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
    });
    expect(await describePolicy(pool.poolId)).toEqual({ AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] });
    await cognito.updateUserPool({ UserPoolId: pool.poolId });
    expect(await describePolicy(pool.poolId)).toEqual({ AllowedFirstAuthFactors: ['PASSWORD'] });
  });

  it('must include PASSWORD, names only first factors, and needs a plan above Lite for more', async () => {
    const create = (factors: string[], tier?: 'LITE') =>
      rejection(
        cognito.createUserPool({
          PoolName: 'refused',
          ...(tier ? { UserPoolTier: tier } : {}),
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors as never } },
        }),
      );
    expect(await create(['EMAIL_OTP'])).toMatchObject({
      name: 'InvalidParameterException',
      message: 'The PASSWORD factor must be included in AllowedFirstAuthFactors.',
    });
    expect(await create(['PASSWORD', 'SOFTWARE_TOKEN'])).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(
        /Value 'SOFTWARE_TOKEN' at 'policies\.signInPolicy\.allowedFirstAuthFactors\.2\.member' failed/,
      ),
    });
    expect((await create([])).name).toBe('InvalidParameterException');
    expect(await create(['PASSWORD', 'EMAIL_OTP'], 'LITE')).toMatchObject({
      name: 'FeatureUnavailableInTierException',
    });
    const lite = await cognito.createUserPool({
      PoolName: 'lite',
      UserPoolTier: 'LITE',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } },
    });
    expect(lite.UserPool!.Policies!.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD'] });
  });

  it('comes from a seed file as CreateUserPool takes it', async () => {
    const policy = (factors: string[]) => ({
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors } },
    });
    const seeded = await emulatorWithSdk({
      seed: { pools: [{ name: 'seeded', settings: policy(['PASSWORD', 'EMAIL_OTP']) }] },
    });
    try {
      const { UserPool } = await seeded.cognito.describeUserPool({
        UserPoolId: seeded.emulator.pools.seeded!.id,
      });
      expect(UserPool!.Policies!.SignInPolicy).toEqual({
        AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
      });
    } finally {
      await seeded.emulator.stop();
    }
    await expect(
      startEmulator({ port: 0, seed: { pools: [{ name: 'bad', settings: policy(['SMS_OTP']) }] } }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('InitiateAuth with USER_AUTH', () => {
  it('is refused to a client without ALLOW_USER_AUTH', async () => {
    const pool = await choicePool(cognito, {
      flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const { email } = await choiceUser(cognito, pool);
    expect(await rejection(initiate(cognito, pool, { USERNAME: email }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_AUTH flow not enabled for this client',
    });
  });

  it('answers SELECT_CHALLENGE with what this user can use, without a preference', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const answer = await initiate(cognito, pool, { USERNAME: email });
    expect(answer.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(answer.AvailableChallenges).toEqual(ALL_BUT_PASSKEYS);
    expect(answer.ChallengeParameters).toEqual({});
    expect(answer.Session).toEqual(expect.any(String));
    expect(answer.AuthenticationResult).toBeUndefined();
    expect(lastCode(emulator, email).count).toBe(0);
  });

  it('offers a one-time code only to a verified email or phone, and only factors the pool allows', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool, { phoneVerified: false });
    expect((await initiate(cognito, pool, { USERNAME: email })).AvailableChallenges).toEqual([
      'PASSWORD',
      'PASSWORD_SRP',
      'EMAIL_OTP',
    ]);
    const unverified = await choiceUser(cognito, pool, { emailVerified: false, phoneVerified: false });
    expect((await initiate(cognito, pool, { USERNAME: unverified.email })).AvailableChallenges).toEqual([
      'PASSWORD',
      'PASSWORD_SRP',
    ]);
    const passwordOnly = await choicePool(cognito, { factors: ['PASSWORD'] });
    const user = await choiceUser(cognito, passwordOnly);
    expect((await initiate(cognito, passwordOnly, { USERNAME: user.email })).AvailableChallenges).toEqual([
      'PASSWORD',
      'PASSWORD_SRP',
    ]);
  });

  it('answers SELECT_CHALLENGE to a preference the user or the pool cannot use, and sends nothing', async () => {
    const passwordOnly = await choicePool(cognito, { factors: ['PASSWORD'] });
    const { email } = await choiceUser(cognito, passwordOnly);
    const answer = await initiate(cognito, passwordOnly, {
      USERNAME: email,
      PREFERRED_CHALLENGE: 'EMAIL_OTP',
    });
    expect(answer.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(answer.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
    expect(lastCode(emulator, email).count).toBe(0);
    // Choosing it anyway is refused, and the session is still good for a listed choice.
    expect(
      await rejection(
        respond(cognito, passwordOnly, 'SELECT_CHALLENGE', answer.Session, {
          USERNAME: email,
          ANSWER: 'EMAIL_OTP',
        }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid ANSWER: it must be one of the AvailableChallenges.',
    });
    const done = await respond(cognito, passwordOnly, 'SELECT_CHALLENGE', answer.Session, {
      USERNAME: email,
      ANSWER: 'PASSWORD',
      PASSWORD,
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));

    const pool = await choicePool(cognito, { factors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] });
    const user = await choiceUser(cognito, pool);
    const noPasskey = await initiate(cognito, pool, {
      USERNAME: user.email,
      PREFERRED_CHALLENGE: 'WEB_AUTHN',
    });
    expect(noPasskey.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(noPasskey.AvailableChallenges).toEqual(ALL_BUT_PASSKEYS);
  });

  it('refuses a PREFERRED_CHALLENGE that is no first factor, and a missing USERNAME', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    expect(
      await rejection(initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'SMS_MFA' })),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'PREFERRED_CHALLENGE must be one of PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN.',
    });
    expect(await rejection(initiate(cognito, pool, {}))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    });
  });

  it('checks a PASSWORD given with the preference at once', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const signedIn = await initiate(cognito, pool, {
      USERNAME: email,
      PREFERRED_CHALLENGE: 'PASSWORD',
      PASSWORD,
    });
    expect(signedIn.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    expect(signedIn.AuthenticationResult!.RefreshToken).toEqual(expect.any(String));
    expect(
      await rejection(
        initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wr0ng-pass' }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('prompts for the password when PASSWORD is preferred without it; PASSWORD or SELECT_CHALLENGE answers', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const prompt = await initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD' });
    expect(prompt).toMatchObject({ ChallengeName: 'PASSWORD', ChallengeParameters: {} });
    expect(prompt.AvailableChallenges).toBeUndefined();
    expect(
      await rejection(respond(cognito, pool, 'PASSWORD', prompt.Session, { USERNAME: email })),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD',
    });
    const done = await respond(cognito, pool, 'PASSWORD', prompt.Session, { USERNAME: email, PASSWORD });
    expect(done.AuthenticationResult?.IdToken).toEqual(expect.any(String));

    const again = await initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD' });
    const viaSelect = await respond(cognito, pool, 'SELECT_CHALLENGE', again.Session, {
      USERNAME: email,
      ANSWER: 'PASSWORD',
      PASSWORD,
    });
    expect(viaSelect.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('answers PASSWORD_VERIFIER to PASSWORD_SRP with SRP_A, and signs in with its proof', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const start = srpStart();
    const verifier = await initiate(cognito, pool, {
      USERNAME: email,
      PREFERRED_CHALLENGE: 'PASSWORD_SRP',
      SRP_A: start.A.toString(16),
    });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(verifier.ChallengeParameters!).sort()).toEqual([
      'SALT',
      'SECRET_BLOCK',
      'SRP_B',
      'USERNAME',
      'USER_ID_FOR_SRP',
    ]);
    const done = await proveSrp(cognito, pool, start, verifier);
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('sends an email code as the first factor, masked in the parameters; a wrong code is refused', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const challenge = await initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(challenge).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'c***@e***' },
    });
    const sent = emulator.messages({ to: email }).at(-1)!;
    expect(sent).toMatchObject({ kind: 'MFA', subject: 'Your authentication code' });
    expect(sent.body).toContain(sent.code!);
    const wrong = sent.code === '000000' ? '111111' : '000000';
    expect(
      await rejection(
        respond(cognito, pool, 'EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: wrong }),
      ),
    ).toMatchObject({ name: 'CodeMismatchException' });
    const done = await respond(cognito, pool, 'EMAIL_OTP', challenge.Session, {
      USERNAME: email,
      EMAIL_OTP_CODE: sent.code!,
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('sends an SMS code as the first factor to the verified phone', async () => {
    const pool = await choicePool(cognito);
    const { email, phone } = await choiceUser(cognito, pool);
    const challenge = await initiate(cognito, pool, { USERNAME: email, PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect(challenge).toMatchObject({
      ChallengeName: 'SMS_OTP',
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
        CODE_DELIVERY_DESTINATION: `+*******${phone.slice(-4)}`,
      },
    });
    const { code } = lastCode(emulator, phone);
    expect(
      await rejection(
        respond(cognito, pool, 'SMS_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code! }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter SMS_OTP_CODE',
    });
    const done = await respond(cognito, pool, 'SMS_OTP', challenge.Session, {
      USERNAME: email,
      SMS_OTP_CODE: code!,
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('needs SECRET_HASH where the client has a secret, at every step', async () => {
    const pool = await choicePool(cognito, { secret: true });
    const { email } = await choiceUser(cognito, pool);
    expect(await rejection(initiate(cognito, pool, { USERNAME: email }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${pool.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const SECRET_HASH = secretHash(pool.clientSecret!, email, pool.clientId);
    const choice = await initiate(cognito, pool, { USERNAME: email, SECRET_HASH });
    expect(
      await rejection(
        respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, { USERNAME: email, ANSWER: 'EMAIL_OTP' }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException' });
    const code = await respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, {
      USERNAME: email,
      ANSWER: 'EMAIL_OTP',
      SECRET_HASH,
    });
    const done = await respond(cognito, pool, 'EMAIL_OTP', code.Session, {
      USERNAME: email,
      EMAIL_OTP_CODE: lastCode(emulator, email).code!,
      SECRET_HASH,
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('works the same through AdminInitiateAuth and AdminRespondToAuthChallenge', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const choice = await cognito.adminInitiateAuth({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: email },
    });
    expect(choice.AvailableChallenges).toEqual(ALL_BUT_PASSKEYS);
    const code = await cognito.adminRespondToAuthChallenge({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ChallengeName: 'SELECT_CHALLENGE',
      Session: choice.Session,
      ChallengeResponses: { USERNAME: email, ANSWER: 'SMS_OTP' },
    });
    expect(code.ChallengeName).toBe('SMS_OTP');
    const { phone } = { phone: emulator.messages().at(-1)!.to };
    const done = await cognito.adminRespondToAuthChallenge({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ChallengeName: 'SMS_OTP',
      Session: code.Session,
      ChallengeResponses: { USERNAME: email, SMS_OTP_CODE: lastCode(emulator, phone).code! },
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });
});

describe('SELECT_CHALLENGE answers', () => {
  it('PASSWORD_SRP with SRP_A goes on to PASSWORD_VERIFIER', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const choice = await initiate(cognito, pool, { USERNAME: email });
    const start = srpStart();
    const verifier = await respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, {
      USERNAME: email,
      ANSWER: 'PASSWORD_SRP',
      SRP_A: start.A.toString(16),
    });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const done = await proveSrp(cognito, pool, start, verifier);
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('EMAIL_OTP sends the code and answers its challenge', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const choice = await initiate(cognito, pool, { USERNAME: email });
    const challenge = await respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, {
      USERNAME: email,
      ANSWER: 'EMAIL_OTP',
    });
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(challenge.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' });
    const done = await respond(cognito, pool, 'EMAIL_OTP', challenge.Session, {
      USERNAME: email,
      EMAIL_OTP_CODE: lastCode(emulator, email).code!,
    });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('spends the session once answered, and needs ANSWER', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const choice = await initiate(cognito, pool, { USERNAME: email });
    expect(
      await rejection(respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, { USERNAME: email })),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter ANSWER' });
    await respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, {
      USERNAME: email,
      ANSWER: 'EMAIL_OTP',
    });
    expect(
      await rejection(
        respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, { USERNAME: email, ANSWER: 'EMAIL_OTP' }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    expect(lastCode(emulator, email).count).toBe(1);
  });

  it('belongs to the user it was opened for, and to its challenge', async () => {
    const pool = await choicePool(cognito);
    const { email } = await choiceUser(cognito, pool);
    const other = await choiceUser(cognito, pool);
    const choice = await initiate(cognito, pool, { USERNAME: email });
    expect(
      await rejection(
        respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, {
          USERNAME: other.email,
          ANSWER: 'EMAIL_OTP',
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    expect(
      await rejection(
        respond(cognito, pool, 'SMS_OTP', choice.Session, { USERNAME: email, SMS_OTP_CODE: '123456' }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Challenge SMS_OTP was not issued for this session.',
    });
  });
});

describe('a user name that names no user', () => {
  it('gets the pool’s choices, and stand-in challenges whose answers all fail (ENABLED)', async () => {
    const pool = await choicePool(cognito);
    const name = 'nobody@example.com';
    const choice = await initiate(cognito, pool, { USERNAME: name });
    expect(choice.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(choice.AvailableChallenges).toEqual(ALL_BUT_PASSKEYS);

    const email = await initiate(cognito, pool, { USERNAME: name, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(email).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'n***@e***' },
    });
    expect(emulator.messages({ to: name })).toEqual([]);
    expect(
      await rejection(
        respond(cognito, pool, 'EMAIL_OTP', email.Session, { USERNAME: name, EMAIL_OTP_CODE: '123456' }),
      ),
    ).toMatchObject({ name: 'CodeMismatchException' });

    const sms = await respond(cognito, pool, 'SELECT_CHALLENGE', choice.Session, {
      USERNAME: name,
      ANSWER: 'SMS_OTP',
    });
    expect(sms.ChallengeParameters!.CODE_DELIVERY_DESTINATION).toMatch(/^\+\*{7}\d{4}$/);
    const smsAgain = await initiate(cognito, pool, { USERNAME: name, PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect(smsAgain.ChallengeParameters).toEqual(sms.ChallengeParameters);

    expect(
      await rejection(initiate(cognito, pool, { USERNAME: name, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    const start = srpStart();
    const verifier = await initiate(cognito, pool, {
      USERNAME: name,
      PREFERRED_CHALLENGE: 'PASSWORD_SRP',
      SRP_A: start.A.toString(16),
    });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(
      await rejection(proveSrp(cognito, pool, start, { ChallengeParameters: verifier.ChallengeParameters })),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('is UserNotFoundException where the client keeps LEGACY existence errors', async () => {
    const pool = await choicePool(cognito, { prevent: 'LEGACY' });
    expect(await rejection(initiate(cognito, pool, { USERNAME: 'nobody@example.com' }))).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });
});

describe('GetUserAuthFactors', () => {
  it('lists the first factors the user can use and the MFA turned on, for the user and an administrator', async () => {
    const pool = await choicePool(cognito, { factors: ['PASSWORD', 'EMAIL_OTP'] });
    const { email } = await choiceUser(cognito, pool);
    const { AuthenticationResult } = await initiate(cognito, pool, {
      USERNAME: email,
      PREFERRED_CHALLENGE: 'PASSWORD',
      PASSWORD,
    });
    const own = await cognito.getUserAuthFactors({ AccessToken: AuthenticationResult!.AccessToken! });
    expect(own.ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP']);
    expect(own.Username).toMatch(/^[0-9a-f-]{36}$/);
    expect(own.UserMFASettingList).toBeUndefined();

    await cognito.adminSetUserMFAPreference({
      UserPoolId: pool.poolId,
      Username: email,
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const admin = await cognito.adminGetUserAuthFactors({ UserPoolId: pool.poolId, Username: email });
    expect(admin).toMatchObject({
      Username: own.Username,
      ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
      UserMFASettingList: ['SMS_MFA'],
      PreferredMfaSetting: 'SMS_MFA',
    });
    expect(
      await rejection(
        cognito.adminGetUserAuthFactors({ UserPoolId: pool.poolId, Username: 'nobody@example.com' }),
      ),
    ).toMatchObject({ name: 'UserNotFoundException' });
    await cognito.globalSignOut({ AccessToken: AuthenticationResult!.AccessToken! });
    expect(
      await rejection(cognito.getUserAuthFactors({ AccessToken: AuthenticationResult!.AccessToken! })),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  });
});
