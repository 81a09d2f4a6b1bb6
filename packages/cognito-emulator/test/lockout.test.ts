import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { lockoutAfter } from '../src/store/lockout.js';
import { authenticate, userOf, userPoolOf } from './clients/identity-js.js';
import { emailPool, emulatorWithSdk, PASSWORD, race, rejection, userWithPassword } from './helpers.js';

// Lockout after consecutive failed sign-ins, through the AWS SDK (and amazon-cognito-identity-js for
// SRP) over HTTP, with the clock moved by the test.

let clock = Date.now();
let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => ({ emulator, cognito } = await emulatorWithSdk({ now: () => clock })));
afterAll(() => emulator.stop());

let count = 0;
async function user() {
  const pool = await emailPool(cognito, {
    flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const email = await userWithPassword(cognito, pool.poolId, `locked${count++}@example.com`);
  return { ...pool, email };
}

const signIn = (pool: { clientId: string }, email: string, password: string) =>
  cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });

const failure = async (pool: { clientId: string }, email: string, password: string) =>
  rejection(signIn(pool, email, password));

describe('lockout', () => {
  it('lasts 1 s after the fifth failure, doubling with each further one, up to 15 minutes', () => {
    expect([4, 5, 6, 7, 10].map(lockoutAfter)).toEqual([0, 1_000, 2_000, 4_000, 32_000]);
    expect(lockoutAfter(15)).toBe(15 * 60_000);
    expect(lockoutAfter(40)).toBe(15 * 60_000);
  });

  it('refuses every password during it with "Password attempts exceeded", and ends', async () => {
    const pool = await user();
    for (let i = 0; i < 4; i++) {
      expect(await failure(pool, pool.email, 'Wrong-passw0rd')).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
    }
    // Four failures lock nothing.
    expect((await signIn(pool, pool.email, PASSWORD)).AuthenticationResult).toBeDefined();
    for (let i = 0; i < 5; i++) await failure(pool, pool.email, 'Wrong-passw0rd');
    expect(await failure(pool, pool.email, PASSWORD)).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    clock += 1_000;
    // The sixth failure: two seconds.
    await failure(pool, pool.email, 'Wrong-passw0rd');
    clock += 1_500;
    expect((await failure(pool, pool.email, PASSWORD)).message).toBe('Password attempts exceeded');
    clock += 500;
    expect((await signIn(pool, pool.email, PASSWORD)).AuthenticationResult).toBeDefined();
    // A success starts the count over: four failures lock nothing again.
    for (let i = 0; i < 4; i++) await failure(pool, pool.email, 'Wrong-passw0rd');
    expect((await signIn(pool, pool.email, PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('counts every one of ten parallel failures', async () => {
    const pool = await user();
    const { lost } = await race(10, () => signIn(pool, pool.email, 'Wrong-passw0rd'));
    expect(lost.map((e) => e.message)).toEqual(Array(10).fill('Incorrect username or password.'));
    // Ten failures: 2^5 s.
    clock += 31_000;
    expect((await failure(pool, pool.email, PASSWORD)).message).toBe('Password attempts exceeded');
    clock += 2_000;
    expect((await signIn(pool, pool.email, PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('counts wrong SRP proofs and stops SRP sign-ins too', async () => {
    const pool = await user();
    const client = userOf(userPoolOf(emulator.endpoint, pool), pool.email);
    for (let i = 0; i < 5; i++) {
      expect(await rejection(authenticate(client, 'Wrong-passw0rd'))).toMatchObject({
        message: 'Incorrect username or password.',
      });
    }
    expect(await rejection(authenticate(client, PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    expect((await failure(pool, pool.email, PASSWORD)).message).toBe('Password attempts exceeded');
    clock += 1_000;
    expect((await authenticate(client, PASSWORD)).isValid()).toBe(true);
  });
});
