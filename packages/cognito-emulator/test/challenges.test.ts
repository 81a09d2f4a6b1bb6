import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection } from './helpers.js';

let offset = 0;
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ now: () => Date.now() + offset }));
});
afterAll(() => emulator.stop());

const NEW_PASSWORD = 'Ch0sen-by-me!';

async function invited(email: string, pool?: Awaited<ReturnType<typeof emailPool>>) {
  const target =
    pool ??
    (await emailPool(cognito, {
      flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
  const { User } = await cognito.adminCreateUser({
    UserPoolId: target.poolId,
    Username: email,
    UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    DesiredDeliveryMediums: ['EMAIL'],
  });
  const invitation = emulator.messages({ to: email }).at(-1)!;
  return { ...target, user: User!, temporary: invitation.code!, invitation };
}

describe('AdminCreateUser', () => {
  it('creates a FORCE_CHANGE_PASSWORD user and emails an invitation with a policy-conforming password', async () => {
    const { user, temporary, invitation } = await invited('invitee@example.com');
    expect(user).toMatchObject({ UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true });
    expect(user.Attributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'invitee@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]),
    );
    expect(user.UserCreateDate).toBeInstanceOf(Date);
    expect(invitation).toMatchObject({ kind: 'INVITATION', subject: 'Your temporary password' });
    expect(invitation.body).toBe(
      `Your username is invitee@example.com and temporary password is ${temporary}. `,
    );
    expect(temporary).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{12,}$/);
  });

  it('renders the pool’s invitation template; SUPPRESS sends nothing; a taken name is UsernameExistsException', async () => {
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'templated',
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: {
        InviteMessageTemplate: { EmailSubject: 'Welcome aboard', EmailMessage: 'Hi {username}, use {####}' },
      },
    });
    await cognito.adminCreateUser({
      UserPoolId: UserPool!.Id!,
      Username: 'templated@example.com',
      TemporaryPassword: 'Temp-Passw0rd!',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(emulator.messages({ to: 'templated@example.com' })).toMatchObject([
      { subject: 'Welcome aboard', body: 'Hi templated@example.com, use Temp-Passw0rd!' },
    ]);
    await cognito.adminCreateUser({
      UserPoolId: UserPool!.Id!,
      Username: 'quiet@example.com',
      MessageAction: 'SUPPRESS',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(emulator.messages({ to: 'quiet@example.com' })).toEqual([]);
    expect(
      await rejection(cognito.adminCreateUser({ UserPoolId: UserPool!.Id!, Username: 'quiet@example.com' })),
    ).toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
    expect(
      await rejection(
        cognito.adminCreateUser({
          UserPoolId: UserPool!.Id!,
          Username: 'weak@example.com',
          TemporaryPassword: 'weak',
        }),
      ),
    ).toMatchObject({ name: 'InvalidPasswordException' });
  });

  it('RESEND sends a new temporary password; the old one stops working', async () => {
    const pool = await invited('resend-invite@example.com');
    await cognito.adminCreateUser({
      UserPoolId: pool.poolId,
      Username: 'resend-invite@example.com',
      MessageAction: 'RESEND',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    const second = emulator.messages({ to: 'resend-invite@example.com' }).at(-1)!.code!;
    const signIn = (PASSWORD_: string) =>
      cognito.initiateAuth({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'resend-invite@example.com', PASSWORD: PASSWORD_ },
      });
    if (second !== pool.temporary) {
      expect(await rejection(signIn(pool.temporary))).toMatchObject({ name: 'NotAuthorizedException' });
    }
    expect((await signIn(second)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(
      await rejection(
        cognito.adminCreateUser({
          UserPoolId: pool.poolId,
          Username: 'nobody@example.com',
          MessageAction: 'RESEND',
        }),
      ),
    ).toMatchObject({ name: 'UserNotFoundException' });
  });

  it('a pool that allows admin-created users only refuses SignUp', async () => {
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'closed',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: UserPool!.Id!,
      ClientName: 'c',
    });
    expect(
      await rejection(
        cognito.signUp({ ClientId: UserPoolClient!.ClientId!, Username: 'x', Password: PASSWORD }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'SignUp is not permitted for this user pool.',
    });
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('the temporary password gets the challenge; the answer sets the password and signs in', async () => {
    const { clientId, temporary } = await invited('challenged@example.com');
    const first = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'challenged@example.com', PASSWORD: temporary },
    });
    expect(first.AuthenticationResult).toBeUndefined();
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(first.Session!.length).toBeGreaterThan(20);
    expect(JSON.parse(first.ChallengeParameters!.userAttributes!)).toMatchObject({
      email: 'challenged@example.com',
    });
    expect(first.ChallengeParameters!.requiredAttributes).toBe('[]');

    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session!,
          ChallengeResponses: { USERNAME: 'challenged@example.com', NEW_PASSWORD: 'weak' },
        }),
      ),
    ).toMatchObject({ name: 'InvalidPasswordException' });
    // A rejected answer may be corrected within the session.
    const answered = await cognito.respondToAuthChallenge({
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session!,
      ChallengeResponses: {
        USERNAME: 'challenged@example.com',
        NEW_PASSWORD,
        'userAttributes.name': 'Challenged',
      },
    });
    expect(answered.AuthenticationResult).toMatchObject({ TokenType: 'Bearer' });
    const me = await cognito.getUser({ AccessToken: answered.AuthenticationResult!.AccessToken! });
    expect(me.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'name', Value: 'Challenged' }]));

    // The session is spent; the user is CONFIRMED and signs in with the new password.
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session!,
          ChallengeResponses: { USERNAME: 'challenged@example.com', NEW_PASSWORD: 'An0ther-pass!' },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    const again = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'challenged@example.com', PASSWORD: NEW_PASSWORD },
    });
    expect(again.AuthenticationResult!.AccessToken).toBeTruthy();
  });

  it('a wrong temporary password gets no challenge', async () => {
    const { clientId } = await invited('no-challenge@example.com');
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'no-challenge@example.com', PASSWORD: 'Wr0ng-temp!' },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('works through AdminInitiateAuth / AdminRespondToAuthChallenge', async () => {
    const { poolId, clientId, temporary } = await invited('admin-challenge@example.com');
    const first = await cognito.adminInitiateAuth({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'admin-challenge@example.com', PASSWORD: temporary },
    });
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answered = await cognito.adminRespondToAuthChallenge({
      UserPoolId: poolId,
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session!,
      ChallengeResponses: { USERNAME: 'admin-challenge@example.com', NEW_PASSWORD },
    });
    expect(answered.AuthenticationResult!.RefreshToken).toBeTruthy();
  });

  it('the session expires after the client’s AuthSessionValidity (3 minutes by default)', async () => {
    const { clientId, temporary } = await invited('slow@example.com');
    const first = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'slow@example.com', PASSWORD: temporary },
    });
    offset += 3 * 60_000 + 1000;
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session!,
          ChallengeResponses: { USERNAME: 'slow@example.com', NEW_PASSWORD },
        }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('a session answers only for its own user', async () => {
    const pool = await invited('owner@example.com');
    await invited('intruder@example.com', pool);
    const first = await cognito.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'owner@example.com', PASSWORD: pool.temporary },
    });
    expect(
      await rejection(
        cognito.respondToAuthChallenge({
          ClientId: pool.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session!,
          ChallengeResponses: { USERNAME: 'intruder@example.com', NEW_PASSWORD },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('a temporary password expires after TemporaryPasswordValidityDays', async () => {
    const { clientId, temporary } = await invited('expired-temp@example.com');
    offset += 8 * 86_400_000;
    expect(
      await rejection(
        cognito.initiateAuth({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'expired-temp@example.com', PASSWORD: temporary },
        }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
  });
});
