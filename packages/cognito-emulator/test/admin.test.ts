import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection, signedInUser } from './helpers.js';
import { contextOf } from '../src/start.js';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const signIn = (clientId: string, USERNAME: string, password = PASSWORD) =>
  cognito.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME, PASSWORD: password },
  });

describe('admin user operations', () => {
  it('AdminGetUser describes a user by email; an unknown one is UserNotFoundException', async () => {
    const { poolId } = await signedInUser(emulator, cognito, 'get@example.com');
    const user = await cognito.adminGetUser({ UserPoolId: poolId, Username: 'get@example.com' });
    expect(user).toMatchObject({ Enabled: true, UserStatus: 'CONFIRMED' });
    expect(user.Username).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([{ Name: 'email', Value: 'get@example.com' }]),
    );
    expect(await cognito.adminGetUser({ UserPoolId: poolId, Username: user.Username! })).toMatchObject({
      Username: user.Username,
    });
    expect(
      await rejection(cognito.adminGetUser({ UserPoolId: poolId, Username: 'no@example.com' })),
    ).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('a disabled user can neither sign in nor refresh, and its tokens are revoked; enabling restores sign-in', async () => {
    const { poolId, clientId, tokens } = await signedInUser(emulator, cognito, 'disabled@example.com');
    await cognito.adminDisableUser({ UserPoolId: poolId, Username: 'disabled@example.com' });
    expect(await rejection(signIn(clientId, 'disabled@example.com'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await rejection(cognito.getUser({ AccessToken: tokens.AccessToken! }))).toMatchObject({
      name: 'NotAuthorizedException',
    });
    await cognito.adminEnableUser({ UserPoolId: poolId, Username: 'disabled@example.com' });
    await signIn(clientId, 'disabled@example.com');
  });

  it('AdminResetUserPassword: PasswordResetRequiredException, a reset code, then the new password', async () => {
    const { poolId, clientId } = await signedInUser(emulator, cognito, 'reset@example.com');
    await cognito.adminResetUserPassword({ UserPoolId: poolId, Username: 'reset@example.com' });
    expect(
      (await cognito.adminGetUser({ UserPoolId: poolId, Username: 'reset@example.com' })).UserStatus,
    ).toBe('RESET_REQUIRED');
    expect(await rejection(signIn(clientId, 'reset@example.com'))).toMatchObject({
      name: 'PasswordResetRequiredException',
      message: 'Password reset required for the user',
    });
    const code = emulator.messages({ to: 'reset@example.com' }).at(-1)!;
    expect(code.kind).toBe('FORGOT_PASSWORD');
    await cognito.confirmForgotPassword({
      ClientId: clientId,
      Username: 'reset@example.com',
      ConfirmationCode: code.code!,
      Password: 'Res3t-by-admin!',
    });
    await signIn(clientId, 'reset@example.com', 'Res3t-by-admin!');
  });

  it('AdminSetUserPassword: permanent signs in; temporary gets NEW_PASSWORD_REQUIRED; the policy holds', async () => {
    const { poolId, clientId } = await signedInUser(emulator, cognito, 'setpw@example.com');
    await cognito.adminSetUserPassword({
      UserPoolId: poolId,
      Username: 'setpw@example.com',
      Password: 'Perm4nent-pw!',
      Permanent: true,
    });
    expect((await signIn(clientId, 'setpw@example.com', 'Perm4nent-pw!')).AuthenticationResult).toBeDefined();
    await cognito.adminSetUserPassword({
      UserPoolId: poolId,
      Username: 'setpw@example.com',
      Password: 'Tempor4ry-pw!',
      Permanent: false,
    });
    expect((await signIn(clientId, 'setpw@example.com', 'Tempor4ry-pw!')).ChallengeName).toBe(
      'NEW_PASSWORD_REQUIRED',
    );
    expect(
      await rejection(
        cognito.adminSetUserPassword({
          UserPoolId: poolId,
          Username: 'setpw@example.com',
          Password: 'weak',
          Permanent: true,
        }),
      ),
    ).toMatchObject({ name: 'InvalidPasswordException' });
  });

  it('AdminUpdateUserAttributes sets attributes and verification flags; AdminDeleteUserAttributes removes them', async () => {
    const { poolId, clientId } = await signedInUser(emulator, cognito, 'attrs@example.com');
    await cognito.adminUpdateUserAttributes({
      UserPoolId: poolId,
      Username: 'attrs@example.com',
      UserAttributes: [
        { Name: 'email', Value: 'attrs-new@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Attr' },
      ],
    });
    const after = await cognito.adminGetUser({ UserPoolId: poolId, Username: 'attrs-new@example.com' });
    expect(after.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'attrs-new@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Attr' },
      ]),
    );
    expect(emulator.messages({ to: 'attrs-new@example.com' })).toEqual([]);
    await signIn(clientId, 'attrs-new@example.com');
    await cognito.adminDeleteUserAttributes({
      UserPoolId: poolId,
      Username: 'attrs-new@example.com',
      UserAttributeNames: ['name'],
    });
    const deleted = await cognito.adminGetUser({ UserPoolId: poolId, Username: 'attrs-new@example.com' });
    expect(deleted.UserAttributes!.map((a) => a.Name)).not.toContain('name');
    expect(
      await rejection(
        cognito.adminDeleteUserAttributes({
          UserPoolId: poolId,
          Username: 'attrs-new@example.com',
          UserAttributeNames: ['sub'],
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await rejection(
        cognito.adminUpdateUserAttributes({
          UserPoolId: poolId,
          Username: 'attrs-new@example.com',
          UserAttributes: [{ Name: 'custom:nope', Value: 'x' }],
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('AdminUserGlobalSignOut revokes the refresh tokens and access tokens; AdminDeleteUser removes the user', async () => {
    const { poolId, clientId, tokens } = await signedInUser(emulator, cognito, 'adminout@example.com');
    await cognito.adminUserGlobalSignOut({ UserPoolId: poolId, Username: 'adminout@example.com' });
    expect(await rejection(cognito.getUser({ AccessToken: tokens.AccessToken! }))).toMatchObject({
      message: 'Access Token has been revoked',
    });
    await cognito.adminDeleteUser({ UserPoolId: poolId, Username: 'adminout@example.com' });
    expect(await rejection(signIn(clientId, 'adminout@example.com'))).toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect(
      await rejection(cognito.adminGetUser({ UserPoolId: poolId, Username: 'adminout@example.com' })),
    ).toMatchObject({
      name: 'UserNotFoundException',
    });
  });
});

describe('groups', () => {
  it('create, get, update, list, delete; a duplicate is GroupExistsException', async () => {
    const { poolId } = await emailPool(cognito);
    const { Group } = await cognito.createGroup({
      UserPoolId: poolId,
      GroupName: 'admin',
      Description: 'Admins',
      Precedence: 1,
    });
    expect(Group).toMatchObject({
      GroupName: 'admin',
      UserPoolId: poolId,
      Description: 'Admins',
      Precedence: 1,
    });
    expect(await rejection(cognito.createGroup({ UserPoolId: poolId, GroupName: 'admin' }))).toMatchObject({
      name: 'GroupExistsException',
    });
    await cognito.updateGroup({ UserPoolId: poolId, GroupName: 'admin', Description: 'Operators' });
    expect((await cognito.getGroup({ UserPoolId: poolId, GroupName: 'admin' })).Group).toMatchObject({
      Description: 'Operators',
      Precedence: 1,
    });
    for (const name of ['a', 'b', 'c']) await cognito.createGroup({ UserPoolId: poolId, GroupName: name });
    const page = await cognito.listGroups({ UserPoolId: poolId, Limit: 3 });
    expect(page.Groups!.map((g) => g.GroupName)).toEqual(['a', 'admin', 'b']);
    const rest = await cognito.listGroups({ UserPoolId: poolId, Limit: 3, NextToken: page.NextToken! });
    expect(rest.Groups!.map((g) => g.GroupName)).toEqual(['c']);
    expect(rest.NextToken).toBeUndefined();
    await cognito.deleteGroup({ UserPoolId: poolId, GroupName: 'c' });
    expect(await rejection(cognito.getGroup({ UserPoolId: poolId, GroupName: 'c' }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
  });

  it('membership goes into cognito:groups and the listings', async () => {
    const { poolId, clientId } = await signedInUser(emulator, cognito, 'member@example.com');
    await cognito.createGroup({ UserPoolId: poolId, GroupName: 'staff', Precedence: 5 });
    await cognito.createGroup({ UserPoolId: poolId, GroupName: 'admin', Precedence: 1 });
    await cognito.adminAddUserToGroup({
      UserPoolId: poolId,
      Username: 'member@example.com',
      GroupName: 'staff',
    });
    await cognito.adminAddUserToGroup({
      UserPoolId: poolId,
      Username: 'member@example.com',
      GroupName: 'admin',
    });
    const { AuthenticationResult } = await signIn(clientId, 'member@example.com');
    const claims = JSON.parse(
      Buffer.from(AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString(),
    );
    expect(claims['cognito:groups']).toEqual(['admin', 'staff']);
    const groups = await cognito.adminListGroupsForUser({
      UserPoolId: poolId,
      Username: 'member@example.com',
    });
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['admin', 'staff']);
    const members = await cognito.listUsersInGroup({ UserPoolId: poolId, GroupName: 'admin' });
    expect(members.Users).toHaveLength(1);
    await cognito.adminRemoveUserFromGroup({
      UserPoolId: poolId,
      Username: 'member@example.com',
      GroupName: 'admin',
    });
    expect((await cognito.listUsersInGroup({ UserPoolId: poolId, GroupName: 'admin' })).Users).toEqual([]);
    expect(
      await rejection(
        cognito.adminAddUserToGroup({
          UserPoolId: poolId,
          Username: 'member@example.com',
          GroupName: 'nope',
        }),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(
      await rejection(
        cognito.adminAddUserToGroup({
          UserPoolId: poolId,
          Username: 'ghost@example.com',
          GroupName: 'staff',
        }),
      ),
    ).toMatchObject({ name: 'UserNotFoundException' });
  });
});

describe('ListUsers', () => {
  it('filters with = and ^=, returns only AttributesToGet, refuses a bad filter', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    for (const [email, name] of [
      ['ann@example.com', 'Ann'],
      ['anna@example.com', 'Anna'],
      ['bob@example.com', 'Bob'],
    ]) {
      await cognito.signUp({
        ClientId: clientId,
        Username: email!,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'name', Value: name! }],
      });
    }
    const emails = async (Filter: string) =>
      ((await cognito.listUsers({ UserPoolId: poolId, Filter })).Users ?? [])
        .map((u) => u.Attributes!.find((a) => a.Name === 'email')!.Value)
        .sort();
    expect(await emails('email = "ann@example.com"')).toEqual(['ann@example.com']);
    expect(await emails('email ^= "ann"')).toEqual(['ann@example.com', 'anna@example.com']);
    expect(await emails('name ^= "B"')).toEqual(['bob@example.com']);
    expect(await emails('cognito:user_status = "UNCONFIRMED"')).toHaveLength(3);
    expect(await emails('status = "Enabled"')).toHaveLength(3);
    const only = await cognito.listUsers({ UserPoolId: poolId, AttributesToGet: ['email'], Limit: 1 });
    expect(only.Users![0]!.Attributes!.map((a) => a.Name)).toEqual(['email']);
    expect(only.PaginationToken).toBeTruthy();
    expect(await rejection(cognito.listUsers({ UserPoolId: poolId, Filter: 'email == nope' }))).toMatchObject(
      {
        name: 'InvalidParameterException',
      },
    );
    expect(await rejection(cognito.listUsers({ UserPoolId: poolId, Filter: 'locale = "x"' }))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(await rejection(cognito.listUsers({ UserPoolId: poolId, Limit: 61 }))).toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('pages through 10,000 users, returning each exactly once', async () => {
    const { poolId } = await emailPool(cognito);
    const context = contextOf(emulator);
    const pool = context.pools.getPool(poolId);
    const insert = context.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const sub = `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`;
        context.users.insert(pool, {
          poolId,
          username: sub,
          sub,
          status: 'CONFIRMED',
          enabled: true,
          passwordHash: null,
          srpVerifier: null,
          attributes: { sub, email: `bulk${i}@example.com`, email_verified: 'true' },
          createdAt: 0,
          updatedAt: 0,
        });
      }
    });
    insert();
    const seen = new Set<string>();
    let PaginationToken: string | undefined;
    let pages = 0;
    do {
      const page = await cognito.listUsers({
        UserPoolId: poolId,
        Limit: 60,
        ...(PaginationToken ? { PaginationToken } : {}),
      });
      for (const user of page.Users!) {
        expect(seen.has(user.Username!)).toBe(false);
        seen.add(user.Username!);
      }
      PaginationToken = page.PaginationToken;
      pages++;
    } while (PaginationToken);
    expect(seen.size).toBe(10_000);
    expect(pages).toBe(167);
  }, 60_000);
});
