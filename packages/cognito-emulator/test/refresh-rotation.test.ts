import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import Database from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { secretHash } from '../src/services/secret-hash.js';
import {
  emailPool,
  emulatorWithSdk,
  PASSWORD,
  race,
  rejection,
  signedInUser,
  UNDO_AFTER_SCHEMA_5,
  userWithPassword,
} from './helpers.js';

// Refresh-token rotation (an app client's `RefreshTokenRotation`) and GetTokensFromRefreshToken,
// through the AWS SDK over HTTP. The emulator's clock is the test's, so grace periods and expiry
// are crossed by moving it, never by waiting.
let clock = Date.now();
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock }));
});
afterAll(() => emulator.stop());

const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
let userCount = 0;

/** The `origin_jti` of an access token: the session it belongs to. */
const originOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { origin_jti: string })
    .origin_jti;

/**
 * A pool, a client that rotates refresh tokens with the given grace period (and a secret if asked),
 * and a confirmed user signed in through it: its tokens.
 */
async function rotatingSession(options: { grace?: number; secret?: boolean; validityMinutes?: number } = {}) {
  const pool = await emailPool(cognito);
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: pool.poolId,
    ClientName: 'rotating',
    GenerateSecret: options.secret ?? false,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    RefreshTokenRotation: {
      Feature: 'ENABLED',
      ...(options.grace !== undefined ? { RetryGracePeriodSeconds: options.grace } : {}),
    },
    ...(options.validityMinutes
      ? { RefreshTokenValidity: options.validityMinutes, TokenValidityUnits: { RefreshToken: 'minutes' } }
      : {}),
  });
  const client = { clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
  const email = await userWithPassword(cognito, pool.poolId, `rotation${userCount++}@example.com`);
  const { AuthenticationResult } = await cognito.initiateAuth({
    ClientId: client.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: {
      USERNAME: email,
      PASSWORD,
      ...(client.clientSecret
        ? { SECRET_HASH: secretHash(client.clientSecret, email, client.clientId) }
        : {}),
    },
  });
  return { ...pool, ...client, email, tokens: AuthenticationResult! };
}

const refresh = (clientId: string, refreshToken: string, clientSecret?: string) =>
  cognito.getTokensFromRefreshToken({
    ClientId: clientId,
    RefreshToken: refreshToken,
    ...(clientSecret ? { ClientSecret: clientSecret } : {}),
  });

describe('an app client’s RefreshTokenRotation', () => {
  it('is created, described and updated; the grace period defaults to 0', async () => {
    const { poolId } = await emailPool(cognito);
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: poolId,
      ClientName: 'rotating',
      RefreshTokenRotation: { Feature: 'ENABLED' },
    });
    expect(UserPoolClient?.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
    const clientId = UserPoolClient!.ClientId!;
    await cognito.updateUserPoolClient({
      UserPoolId: poolId,
      ClientId: clientId,
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 },
    });
    const described = await cognito.describeUserPoolClient({ UserPoolId: poolId, ClientId: clientId });
    expect(described.UserPoolClient?.RefreshTokenRotation).toEqual({
      Feature: 'ENABLED',
      RetryGracePeriodSeconds: 60,
    });
    // UpdateUserPoolClient resets what it is not given, rotation included.
    await cognito.updateUserPoolClient({ UserPoolId: poolId, ClientId: clientId });
    const reset = await cognito.describeUserPoolClient({ UserPoolId: poolId, ClientId: clientId });
    expect(reset.UserPoolClient?.RefreshTokenRotation).toBeUndefined();
  });

  it('refuses a grace period outside 0..60 and a missing Feature', async () => {
    const { poolId } = await emailPool(cognito);
    const tooLong = await rejection(
      cognito.createUserPoolClient({
        UserPoolId: poolId,
        ClientName: 'x',
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 },
      }),
    );
    expect(tooLong).toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
    const noFeature = await rejection(
      cognito.createUserPoolClient({
        UserPoolId: poolId,
        ClientName: 'x',
        RefreshTokenRotation: { RetryGracePeriodSeconds: 5 } as never,
      }),
    );
    expect(noFeature.name).toBe('InvalidParameterException');
    expect(noFeature.message).toContain("Value null at 'refreshTokenRotation.feature'");
  });
});

describe('GetTokensFromRefreshToken on a client that does not rotate', () => {
  it('answers access and ID tokens of the same session, no refresh token; the token stays good', async () => {
    const { clientId, tokens } = await signedInUser(emulator, cognito, `plain${userCount++}@example.com`);
    for (let i = 0; i < 2; i++) {
      const { AuthenticationResult } = await refresh(clientId, tokens.RefreshToken!);
      expect(AuthenticationResult?.RefreshToken).toBeUndefined();
      expect(AuthenticationResult?.ExpiresIn).toBe(3600);
      expect(originOf(AuthenticationResult!.AccessToken!)).toBe(originOf(tokens.AccessToken!));
      await cognito.getUser({ AccessToken: AuthenticationResult!.AccessToken! });
    }
  });

  it('refuses a token of another client, a revoked one, an unknown one', async () => {
    const { poolId, clientId, tokens } = await signedInUser(
      emulator,
      cognito,
      `other${userCount++}@example.com`,
    );
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: poolId,
      ClientName: 'other',
    });
    expect(await rejection(refresh(UserPoolClient!.ClientId!, tokens.RefreshToken!))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    expect(await rejection(refresh(clientId, 'not-a-token-of-this-emulator'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    await cognito.revokeToken({ ClientId: clientId, Token: tokens.RefreshToken! });
    expect(await rejection(refresh(clientId, tokens.RefreshToken!))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  });
});

describe('GetTokensFromRefreshToken on a rotating client', () => {
  it('answers a new refresh token each time; the one sent is spent at once without grace', async () => {
    const { clientId, tokens } = await rotatingSession();
    const first = (await refresh(clientId, tokens.RefreshToken!)).AuthenticationResult!;
    expect(first.RefreshToken).toBeTypeOf('string');
    expect(first.RefreshToken).not.toBe(tokens.RefreshToken);
    expect(originOf(first.AccessToken!)).toBe(originOf(tokens.AccessToken!));
    expect(await rejection(refresh(clientId, tokens.RefreshToken!))).toMatchObject({
      name: 'RefreshTokenReuseException',
      message: 'Refresh Token has been rotated and is no longer valid.',
    });
    const second = (await refresh(clientId, first.RefreshToken!)).AuthenticationResult!;
    expect(second.RefreshToken).not.toBe(first.RefreshToken);
    expect((await rejection(refresh(clientId, first.RefreshToken!))).name).toBe('RefreshTokenReuseException');
    await cognito.getUser({ AccessToken: second.AccessToken! });
  });

  it('accepts the rotated-out token for RetryGracePeriodSeconds, then answers RefreshTokenReuseException', async () => {
    const { clientId, tokens } = await rotatingSession({ grace: 30 });
    const rotated = (await refresh(clientId, tokens.RefreshToken!)).AuthenticationResult!;
    clock += 29_000;
    // A retry within the grace period: new tokens again, and a refresh token of its own.
    const retried = (await refresh(clientId, tokens.RefreshToken!)).AuthenticationResult!;
    expect(retried.RefreshToken).toBeTypeOf('string');
    expect(retried.RefreshToken).not.toBe(rotated.RefreshToken);
    clock += 1_000;
    expect(await rejection(refresh(clientId, tokens.RefreshToken!))).toMatchObject({
      name: 'RefreshTokenReuseException',
    });
    // Both tokens it handed out still work.
    await refresh(clientId, rotated.RefreshToken!);
    await refresh(clientId, retried.RefreshToken!);
  });

  it('never extends the session: a rotated token expires when the first one would have', async () => {
    const { clientId, tokens } = await rotatingSession({ validityMinutes: 120 });
    clock += 100 * 60_000;
    const rotated = (await refresh(clientId, tokens.RefreshToken!)).AuthenticationResult!;
    clock += 20 * 60_000;
    expect(await rejection(refresh(clientId, rotated.RefreshToken!))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has expired',
    });
  });

  it('refuses REFRESH_TOKEN_AUTH, even where the client lists ALLOW_REFRESH_TOKEN_AUTH', async () => {
    const { poolId, clientId, tokens } = await rotatingSession();
    await cognito.updateUserPoolClient({
      UserPoolId: poolId,
      ClientId: clientId,
      ExplicitAuthFlows: FLOWS as never,
      RefreshTokenRotation: { Feature: 'ENABLED' },
    });
    const refused = await rejection(
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
      }),
    );
    expect(refused).toMatchObject({
      name: 'InvalidParameterException',
      message: 'REFRESH_TOKEN_AUTH flow not enabled for this client',
    });
  });

  it('RevokeToken with the newest token ends the whole session, rotated-out tokens included', async () => {
    const { clientId, tokens } = await rotatingSession({ grace: 60 });
    const rotated = (await refresh(clientId, tokens.RefreshToken!)).AuthenticationResult!;
    await cognito.revokeToken({ ClientId: clientId, Token: rotated.RefreshToken! });
    for (const token of [tokens.RefreshToken!, rotated.RefreshToken!]) {
      expect(await rejection(refresh(clientId, token))).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked',
      });
    }
    for (const accessToken of [tokens.AccessToken!, rotated.AccessToken!]) {
      expect(await rejection(cognito.getUser({ AccessToken: accessToken }))).toMatchObject({
        message: 'Access Token has been revoked',
      });
    }
  });

  it('GlobalSignOut ends the rotated tokens too', async () => {
    const { clientId, tokens } = await rotatingSession({ grace: 60 });
    const rotated = (await refresh(clientId, tokens.RefreshToken!)).AuthenticationResult!;
    await cognito.globalSignOut({ AccessToken: rotated.AccessToken! });
    expect(await rejection(refresh(clientId, rotated.RefreshToken!))).toMatchObject({
      message: 'Refresh Token has been revoked',
    });
  });

  it('takes the client secret itself from a client that has one', async () => {
    const { clientId, clientSecret, tokens } = await rotatingSession({ secret: true });
    expect(await rejection(refresh(clientId, tokens.RefreshToken!))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but ClientSecret was not received`,
    });
    expect(await rejection(refresh(clientId, tokens.RefreshToken!, 'wrong0secret'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify client secret for client ${clientId}`,
    });
    // Refused requests spend nothing.
    const { AuthenticationResult } = await refresh(clientId, tokens.RefreshToken!, clientSecret!);
    expect(AuthenticationResult?.RefreshToken).toBeTypeOf('string');
  });

  it('of N concurrent requests with one token and no grace period, exactly one gets tokens', async () => {
    const { clientId, tokens } = await rotatingSession({ grace: 0 });
    const { won, lost } = await race(8, () => refresh(clientId, tokens.RefreshToken!));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const error of lost) expect(error.name).toBe('RefreshTokenReuseException');
    await refresh(clientId, won[0]!.AuthenticationResult!.RefreshToken!);
  });

  it('with a grace period, every concurrent retry gets tokens of its own, all of them good', async () => {
    const { clientId, tokens } = await rotatingSession({ grace: 10 });
    const { won, lost } = await race(6, () => refresh(clientId, tokens.RefreshToken!));
    expect(lost).toEqual([]);
    const issued = new Set(won.map((answer) => answer.AuthenticationResult!.RefreshToken!));
    expect(issued.size).toBe(6);
    for (const token of issued) await refresh(clientId, token);
  });
});

describe('a data file from before rotation (schema 5)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-emulator-rotation-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens, and the refresh tokens it holds keep working', async () => {
    const dataFile = join(dir, 'schema5.db');
    const first = await emulatorWithSdk({ dataFile });
    const { clientId, tokens } = await signedInUser(first.emulator, first.cognito, 'before@example.com');
    await first.emulator.stop();
    // What schema 5 had: sessions holding their refresh token's hash, no table of refresh tokens
    // (nor what later migrations add).
    const raw = new Database(dataFile);
    raw.exec(`${UNDO_AFTER_SCHEMA_5} PRAGMA user_version = 5;`);
    raw.close();

    const reopened = await emulatorWithSdk({ dataFile });
    try {
      const answer = await reopened.cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
      });
      expect(answer.AuthenticationResult?.AccessToken).toBeTypeOf('string');
    } finally {
      await reopened.emulator.stop();
    }
  });
});
