import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PasswordVerifierParameters,
  passwordVerifierResponses,
  srpA,
  srpClientKeys,
} from '../../nest-cognito/src/srp/index.js';
import type { RunningEmulator } from '../src/index.js';
import { secretHash } from '../src/services/secret-hash.js';
import {
  emailPool,
  emulatorWithSdk,
  PASSWORD,
  race,
  rejection,
  UNDO_AFTER_SCHEMA_5,
  wire,
} from './helpers.js';
import { contextOf } from '../src/start.js';

// SRP as the console's default app client allows it: SRP and refresh only.
const SRP_ONLY = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

let clock = Date.now();
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock }));
});
afterAll(() => emulator.stop());

/** A pool (email as user name) with a client of the given flows, and a confirmed user. */
async function poolWithUser(email: string, client: Parameters<typeof emailPool>[1] = {}) {
  const pool = await emailPool(cognito, { flows: SRP_ONLY, ...client });
  await cognito.adminCreateUser({
    UserPoolId: pool.poolId,
    Username: email,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
  });
  await cognito.adminSetUserPassword({
    UserPoolId: pool.poolId,
    Username: email,
    Password: PASSWORD,
    Permanent: true,
  });
  return pool;
}

const identityJsUser = (poolId: string, clientId: string, name: string) =>
  new CognitoUser({
    Username: name,
    Pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: emulator.endpoint }),
  });

const authenticate = (user: CognitoUser, password: string) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );

/** InitiateAuth USER_SRP_AUTH with the library's SRP client; the challenge and the keys. */
async function initiate(pool: { clientId: string; clientSecret?: string | undefined }, name: string) {
  const keys = srpClientKeys();
  const answer = await cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: {
      USERNAME: name,
      SRP_A: srpA(keys),
      ...(pool.clientSecret ? { SECRET_HASH: secretHash(pool.clientSecret, name, pool.clientId) } : {}),
    },
  });
  return { keys, answer, parameters: answer.ChallengeParameters as unknown as PasswordVerifierParameters };
}

/** The full raw exchange with the AWS SDK: InitiateAuth, then RespondToAuthChallenge. */
async function srpSignIn(
  pool: { poolId: string; clientId: string; clientSecret?: string | undefined },
  name: string,
  password: string,
) {
  const { keys, parameters } = await initiate(pool, name);
  const responses = passwordVerifierResponses({
    userPoolId: pool.poolId,
    password,
    keys,
    parameters,
    now: new Date(clock),
  });
  return cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: {
      ...responses,
      ...(pool.clientSecret
        ? { SECRET_HASH: secretHash(pool.clientSecret, responses.USERNAME, pool.clientId) }
        : {}),
    },
  });
}

describe('USER_SRP_AUTH with amazon-cognito-identity-js (its default flow)', () => {
  it('signs in with the right password: tokens that verify against the JWKS', async () => {
    const { poolId, clientId } = await poolWithUser('srp-ok@example.com');
    const session = await authenticate(identityJsUser(poolId, clientId, 'srp-ok@example.com'), PASSWORD);
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    verifier.cacheJwks(await (await fetch(`${emulator.endpoint}/${poolId}/.well-known/jwks.json`)).json());
    const id = await verifier.verify(session.getIdToken().getJwtToken());
    expect(id).toMatchObject({ email: 'srp-ok@example.com', token_use: 'id' });
    const access = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId });
    access.cacheJwks(await (await fetch(`${emulator.endpoint}/${poolId}/.well-known/jwks.json`)).json());
    expect((await access.verify(session.getAccessToken().getJwtToken())).sub).toBe(id.sub);
  });

  it('refuses a wrong password as the password flow does, and an unknown user alike', async () => {
    const { poolId, clientId } = await poolWithUser('srp-wrong@example.com');
    const wrong = { code: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    await expect(
      authenticate(identityJsUser(poolId, clientId, 'srp-wrong@example.com'), 'Wr0ng!pass'),
    ).rejects.toMatchObject(wrong);
    await expect(
      authenticate(identityJsUser(poolId, clientId, 'nobody@example.com'), PASSWORD),
    ).rejects.toMatchObject(wrong);
  });

  it('refuses the flow when the client does not allow it', async () => {
    const { poolId, clientId } = await poolWithUser('srp-flow@example.com', {
      flows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    await expect(
      authenticate(identityJsUser(poolId, clientId, 'srp-flow@example.com'), PASSWORD),
    ).rejects.toMatchObject({
      code: 'InvalidParameterException',
      message: 'USER_SRP_AUTH flow not enabled for this client',
    });
  });

  it('asks a FORCE_CHANGE_PASSWORD user for a new password after SRP, then signs in', async () => {
    const { poolId, clientId } = await emailPool(cognito, { flows: SRP_ONLY });
    await cognito.adminCreateUser({
      UserPoolId: poolId,
      Username: 'srp-new@example.com',
      TemporaryPassword: 'Temp0rary!',
      MessageAction: 'SUPPRESS',
    });
    const user = identityJsUser(poolId, clientId, 'srp-new@example.com');
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(
        new AuthenticationDetails({ Username: 'srp-new@example.com', Password: 'Temp0rary!' }),
        {
          onSuccess: resolve,
          onFailure: reject,
          newPasswordRequired: () =>
            user.completeNewPasswordChallenge('N3w-Passw0rd!', {}, { onSuccess: resolve, onFailure: reject }),
        },
      ),
    );
    expect(session.getIdToken().payload.email).toBe('srp-new@example.com');
    const again = await authenticate(
      identityJsUser(poolId, clientId, 'srp-new@example.com'),
      'N3w-Passw0rd!',
    );
    expect(again.isValid()).toBe(true);
  });

  it('stops disabled and unconfirmed users once their password is proven, as the password flow does', async () => {
    const pool = await poolWithUser('srp-disabled@example.com');
    await cognito.adminDisableUser({ UserPoolId: pool.poolId, Username: 'srp-disabled@example.com' });
    await expect(
      authenticate(identityJsUser(pool.poolId, pool.clientId, 'srp-disabled@example.com'), PASSWORD),
    ).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    await cognito.signUp({
      ClientId: pool.clientId,
      Username: 'srp-unconfirmed@example.com',
      Password: PASSWORD,
    });
    await expect(
      authenticate(identityJsUser(pool.poolId, pool.clientId, 'srp-unconfirmed@example.com'), PASSWORD),
    ).rejects.toMatchObject({
      code: 'UserNotConfirmedException',
    });
  });
});

describe('USER_SRP_AUTH over the AWS SDK with the library SRP client', () => {
  it('requires SECRET_HASH where the client has a secret, at both steps', async () => {
    const pool = await poolWithUser('srp-secret@example.com', { secret: true });
    const noSecret = { clientId: pool.clientId };
    expect(await rejection(initiate(noSecret, 'srp-secret@example.com'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${pool.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const { keys, parameters } = await initiate(pool, 'srp-secret@example.com');
    const responses = passwordVerifierResponses({
      userPoolId: pool.poolId,
      password: PASSWORD,
      keys,
      parameters,
      now: new Date(clock),
    });
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: { ...responses },
        }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: expect.stringContaining('SECRET_HASH was not received'),
    });
    const { AuthenticationResult } = await srpSignIn(pool, 'srp-secret@example.com', PASSWORD);
    expect(AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });

  it('answers PASSWORD_VERIFIER with every parameter, and no Session (the SECRET_BLOCK is the state)', async () => {
    const pool = await poolWithUser('srp-shape@example.com');
    const { answer } = await initiate(pool, 'srp-shape@example.com');
    const { Users } = await cognito.listUsers({ UserPoolId: pool.poolId });
    const username = Users![0]!.Username!;
    expect(answer.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(answer.Session).toBeUndefined();
    expect(answer.ChallengeParameters).toEqual({
      SALT: expect.stringMatching(/^[0-9a-f]+$/),
      SRP_B: expect.stringMatching(/^[0-9a-f]+$/),
      SECRET_BLOCK: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      USERNAME: username,
      USER_ID_FOR_SRP: username,
    });
  });

  it('signs in through AdminInitiateAuth and AdminRespondToAuthChallenge', async () => {
    const pool = await poolWithUser('srp-admin@example.com');
    const keys = srpClientKeys();
    const { ChallengeParameters } = await cognito.adminInitiateAuth({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: 'srp-admin@example.com', SRP_A: srpA(keys) },
    });
    const { AuthenticationResult } = await cognito.adminRespondToAuthChallenge({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        ...passwordVerifierResponses({
          userPoolId: pool.poolId,
          password: PASSWORD,
          keys,
          parameters: ChallengeParameters as unknown as PasswordVerifierParameters,
          now: new Date(clock),
        }),
      },
    });
    expect(AuthenticationResult?.IdToken).toBeTypeOf('string');
  });

  it('spends the exchange once: N parallel answers get one set of tokens', async () => {
    const pool = await poolWithUser('srp-race@example.com');
    const { keys, parameters } = await initiate(pool, 'srp-race@example.com');
    const responses = passwordVerifierResponses({
      userPoolId: pool.poolId,
      password: PASSWORD,
      keys,
      parameters,
      now: new Date(clock),
    });
    const { won, lost } = await race(8, () =>
      cognito.respondToAuthChallenge({
        ClientId: pool.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: { ...responses },
      }),
    );
    expect(won).toHaveLength(1);
    expect(won[0]!.AuthenticationResult?.AccessToken).toBeTypeOf('string');
    expect(lost).toHaveLength(7);
    for (const error of lost)
      expect(error).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      });
  });

  it('spends the exchange on a wrong password too', async () => {
    const pool = await poolWithUser('srp-spent@example.com');
    const { keys, parameters } = await initiate(pool, 'srp-spent@example.com');
    const wrong = passwordVerifierResponses({
      userPoolId: pool.poolId,
      password: 'Wr0ng!pass',
      keys,
      parameters,
      now: new Date(clock),
    });
    const right = passwordVerifierResponses({
      userPoolId: pool.poolId,
      password: PASSWORD,
      keys,
      parameters,
      now: new Date(clock),
    });
    const respond = (responses: Record<string, string>) =>
      cognito.respondToAuthChallenge({
        ClientId: pool.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: responses,
      });
    expect(await rejection(respond({ ...wrong }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(await rejection(respond({ ...right }))).toMatchObject({
      message: 'Invalid session for the user.',
    });
  });

  it('expires the exchange after the client AuthSessionValidity, and refuses a TIMESTAMP out of tolerance', async () => {
    const pool = await poolWithUser('srp-late@example.com');
    const { keys, parameters } = await initiate(pool, 'srp-late@example.com');
    clock += 3 * 60_000 + 1;
    try {
      const responses = passwordVerifierResponses({
        userPoolId: pool.poolId,
        password: PASSWORD,
        keys,
        parameters,
        now: new Date(clock),
      });
      expect(
        await rejection(
          cognito.respondToAuthChallenge({
            ClientId: pool.clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: { ...responses },
          }),
        ),
      ).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
      });
    } finally {
      clock -= 3 * 60_000 + 1;
    }
    const fresh = await initiate(pool, 'srp-late@example.com');
    for (const skew of [-5 * 60_000 - 1000, 5 * 60_000 + 1000]) {
      const again = skew < 0 ? fresh : await initiate(pool, 'srp-late@example.com');
      const responses = passwordVerifierResponses({
        userPoolId: pool.poolId,
        password: PASSWORD,
        keys: again.keys,
        parameters: again.parameters,
        now: new Date(clock + skew),
      });
      expect(
        await rejection(
          cognito.respondToAuthChallenge({
            ClientId: pool.clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: { ...responses },
          }),
        ),
      ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
    // Within the tolerance (a client clock four minutes behind) it signs in.
    const late = await initiate(pool, 'srp-late@example.com');
    const responses = passwordVerifierResponses({
      userPoolId: pool.poolId,
      password: PASSWORD,
      keys: late.keys,
      parameters: late.parameters,
      now: new Date(clock - 4 * 60_000),
    });
    const { AuthenticationResult } = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: { ...responses },
    });
    expect(AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });

  it('refuses malformed input with InvalidParameterException: A mod N = 0, bad hex, bad TIMESTAMP', async () => {
    const pool = await poolWithUser('srp-bad@example.com');
    const initiateWith = (SRP_A: string) =>
      rejection(
        cognito.initiateAuth({
          ClientId: pool.clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: 'srp-bad@example.com', SRP_A },
        }),
      );
    expect(await initiateWith(N_HEX)).toMatchObject({
      name: 'InvalidParameterException',
      message: 'SRP_A mod N cannot be 0.',
    });
    expect(await initiateWith('0')).toMatchObject({
      name: 'InvalidParameterException',
      message: 'SRP_A mod N cannot be 0.',
    });
    expect(await initiateWith('xyz')).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: pool.clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: 'srp-bad@example.com' },
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter SRP_A' });
    const { keys, parameters } = await initiate(pool, 'srp-bad@example.com');
    const responses = passwordVerifierResponses({
      userPoolId: pool.poolId,
      password: PASSWORD,
      keys,
      parameters,
      now: new Date(clock),
    });
    for (const TIMESTAMP of [
      'Mon Nov 03 10:00:00 UTC 2026',
      '2026-11-23T10:00:00Z',
      'Tue Nov 23 10:00:00 UTC 2026',
    ]) {
      expect(
        await rejection(
          cognito.respondToAuthChallenge({
            ClientId: pool.clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: { ...responses, TIMESTAMP },
          }),
        ),
      ).toMatchObject({ name: 'InvalidParameterException', message: 'TIMESTAMP format is invalid.' });
    }
    // A refused TIMESTAMP leaves the exchange for a well-formed answer.
    const { AuthenticationResult } = await cognito.respondToAuthChallenge({
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: { ...responses },
    });
    expect(AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });

  it('gives an unknown user a stable stand-in challenge (ENABLED) or UserNotFoundException (LEGACY)', async () => {
    const pool = await poolWithUser('srp-known@example.com');
    const first = await initiate(pool, 'ghost@example.com');
    const second = await initiate(pool, 'ghost@example.com');
    expect(second.parameters.SALT).toBe(first.parameters.SALT);
    expect(second.parameters.USER_ID_FOR_SRP).toBe(first.parameters.USER_ID_FOR_SRP);
    expect(first.parameters.USER_ID_FOR_SRP).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const known = await initiate(pool, 'srp-known@example.com');
    expect((await initiate(pool, 'srp-known@example.com')).parameters.SALT).toBe(known.parameters.SALT);
    expect(await rejection(srpSignIn(pool, 'ghost@example.com', PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const legacy = await poolWithUser('srp-legacy@example.com', { preventUserExistenceErrors: 'LEGACY' });
    expect(await rejection(initiate(legacy, 'ghost@example.com'))).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('a user stored before verifiers cannot use SRP until a password sign-in gives it one', async () => {
    const pool = await poolWithUser('srp-old@example.com', {
      flows: [...SRP_ONLY, 'ALLOW_USER_PASSWORD_AUTH'],
    });
    contextOf(emulator).db.prepare('UPDATE users SET srp_verifier = NULL WHERE pool_id = ?').run(pool.poolId);
    expect(await rejection(srpSignIn(pool, 'srp-old@example.com', PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'srp-old@example.com', PASSWORD },
    });
    const { AuthenticationResult } = await srpSignIn(pool, 'srp-old@example.com', PASSWORD);
    expect(AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });

  it('keeps the verifier in step with every password change: sign-up, change, forgotten password', async () => {
    const pool = await emailPool(cognito, { flows: SRP_ONLY });
    const email = 'srp-steps@example.com';
    await cognito.signUp({ ClientId: pool.clientId, Username: email, Password: PASSWORD });
    await cognito.confirmSignUp({
      ClientId: pool.clientId,
      Username: email,
      ConfirmationCode: emulator.messages({ to: email }).at(-1)!.code!,
    });
    const { AuthenticationResult } = await srpSignIn(pool, email, PASSWORD);
    await cognito.changePassword({
      AccessToken: AuthenticationResult!.AccessToken!,
      PreviousPassword: PASSWORD,
      ProposedPassword: 'Ch4nged!pass',
    });
    expect(await rejection(srpSignIn(pool, email, PASSWORD))).toMatchObject({
      message: 'Incorrect username or password.',
    });
    await srpSignIn(pool, email, 'Ch4nged!pass');
    await cognito.forgotPassword({ ClientId: pool.clientId, Username: email });
    await cognito.confirmForgotPassword({
      ClientId: pool.clientId,
      Username: email,
      ConfirmationCode: emulator.messages({ to: email }).at(-1)!.code!,
      Password: 'R3set!pass',
    });
    const { AuthenticationResult: after } = await srpSignIn(pool, email, 'R3set!pass');
    expect(after?.AccessToken).toBeTypeOf('string');
  });
});

describe('USER_SRP_AUTH under hostile input', () => {
  it('never answers 5xx to fuzzed SRP parameters and answers, always an AWS error or a challenge', async () => {
    const pool = await poolWithUser('srp-fuzz@example.com');
    const { parameters } = await initiate(pool, 'srp-fuzz@example.com');
    const hexish = fc.oneof(
      fc.stringMatching(/^[0-9a-f]{0,800}$/),
      fc.constantFrom('0', '1', N_HEX, `${N_HEX}00`, 'f'.repeat(768), 'f'.repeat(1025), '-1', '0x10', ' 1'),
      fc.string({ maxLength: 20 }),
    );
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', 'Tue Mar 3 09:05:07 UTC 2026'));
    const shapeOf = (answer: Awaited<ReturnType<typeof wire>>) => {
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
      if (answer.status !== 200) expect(answer.body.__type).toBe(answer.type);
    };
    await fc.assert(
      fc.asyncProperty(
        hexish,
        fc.oneof(fc.constant('srp-fuzz@example.com'), fc.string({ maxLength: 20 })),
        fc.record(
          {
            USERNAME: fc.oneof(fc.constant(parameters.USER_ID_FOR_SRP), text),
            PASSWORD_CLAIM_SECRET_BLOCK: fc.oneof(fc.constant(parameters.SECRET_BLOCK), text),
            PASSWORD_CLAIM_SIGNATURE: text,
            TIMESTAMP: text,
          },
          { requiredKeys: [] },
        ),
        async (SRP_A, USERNAME, responses) => {
          shapeOf(
            await wire(emulator.endpoint, 'InitiateAuth', {
              ClientId: pool.clientId,
              AuthFlow: 'USER_SRP_AUTH',
              AuthParameters: { USERNAME, SRP_A },
            }),
          );
          shapeOf(
            await wire(emulator.endpoint, 'RespondToAuthChallenge', {
              ClientId: pool.clientId,
              ChallengeName: 'PASSWORD_VERIFIER',
              ChallengeResponses: responses,
            }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('a store written before SRP verifiers (schema 4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-srp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens; its users sign in with SRP after one password sign-in', async () => {
    const file = join(dir, 'schema4.db');
    const first = await emulatorWithSdk({ dataFile: file });
    const pool = await emailPool(first.cognito, { flows: [...SRP_ONLY, 'ALLOW_USER_PASSWORD_AUTH'] });
    await first.cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: 'old@example.com',
      MessageAction: 'SUPPRESS',
    });
    await first.cognito.adminSetUserPassword({
      UserPoolId: pool.poolId,
      Username: 'old@example.com',
      Password: PASSWORD,
      Permanent: true,
    });
    await first.emulator.stop();
    const raw = new Database(file);
    raw.exec(`${UNDO_AFTER_SCHEMA_5} ALTER TABLE users DROP COLUMN srp_verifier; PRAGMA user_version = 4;`);
    raw.close();

    const reopened = await emulatorWithSdk({ dataFile: file });
    try {
      const sdk = reopened.cognito;
      const signIn = async () => {
        const keys = srpClientKeys();
        const { ChallengeParameters } = await sdk.initiateAuth({
          ClientId: pool.clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: 'old@example.com', SRP_A: srpA(keys) },
        });
        return sdk.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: {
            ...passwordVerifierResponses({
              userPoolId: pool.poolId,
              password: PASSWORD,
              keys,
              parameters: ChallengeParameters as unknown as PasswordVerifierParameters,
            }),
          },
        });
      };
      expect(await rejection(signIn())).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
      await sdk.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'old@example.com', PASSWORD },
      });
      expect((await signIn()).AuthenticationResult?.AccessToken).toBeTypeOf('string');
    } finally {
      await reopened.emulator.stop();
    }
  });
});
