import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import Database from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, race, rejection, UNDO_AFTER_SCHEMA_5 } from './helpers.js';
import { contextOf } from '../src/start.js';

/**
 * Nobody shares a sign-in name: user names, subs, and the emails and phone numbers users sign in
 * with are unique in the store itself, so that concurrent requests cannot both win.
 */
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
const N = 12;

beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

async function usernamePool(settings: object = {}) {
  const { UserPool } = await cognito.createUserPool({ PoolName: 'plain', ...settings });
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: UserPool!.Id!,
    ClientName: 'c',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

const usersWithEmail = async (poolId: string, email: string) =>
  (await cognito.listUsers({ UserPoolId: poolId, Filter: `email = "${email}"` })).Users ?? [];

describe('concurrent creation of one user', () => {
  it(`${N} parallel SignUp with one email: one user, the rest UsernameExistsException`, async () => {
    const { poolId, clientId } = await emailPool(cognito);
    const email = 'twin@example.com';
    const { won, lost } = await race(N, () =>
      cognito.signUp({ ClientId: clientId, Username: email, Password: PASSWORD }),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(N - 1);
    for (const error of lost) {
      expect(error).toMatchObject({
        name: 'UsernameExistsException',
        message: 'An account with the given email already exists.',
      });
    }
    expect(await usersWithEmail(poolId, email)).toHaveLength(1);

    // Deleting "the" user by email leaves nobody who signs in with it.
    await cognito.adminConfirmSignUp({ UserPoolId: poolId, Username: email });
    await cognito.adminDeleteUser({ UserPoolId: poolId, Username: email });
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await usersWithEmail(poolId, email)).toHaveLength(0);
  });

  it(`${N} parallel AdminCreateUser with one email: one user`, async () => {
    const { poolId } = await emailPool(cognito);
    const email = 'invited-twin@example.com';
    const { won, lost } = await race(N, () =>
      cognito.adminCreateUser({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS' }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(N - 1).fill('UsernameExistsException'));
    expect(await usersWithEmail(poolId, email)).toHaveLength(1);
  });

  it(`${N} parallel SignUp and AdminCreateUser mixed, one email: one user`, async () => {
    const { poolId, clientId } = await emailPool(cognito);
    const email = 'mixed-twin@example.com';
    const { won, lost } = await race<unknown>(N, (i) =>
      i % 2
        ? cognito.signUp({ ClientId: clientId, Username: email, Password: PASSWORD })
        : cognito.adminCreateUser({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS' }),
    );
    expect(won).toHaveLength(1);
    expect(lost.every((e) => e.name === 'UsernameExistsException')).toBe(true);
    expect(await usersWithEmail(poolId, email)).toHaveLength(1);
  });

  it(`${N} parallel SignUp and AdminCreateUser with one user name: one user, "User already exists"`, async () => {
    const { poolId, clientId } = await usernamePool();
    const { won, lost } = await race<unknown>(N, (i) =>
      i % 2
        ? cognito.signUp({ ClientId: clientId, Username: 'jane', Password: PASSWORD })
        : cognito.adminCreateUser({ UserPoolId: poolId, Username: 'jane', MessageAction: 'SUPPRESS' }),
    );
    expect(won).toHaveLength(1);
    for (const error of lost)
      expect(error).toMatchObject({ name: 'UsernameExistsException', message: 'User already exists' });
    const { Users } = await cognito.listUsers({ UserPoolId: poolId, Filter: 'username = "jane"' });
    expect(Users).toHaveLength(1);
  });

  it('case-insensitive pools: one user per email whatever its case', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    const { won, lost } = await race(N, (i) =>
      cognito.signUp({
        ClientId: clientId,
        Username: i % 2 ? 'Case@Example.com' : 'case@example.COM',
        Password: PASSWORD,
      }),
    );
    expect(won).toHaveLength(1);
    expect(lost.every((e) => e.name === 'UsernameExistsException')).toBe(true);
    expect(contextOf(emulator).users.count(poolId)).toBe(1);
  });

  it(`${N} parallel phone-number sign-ups: one user`, async () => {
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'phones',
      UsernameAttributes: ['phone_number'],
    });
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: UserPool!.Id!,
      ClientName: 'c',
    });
    const { won, lost } = await race(N, () =>
      cognito.signUp({ ClientId: UserPoolClient!.ClientId!, Username: '+15550100', Password: PASSWORD }),
    );
    expect(won).toHaveLength(1);
    for (const error of lost) {
      expect(error).toMatchObject({
        name: 'UsernameExistsException',
        message: 'An account with the given phone_number already exists.',
      });
    }
    expect(contextOf(emulator).users.count(UserPool!.Id!)).toBe(1);
  });
});

describe('changing an email onto another user', () => {
  it(`${N} users of an email pool take one new email at once: one gets it`, async () => {
    const { poolId } = await emailPool(cognito);
    const names = Array.from({ length: N }, (_, i) => `taker${i}@example.com`);
    for (const name of names)
      await cognito.adminCreateUser({ UserPoolId: poolId, Username: name, MessageAction: 'SUPPRESS' });
    const { won, lost } = await race(N, (i) =>
      cognito.adminUpdateUserAttributes({
        UserPoolId: poolId,
        Username: names[i]!,
        UserAttributes: [
          { Name: 'email', Value: 'prize@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    expect(won).toHaveLength(1);
    for (const error of lost) {
      expect(error).toMatchObject({
        name: 'AliasExistsException',
        message: 'An account with the given email already exists.',
      });
    }
    expect(await usersWithEmail(poolId, 'prize@example.com')).toHaveLength(1);
  });
});

describe('aliases (AliasAttributes): a verified email or phone belongs to one user', () => {
  async function aliasPool() {
    return usernamePool({ AliasAttributes: ['email', 'phone_number'], AutoVerifiedAttributes: ['email'] });
  }
  const signUp = (clientId: string, username: string, email: string) =>
    cognito.signUp({
      ClientId: clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: email }],
    });
  const codeFor = (email: string) => emulator.messages({ to: email }).at(-1)!.code!;

  it('confirming with an email another user verified is AliasExistsException; the code stays usable', async () => {
    const { clientId, poolId } = await aliasPool();
    await signUp(clientId, 'first', 'shared@example.com');
    const firstCode = codeFor('shared@example.com');
    await signUp(clientId, 'second', 'shared@example.com');
    const secondCode = codeFor('shared@example.com');
    await cognito.confirmSignUp({ ClientId: clientId, Username: 'first', ConfirmationCode: firstCode });
    expect(
      await rejection(
        cognito.confirmSignUp({ ClientId: clientId, Username: 'second', ConfirmationCode: secondCode }),
      ),
    ).toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given email already exists.',
    });
    const second = await cognito.adminGetUser({ UserPoolId: poolId, Username: 'second' });
    expect(second.UserStatus).toBe('UNCONFIRMED');

    // ForceAliasCreation moves the alias: the first user keeps the email, unverified.
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'second',
      ConfirmationCode: secondCode,
      ForceAliasCreation: true,
    });
    const first = await cognito.adminGetUser({ UserPoolId: poolId, Username: 'first' });
    expect(first.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' });
    const signIn = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'shared@example.com', PASSWORD },
    });
    expect(signIn.AuthenticationResult?.AccessToken).toBeDefined();
    const me = await cognito.getUser({ AccessToken: signIn.AuthenticationResult!.AccessToken! });
    expect(me.Username).toBe('second');
  });

  it(`${N} parallel confirmations of users sharing one email: one holds the alias`, async () => {
    const { clientId, poolId } = await aliasPool();
    const codes: string[] = [];
    for (let i = 0; i < N; i++) {
      await signUp(clientId, `racer${i}`, 'alias-race@example.com');
      codes.push(codeFor('alias-race@example.com'));
    }
    const { won, lost } = await race(N, (i) =>
      cognito.confirmSignUp({ ClientId: clientId, Username: `racer${i}`, ConfirmationCode: codes[i]! }),
    );
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(Array(N - 1).fill('AliasExistsException'));
    const { Users } = await cognito.listUsers({
      UserPoolId: poolId,
      Filter: 'cognito:user_status = "CONFIRMED"',
    });
    expect(Users).toHaveLength(1);
  });

  it('verifying an email another user holds as alias is AliasExistsException', async () => {
    const { clientId, poolId } = await aliasPool();
    await signUp(clientId, 'holder', 'held@example.com');
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'holder',
      ConfirmationCode: codeFor('held@example.com'),
    });
    await signUp(clientId, 'other', 'other-alias@example.com');
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'other',
      ConfirmationCode: codeFor('other-alias@example.com'),
    });
    const { AuthenticationResult } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'other', PASSWORD },
    });
    // An unverified email may be the same as another user's alias ...
    await cognito.updateUserAttributes({
      AccessToken: AuthenticationResult!.AccessToken!,
      UserAttributes: [{ Name: 'email', Value: 'held@example.com' }],
    });
    // ... but verifying it is refused.
    expect(
      await rejection(
        cognito.verifyUserAttribute({
          AccessToken: AuthenticationResult!.AccessToken!,
          AttributeName: 'email',
          Code: codeFor('held@example.com'),
        }),
      ),
    ).toMatchObject({ name: 'AliasExistsException' });
    // An administrator setting it verified is refused as well.
    expect(
      await rejection(
        cognito.adminUpdateUserAttributes({
          UserPoolId: poolId,
          Username: 'other',
          UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
        }),
      ),
    ).toMatchObject({ name: 'AliasExistsException' });
    const holder = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'held@example.com', PASSWORD },
    });
    const me = await cognito.getUser({ AccessToken: holder.AuthenticationResult!.AccessToken! });
    expect(me.Username).toBe('holder');
  });

  it('AdminCreateUser with another user’s verified phone: AliasExistsException unless forced', async () => {
    const { poolId } = await aliasPool();
    const phone = [
      { Name: 'phone_number', Value: '+15550199' },
      { Name: 'phone_number_verified', Value: 'true' },
    ];
    await cognito.adminCreateUser({
      UserPoolId: poolId,
      Username: 'p1',
      UserAttributes: phone,
      MessageAction: 'SUPPRESS',
    });
    expect(
      await rejection(
        cognito.adminCreateUser({
          UserPoolId: poolId,
          Username: 'p2',
          UserAttributes: phone,
          MessageAction: 'SUPPRESS',
        }),
      ),
    ).toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given phone_number already exists.',
    });
    await cognito.adminCreateUser({
      UserPoolId: poolId,
      Username: 'p2',
      UserAttributes: phone,
      MessageAction: 'SUPPRESS',
      ForceAliasCreation: true,
    });
    const p1 = await cognito.adminGetUser({ UserPoolId: poolId, Username: 'p1' });
    expect(p1.UserAttributes).toContainEqual({ Name: 'phone_number_verified', Value: 'false' });
    const byPhone = await cognito.adminGetUser({ UserPoolId: poolId, Username: '+15550199' });
    expect(byPhone.Username).toBe('p2');
  });
});

describe('a store written before sign-in names were unique', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-unique-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('still opens: the earliest twin keeps the email as sign-in name, the other keeps the attribute', async () => {
    const file = join(dir, 'twins.db');
    const first = await emulatorWithSdk({ dataFile: file });
    const { poolId, clientId } = await emailPool(first.cognito);
    await first.cognito.adminCreateUser({
      UserPoolId: poolId,
      Username: 'old-twin@example.com',
      TemporaryPassword: PASSWORD,
      MessageAction: 'SUPPRESS',
    });
    await first.emulator.stop();

    // Back to schema 3 (no sign-in columns, no SRP verifiers), with a twin as the old race could leave one.
    const raw = new Database(file);
    raw.exec(`
      ${UNDO_AFTER_SCHEMA_5}
      ALTER TABLE users DROP COLUMN srp_verifier;
      DROP INDEX users_by_email_signin; DROP INDEX users_by_phone_signin;
      ALTER TABLE users DROP COLUMN email_signin; ALTER TABLE users DROP COLUMN phone_signin;
      INSERT INTO users (pool_id, username, username_key, sub, email_key, phone_key, status, enabled,
        password_hash, attributes, pending, created_at, updated_at)
      SELECT pool_id, 'twin-sub', 'twin-sub', 'twin-sub', email_key, phone_key, status, enabled,
        password_hash, json_set(attributes, '$.sub', 'twin-sub'), pending, created_at + 1, updated_at + 1
      FROM users;
      PRAGMA user_version = 3;
    `);
    raw.close();

    const reopened = await emulatorWithSdk({ dataFile: file });
    try {
      const pool = contextOf(reopened.emulator).pools.getPool(poolId);
      const holder = contextOf(reopened.emulator).users.findBySignInName(pool, 'old-twin@example.com');
      expect(holder?.username).not.toBe('twin-sub');
      const twin = contextOf(reopened.emulator).users.findByUsername(pool, 'twin-sub');
      expect(twin?.attributes.email).toBe('old-twin@example.com');
      // The email is still taken, and the unique index now guards it.
      expect(
        await rejection(
          reopened.cognito.signUp({
            ClientId: clientId,
            Username: 'old-twin@example.com',
            Password: PASSWORD,
          }),
        ),
      ).toMatchObject({ name: 'UsernameExistsException' });
      const { won } = await race(N, () =>
        reopened.cognito.signUp({ ClientId: clientId, Username: 'new-twin@example.com', Password: PASSWORD }),
      );
      expect(won).toHaveLength(1);
    } finally {
      await reopened.emulator.stop();
    }
  });
});
