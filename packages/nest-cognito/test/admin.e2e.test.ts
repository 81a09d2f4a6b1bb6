import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoAdminService, CognitoModule } from '../src/index.js';
import {
  ADAPTERS,
  bearer,
  type Cognito,
  PASSWORD,
  request,
  startApp,
  startCognito,
  type TestApp,
  withRest,
} from './helpers.js';

describe.each(ADAPTERS)('the /admin routes on %s', (adapter) => {
  let cognito: Cognito;
  let server: TestApp;
  let adminToken: string;
  let userToken: string;
  const email = (name: string) => `${name}.admin.${adapter}@example.com`;
  const call = (method: string, path: string, body?: unknown, token = adminToken) =>
    request(method, `${server.url}${path}`, body, bearer(token));
  const signIn = (address: string, password = PASSWORD) =>
    request('POST', `${server.url}/auth/sign-in`, { email: address, password });

  async function confirmedUser(name: string, groups: string[] = []) {
    const address = email(name);
    const { clientId } = cognito.options('public');
    await cognito.sdk.signUp({ ClientId: clientId, Username: address, Password: PASSWORD });
    await cognito.sdk.confirmSignUp({
      ClientId: clientId,
      Username: address,
      ConfirmationCode: cognito.lastCode(address),
    });
    for (const GroupName of groups) {
      await cognito.sdk.adminAddUserToGroup({ UserPoolId: cognito.poolId, Username: address, GroupName });
    }
    const answer = await signIn(address);
    return { email: address, token: answer.body.accessToken as string };
  }

  beforeAll(async () => {
    cognito = await startCognito();
    server = await startApp(adapter, withRest(cognito.options('public'), { auth: true, admin: true }));
    adminToken = (await confirmedUser('operator', ['admin'])).token;
    userToken = (await confirmedUser('plain')).token;
  });
  afterAll(async () => {
    await server?.close();
    await cognito?.emulator.stop();
  });

  it('401 without a token, 403 for a user outside the admin group', async () => {
    expect((await request('GET', `${server.url}/admin/users`)).status).toBe(401);
    expect(await call('GET', '/admin/users', undefined, userToken)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', message: 'Requires membership of the group admin.' },
    });
    expect((await call('POST', '/admin/groups', { name: 'x' }, userToken)).status).toBe(403);
  });

  it('POST /admin/users creates and invites; the invitee answers NEW_PASSWORD_REQUIRED; 409 when taken; 400 for a bad body', async () => {
    await call('POST', '/admin/groups', { name: 'staff' });
    const created = await call('POST', '/admin/users', {
      email: email('invitee'),
      attributes: { name: 'Invitee' },
      groups: ['staff'],
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        email: email('invitee'),
        emailVerified: true,
        status: 'FORCE_CHANGE_PASSWORD',
        enabled: true,
        attributes: { name: 'Invitee' },
      },
    });
    const invitation = cognito.emulator.messages({ to: email('invitee') }).at(-1)!;
    expect(invitation.kind).toBe('INVITATION');
    const signedIn = await signIn(email('invitee'), invitation.code!);
    expect(signedIn.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    const groups = await call('GET', `/admin/users/${encodeURIComponent(email('invitee'))}/groups`);
    expect(groups.body.map((g: { name: string }) => g.name)).toEqual(['staff']);

    expect(await call('POST', '/admin/users', { email: email('invitee') })).toMatchObject({
      status: 409,
      body: { code: 'USERNAME_EXISTS' },
    });
    const quiet = await call('POST', '/admin/users', {
      email: email('quiet'),
      temporaryPassword: 'Temp-horse-9',
      sendInvitation: false,
    });
    expect(quiet.status).toBe(201);
    expect(cognito.emulator.messages({ to: email('quiet') })).toEqual([]);
    expect(await call('POST', '/admin/users', { email: 'nope', groups: 'staff', extra: 1 })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });

  it('GET /admin/users pages and filters; GET one by email; 404 for an unknown user', async () => {
    for (const name of ['list-a', 'list-b', 'list-c'])
      await call('POST', '/admin/users', { email: email(name), sendInvitation: false });
    const first = await call('GET', '/admin/users?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.users).toHaveLength(2);
    expect(first.body.paginationToken).toBeTruthy();
    const next = await call(
      'GET',
      `/admin/users?limit=2&paginationToken=${encodeURIComponent(first.body.paginationToken)}`,
    );
    expect(next.body.users[0].username).not.toBe(first.body.users[0].username);
    const filtered = await call('GET', `/admin/users?filter=${encodeURIComponent(`email ^= "list-"`)}`);
    expect(filtered.body.users.map((u: { email: string }) => u.email).sort()).toEqual(
      [email('list-a'), email('list-b'), email('list-c')].sort(),
    );
    expect((await call('GET', '/admin/users?limit=61')).status).toBe(400);
    expect(await call('GET', `/admin/users?filter=${encodeURIComponent('email ~ x')}`)).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PARAMETER' },
    });
    const one = await call('GET', `/admin/users/${encodeURIComponent(email('list-a'))}`);
    expect(one).toMatchObject({ status: 200, body: { email: email('list-a') } });
    expect(await call('GET', `/admin/users/${encodeURIComponent(email('ghost'))}`)).toMatchObject({
      status: 404,
      body: { code: 'USER_NOT_FOUND' },
    });
  });

  it('PATCH /admin/users/:username changes attributes; 400 for one the pool lacks; DELETE 204 then 404', async () => {
    const { email: address } = await confirmedUser('patched');
    const patched = await call('PATCH', `/admin/users/${encodeURIComponent(address)}`, {
      attributes: { name: 'Patched', locale: 'de' },
    });
    expect(patched).toMatchObject({ status: 200, body: { attributes: { name: 'Patched', locale: 'de' } } });
    expect(
      await call('PATCH', `/admin/users/${encodeURIComponent(address)}`, {
        attributes: { 'custom:nope': 'x' },
      }),
    ).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PARAMETER' },
    });
    expect((await call('DELETE', `/admin/users/${encodeURIComponent(address)}`)).status).toBe(204);
    expect((await call('GET', `/admin/users/${encodeURIComponent(address)}`)).status).toBe(404);
  });

  it('disable: no sign-in and its token is refused at once; enable: sign-in again', async () => {
    const user = await confirmedUser('disabled');
    const path = `/admin/users/${encodeURIComponent(user.email)}`;
    expect((await call('POST', `${path}/disable`)).status).toBe(204);
    expect((await signIn(user.email)).status).toBe(401);
    expect((await request('GET', `${server.url}/auth/me`, undefined, bearer(user.token))).status).toBe(401);
    expect((await call('POST', `${path}/enable`)).status).toBe(204);
    expect((await signIn(user.email)).status).toBe(200);
  });

  it('reset-password: sign-in answers 403 PASSWORD_RESET_REQUIRED', async () => {
    const user = await confirmedUser('reset');
    expect((await call('POST', `/admin/users/${encodeURIComponent(user.email)}/reset-password`)).status).toBe(
      204,
    );
    expect(await signIn(user.email)).toMatchObject({
      status: 403,
      body: { code: 'PASSWORD_RESET_REQUIRED' },
    });
  });

  it('sign-out: the user’s token is refused at once; a new sign-in works', async () => {
    const user = await confirmedUser('signed-out');
    expect((await call('POST', `/admin/users/${encodeURIComponent(user.email)}/sign-out`)).status).toBe(204);
    expect((await request('GET', `${server.url}/auth/me`, undefined, bearer(user.token))).status).toBe(401);
    const again = await signIn(user.email);
    expect(
      (await request('GET', `${server.url}/auth/me`, undefined, bearer(again.body.accessToken))).status,
    ).toBe(200);
  });

  it('PUT password: permanent signs in; temporary asks for a new one; 400 for a weak one', async () => {
    const user = await confirmedUser('password');
    const path = `/admin/users/${encodeURIComponent(user.email)}/password`;
    expect((await call('PUT', path, { password: 'Admin-set-99', permanent: true })).status).toBe(204);
    expect((await signIn(user.email, 'Admin-set-99')).status).toBe(200);
    expect((await call('PUT', path, { password: 'Temp-set-99', permanent: false })).status).toBe(204);
    expect((await signIn(user.email, 'Temp-set-99')).body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    expect(await call('PUT', path, { password: 'weakweak', permanent: true })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PASSWORD' },
    });
    expect((await call('PUT', path, { password: 'Admin-set-99' })).status).toBe(400);
  });

  it('groups: create (409 when taken), list, add and remove members (404 for an unknown group), delete', async () => {
    expect(
      await call('POST', '/admin/groups', { name: 'editors', description: 'Edit things', precedence: 3 }),
    ).toMatchObject({
      status: 201,
      body: { name: 'editors', description: 'Edit things', precedence: 3 },
    });
    expect(await call('POST', '/admin/groups', { name: 'editors' })).toMatchObject({
      status: 409,
      body: { code: 'GROUP_EXISTS' },
    });
    expect((await call('GET', '/admin/groups')).body.groups.map((g: { name: string }) => g.name)).toContain(
      'editors',
    );
    const user = await confirmedUser('editor');
    const path = `/admin/users/${encodeURIComponent(user.email)}/groups`;
    expect((await call('PUT', `${path}/editors`)).status).toBe(204);
    expect((await call('GET', path)).body.map((g: { name: string }) => g.name)).toEqual(['editors']);
    expect(await call('PUT', `${path}/nope`)).toMatchObject({
      status: 404,
      body: { code: 'RESOURCE_NOT_FOUND' },
    });
    expect((await call('DELETE', `${path}/editors`)).status).toBe(204);
    expect((await call('GET', path)).body).toEqual([]);
    expect((await call('DELETE', '/admin/groups/editors')).status).toBe(204);
    expect((await call('DELETE', '/admin/groups/editors')).status).toBe(404);
  });

  it('PUT /admin/email-templates changes the emails and keeps every other pool setting', async () => {
    await cognito.sdk.updateUserPool({
      UserPoolId: cognito.poolId,
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 9,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
        },
      },
      MfaConfiguration: 'OFF',
      UserPoolTags: { team: 'identity' },
    });
    const before = (await cognito.sdk.describeUserPool({ UserPoolId: cognito.poolId })).UserPool!;
    expect(
      await call('PUT', '/admin/email-templates', {
        verification: { subject: 'Your code', html: '<p>Code: <b>{####}</b></p>' },
        invitation: { subject: 'Welcome', html: '<p>{username}, your password is {####}</p>' },
      }),
    ).toMatchObject({ status: 204 });
    const after = (await cognito.sdk.describeUserPool({ UserPoolId: cognito.poolId })).UserPool!;
    expect(after.VerificationMessageTemplate).toMatchObject({
      EmailSubject: 'Your code',
      EmailMessage: '<p>Code: <b>{####}</b></p>',
    });
    expect(after.AdminCreateUserConfig!.InviteMessageTemplate).toMatchObject({ EmailSubject: 'Welcome' });
    expect(after.Policies).toEqual(before.Policies);
    expect(after.AutoVerifiedAttributes).toEqual(before.AutoVerifiedAttributes);
    expect(after.UserPoolTags).toEqual({ team: 'identity' });
    expect(after.UsernameAttributes).toEqual(before.UsernameAttributes);
    // The next sign-up's email uses the new template.
    await request('POST', `${server.url}/auth/sign-up`, { email: email('templated'), password: PASSWORD });
    expect(cognito.emulator.messages({ to: email('templated') }).at(-1)).toMatchObject({
      subject: 'Your code',
    });
    expect(
      await call('PUT', '/admin/email-templates', {
        verification: { subject: 'x', html: '<p>no code here</p>' },
      }),
    ).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('CognitoAdminService beyond the routes', () => {
  let cognito: Cognito;
  let admin: CognitoAdminService;
  let server: TestApp;
  beforeAll(async () => {
    cognito = await startCognito();
    server = await startApp('fastify', CognitoModule.forRoot(cognito.options('public')));
    admin = server.app.get(CognitoAdminService);
  });
  afterAll(async () => {
    await server?.close();
    await cognito?.emulator.stop();
  });

  it('listAllUsers iterates over every page; inviteUser, confirmSignUp, deleteUserAttributes, listUsersInGroup', async () => {
    for (let i = 0; i < 130; i++)
      await admin.createUser({ email: `many${i}@example.com`, sendInvitation: false });
    const seen = new Set<string>();
    for await (const user of admin.listAllUsers('email ^= "many"')) seen.add(user.email!);
    expect(seen.size).toBe(130);

    const invited = await admin.inviteUser({ email: 'invited@example.com', attributes: { name: 'Inv' } });
    expect(cognito.emulator.messages({ to: 'invited@example.com' })).toHaveLength(1);
    await admin.deleteUserAttributes(invited.username, ['name']);
    expect((await admin.getUser('invited@example.com')).attributes.name).toBeUndefined();

    const { clientId } = cognito.options('public');
    await cognito.sdk.signUp({ ClientId: clientId, Username: 'unconfirmed@example.com', Password: PASSWORD });
    await admin.confirmSignUp('unconfirmed@example.com');
    expect((await admin.getUser('unconfirmed@example.com')).status).toBe('CONFIRMED');

    await admin.createGroup({ name: 'crew' });
    await admin.addToGroups('invited@example.com', ['crew', 'admin']);
    expect((await admin.listUsersInGroup('crew')).users.map((u) => u.email)).toEqual(['invited@example.com']);
    expect((await admin.listGroupsForUser('invited@example.com')).map((g) => g.name).sort()).toEqual([
      'admin',
      'crew',
    ]);
    await expect(admin.getUser('nobody@example.com')).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
  });
});
