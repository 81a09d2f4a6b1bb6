/**
 * bench/emulator's SRP parts: a whole USER_SRP_AUTH sign-in (both round trips through the AWS SDK,
 * the client math by nest-cognito's `src/srp`), and the CPU time of that client math beside
 * amazon-cognito-identity-js's `AuthenticationHelper` doing the same work in the same process.
 */
import { createDiffieHellman, getDiffieHellman, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import * as identityJs from 'amazon-cognito-identity-js';
import type * as Srp from '../../packages/nest-cognito/dist/srp/index.js';
import { fromRoot, median, round } from '../common.js';

export type SrpClient = typeof Srp;
type VerifierParameters = Srp.PasswordVerifierParameters;

/** nest-cognito's SRP client from its build (no package entry exports it). */
export async function loadSrp(): Promise<SrpClient> {
  const url = pathToFileURL(fromRoot('packages/nest-cognito/dist/srp/index.js')).href;
  return (await import(url)) as SrpClient;
}

export interface SrpTarget {
  sdk: CognitoIdentityProvider;
  clientId: string;
  userPoolId: string;
}

/** The PASSWORD_VERIFIER challenge for `username` (the first round trip), with the keys whose A it answers. */
export async function passwordVerifierChallenge(srp: SrpClient, target: SrpTarget, username: string) {
  const keys = srp.srpClientKeys();
  const challenge = await target.sdk.initiateAuth({
    ClientId: target.clientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: username, SRP_A: srp.srpA(keys) },
  });
  if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') {
    throw new Error(`USER_SRP_AUTH answered ${challenge.ChallengeName ?? 'no challenge'}`);
  }
  return {
    keys,
    session: challenge.Session,
    parameters: challenge.ChallengeParameters as unknown as VerifierParameters,
  };
}

/** One whole SRP sign-in of user `i % users`: InitiateAuth, then the PASSWORD_VERIFIER answer; tokens or a throw. */
export const srpSignIn =
  (srp: SrpClient, target: SrpTarget, options: { users: number; password: string }) => async (i: number) => {
    const { keys, session, parameters } = await passwordVerifierChallenge(
      srp,
      target,
      `user${i % options.users}@bench.test`,
    );
    const result = await target.sdk.respondToAuthChallenge({
      ClientId: target.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: session,
      ChallengeResponses: {
        ...srp.passwordVerifierResponses({
          userPoolId: target.userPoolId,
          password: options.password,
          keys,
          parameters,
        }),
      },
    });
    if (!result.AuthenticationResult?.AccessToken) throw new Error('PASSWORD_VERIFIER gave no tokens');
  };

// amazon-cognito-identity-js's helper and big integers, as it ships them (exported, not typed).
interface JsbnInteger {
  toString(radix: number): string;
}
interface IdentityHelper {
  getLargeAValue(callback: (error: unknown, A: JsbnInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: JsbnInteger,
    salt: JsbnInteger,
    callback: (error: unknown, key: Buffer) => void,
  ): void;
}
const { AuthenticationHelper, DateHelper } = identityJs as unknown as {
  AuthenticationHelper: new (poolName: string) => IdentityHelper;
  DateHelper: new () => { getNowString(): string };
};
const requireFromIdentityJs = createRequire(
  createRequire(import.meta.url).resolve('amazon-cognito-identity-js'),
);
const BigInteger = (
  requireFromIdentityJs('./BigInteger.js') as { default: new (hex: string, radix: number) => JsbnInteger }
).default;
const { Sha256 } = requireFromIdentityJs('@aws-crypto/sha256-js') as {
  Sha256: new (secret?: Uint8Array) => { update(data: Uint8Array): void; digestSync(): Uint8Array };
};

/**
 * identity-js's client work for one sign-in, as `CognitoUser.authenticateUserDefaultAuth` does it:
 * a helper (its random a and A = g^a), the key from B and the salt, the signature.
 */
function identityJsStep(poolName: string, password: string, parameters: VerifierParameters): string {
  const helper = new AuthenticationHelper(poolName);
  let A = '';
  helper.getLargeAValue((error, value) => {
    if (error) throw error as Error;
    A = value.toString(16);
  });
  let key: Buffer | undefined;
  helper.getPasswordAuthenticationKey(
    parameters.USER_ID_FOR_SRP,
    password,
    new BigInteger(parameters.SRP_B, 16),
    new BigInteger(parameters.SALT, 16),
    (error, hkdf) => {
      if (error) throw error as Error;
      key = hkdf;
    },
  );
  const hmac = new Sha256(key);
  hmac.update(
    Buffer.concat([
      Buffer.from(poolName, 'utf8'),
      Buffer.from(parameters.USER_ID_FOR_SRP, 'utf8'),
      Buffer.from(parameters.SECRET_BLOCK, 'base64'),
      Buffer.from(new DateHelper().getNowString(), 'utf8'),
    ]),
  );
  return `${A}:${Buffer.from(hmac.digestSync()).toString('base64')}`;
}

/** RFC 5054's 3072-bit prime, the modulus of Cognito's SRP: RFC 3526's group 15, which Node ships. */
const N = getDiffieHellman('modp15').getPrime();

/**
 * The least the client's SRP math can cost: its three modular exponentiations alone, in OpenSSL
 * (constant time), with the protocol's exponent sizes: A = g^a (a: 256 bits), g^x (x: SHA-256,
 * 256 bits) and S = (B - k·g^x)^(a + u·x) (512 bits).
 */
function threeExponentiations(B: Buffer): void {
  for (const bytes of [32, 32]) {
    const dh = createDiffieHellman(N, 2);
    dh.setPrivateKey(randomBytes(bytes));
    dh.generateKeys();
  }
  const dh = createDiffieHellman(N, 2);
  dh.setPrivateKey(randomBytes(64));
  dh.computeSecret(B);
}

/** CPU time (user + system of this process) per call of `task`, over `count` calls, in ms. */
function cpuMsPer(count: number, task: () => unknown): number {
  const started = process.cpuUsage();
  for (let i = 0; i < count; i++) task();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / count;
}

const summary = (values: number[], perRepeat: number) => ({
  median: round(median(values), 3),
  repeats: values.map((ms) => round(ms, 3)),
  callsPerRepeat: perRepeat,
});

/**
 * The client side of one SRP sign-in in CPU ms, ours against identity-js, repeats alternating, on
 * a real challenge of the emulator (the math costs the same whatever A the challenge answered):
 * ours whole (keys and answer) and in its two parts (SRP_A before the first round trip, the
 * PASSWORD_VERIFIER answer after it).
 */
export function clientStepCpuMs(
  srp: SrpClient,
  challenge: { userPoolId: string; password: string; parameters: VerifierParameters },
  repeats: number,
) {
  const { userPoolId, password, parameters } = challenge;
  const poolName = userPoolId.slice(userPoolId.indexOf('_') + 1);
  const keys = srp.srpClientKeys();
  const answer = () => srp.passwordVerifierResponses({ userPoolId, password, keys, parameters });
  const whole = () =>
    srp.passwordVerifierResponses({ userPoolId, password, keys: srp.srpClientKeys(), parameters });
  const theirs = () => identityJsStep(poolName, password, parameters);
  const B = Buffer.from(parameters.SRP_B.padStart(768, '0'), 'hex');
  const floor = () => threeExponentiations(B);
  const counts = { ours: 300, theirs: 10 };
  // Warm-up: JIT and OpenSSL's first contexts.
  cpuMsPer(30, whole);
  cpuMsPer(2, theirs);
  const results = {
    whole: [] as number[],
    keys: [] as number[],
    answer: [] as number[],
    floor: [] as number[],
    theirs: [] as number[],
  };
  for (let repeat = 0; repeat < repeats; repeat++) {
    const ours = () => {
      results.whole.push(cpuMsPer(counts.ours, whole));
      results.keys.push(cpuMsPer(counts.ours, () => srp.srpClientKeys()));
      results.answer.push(cpuMsPer(counts.ours, answer));
      results.floor.push(cpuMsPer(counts.ours, floor));
    };
    const identity = () => results.theirs.push(cpuMsPer(counts.theirs, theirs));
    for (const run of repeat % 2 ? [identity, ours] : [ours, identity]) run();
  }
  return {
    'nest-cognito src/srp (SRP_A and the PASSWORD_VERIFIER answer)': summary(results.whole, counts.ours),
    'nest-cognito src/srp: SRP_A only (srpClientKeys)': summary(results.keys, counts.ours),
    'nest-cognito src/srp: the answer only (passwordVerifierResponses)': summary(results.answer, counts.ours),
    'floor: the three exponentiations alone (OpenSSL, 256 + 256 + 512 bits)': summary(
      results.floor,
      counts.ours,
    ),
    'amazon-cognito-identity-js AuthenticationHelper (A, key, signature)': summary(
      results.theirs,
      counts.theirs,
    ),
    ratio: round(median(results.theirs) / median(results.whole), 1),
    goal: 'ours (SRP_A and the answer) <= 2',
  };
}
