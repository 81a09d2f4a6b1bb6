import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoAdminService,
  CognitoAuthService,
  CognitoModule,
  CognitoTokenVerifier,
  MemoryRevocationStore,
} from '../src/index.js';
import { type Cognito, PASSWORD, signedInTokens, startCognito } from './helpers.js';

/** A memory store that remembers, for each user revocation, the second it covers up to. */
class RecordingStore extends MemoryRevocationStore {
  readonly userRevocations: { sub: string; issuedBefore: number }[] = [];
  readonly sessionRevocations: string[] = [];

  override async revokeUser(sub: string, issuedBefore: number, forgetAfter: number): Promise<void> {
    this.userRevocations.push({ sub, issuedBefore });
    await super.revokeUser(sub, issuedBefore, forgetAfter);
  }

  override async revokeSession(originJti: string, forgetAfter: number): Promise<void> {
    this.sessionRevocations.push(originJti);
    await super.revokeSession(originJti, forgetAfter);
  }
}

// The decision: every user revocation the library records (sign-out, account deletion, admin sign-out,
// disable, delete) resolves only once the second it covers is over, so that a token issued after the
// call (a new sign-in) is never caught by it. One session's revocation (revokeRefreshToken) needs no wait.
describe('every user revocation waits for the next second before it resolves', () => {
  let cognito: Cognito;
  let moduleRef: TestingModule;
  let store: RecordingStore;
  let auth: CognitoAuthService;
  let admin: CognitoAdminService;
  let n = 0;
  const user = () => signedInTokens(cognito, `wait-${++n}@example.com`);

  beforeAll(async () => {
    cognito = await startCognito();
    store = new RecordingStore();
    moduleRef = await Test.createTestingModule({
      imports: [CognitoModule.forRoot({ ...cognito.options('public'), revocationStore: store })],
    }).compile();
    auth = moduleRef.get(CognitoAuthService);
    admin = moduleRef.get(CognitoAdminService);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await cognito?.emulator.stop();
  });

  /** Runs the revocation, then checks it recorded one user revocation whose second is over. */
  async function expectWaited(sub: string, revoke: () => Promise<void>) {
    const before = store.userRevocations.length;
    await revoke();
    const recorded = store.userRevocations.slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.sub).toBe(sub);
    expect(Date.now()).toBeGreaterThanOrEqual(recorded[0]!.issuedBefore * 1000);
  }

  it.each([
    ['CognitoAuthService.signOut', (u: { accessToken: string }) => auth.signOut(u.accessToken)],
    ['CognitoAuthService.deleteAccount', (u: { accessToken: string }) => auth.deleteAccount(u.accessToken)],
    ['CognitoAdminService.globalSignOut', (u: { email: string }) => admin.globalSignOut(u.email)],
    ['CognitoAdminService.disableUser', (u: { email: string }) => admin.disableUser(u.email)],
    ['CognitoAdminService.deleteUser', (u: { email: string }) => admin.deleteUser(u.email)],
  ])('%s', async (_name, revoke) => {
    const signedIn = await user();
    await expectWaited(signedIn.sub, () => revoke(signedIn));
  });

  it('revokeRefreshToken revokes the one session only (no user revocation to wait for)', async () => {
    const signedIn = await user();
    const users = store.userRevocations.length;
    await auth.revokeRefreshToken(signedIn.refreshToken, signedIn.accessToken);
    expect(store.userRevocations.length).toBe(users);
    expect(store.sessionRevocations.at(-1)).toEqual(expect.any(String));
  });

  it('a user disabled, enabled again and signed in at once gets a token the revocation does not cover', async () => {
    const signedIn = await user();
    await admin.disableUser(signedIn.email);
    await admin.enableUser(signedIn.email);
    const again = await auth.signIn(signedIn.email, PASSWORD);
    if (!('accessToken' in again)) throw new Error('expected tokens');
    const verified = await moduleRef.get(CognitoTokenVerifier).verify(again.accessToken);
    expect(await store.isRevoked({ sub: verified.sub, issuedAt: Number(verified.claims.iat) })).toBe(false);
    // The old token stays revoked.
    expect(await store.isRevoked({ sub: signedIn.sub, issuedAt: Math.floor(Date.now() / 1000) - 2 })).toBe(
      true,
    );
  });
});
