import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import type { RunningEmulator } from '../src/index.js';
import { passwordClaim, srpStart, srpTimestamp } from './device-srp-client.js';
import { PASSWORD } from './helpers.js';
import { passwordUser, signInPool } from './sign-in-pool.js';

// Pools, users and answers for the tests of choice-based sign-in (USER_AUTH), over the AWS SDK.

export type Factor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export interface ChoicePoolOptions {
  factors?: Factor[];
  flows?: string[];
  secret?: boolean;
  prevent?: 'ENABLED' | 'LEGACY';
  tracksDevices?: boolean;
}

/**
 * A pool (email as user name) whose sign-in policy allows the given first factors (default all but
 * passkeys), and a client allowing USER_AUTH and refresh unless other flows are given.
 */
export const choicePool = (cognito: CognitoIdentityProvider, options: ChoicePoolOptions = {}) =>
  signInPool(cognito, 'choice', {
    ...options,
    autoVerifyEmail: true,
    firstFactors: options.factors ?? ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
    flows: options.flows ?? ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });

export type ChoicePool = Awaited<ReturnType<typeof choicePool>>;

let count = 0;

/**
 * A confirmed user with a password, a verified email (its sign-in name) and, unless told
 * otherwise, a verified phone number.
 */
export async function choiceUser(
  cognito: CognitoIdentityProvider,
  pool: ChoicePool,
  options: { phoneVerified?: boolean; emailVerified?: boolean } = {},
) {
  const email = `choice${count++}@example.com`;
  const phone = `+1555020${String(count).padStart(4, '0')}`;
  await passwordUser(cognito, pool.poolId, email, {
    email_verified: String(options.emailVerified ?? true),
    phone_number: phone,
    phone_number_verified: String(options.phoneVerified ?? true),
  });
  return { email, phone };
}

/** The last code sent to an address (sign-in codes go out as kind `MFA`), and how many were. */
export function lastCode(emulator: RunningEmulator, to: string) {
  const sent = emulator.messages({ to }).filter((m) => m.kind === 'MFA');
  return { code: sent.at(-1)?.code ?? undefined, count: sent.length };
}

/** The PASSWORD_VERIFIER answer a client computes from the challenge's parameters and SRP_A's secret. */
export function verifierAnswer(
  pool: ChoicePool,
  start: ReturnType<typeof srpStart>,
  parameters: Record<string, string>,
  at: number,
  password = PASSWORD,
) {
  const timestamp = srpTimestamp(new Date(at));
  const id = parameters.USER_ID_FOR_SRP!;
  const name = pool.poolId.slice(pool.poolId.indexOf('_') + 1);
  return {
    USERNAME: id,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: passwordClaim({ name, id, password, start, parameters, timestamp }),
  };
}

export { srpStart };

/** InitiateAuth with USER_AUTH. */
export const initiate = (
  cognito: CognitoIdentityProvider,
  pool: ChoicePool,
  parameters: Record<string, string>,
) => cognito.initiateAuth({ ClientId: pool.clientId, AuthFlow: 'USER_AUTH', AuthParameters: parameters });

/** RespondToAuthChallenge. */
export const respond = (
  cognito: CognitoIdentityProvider,
  pool: ChoicePool,
  name: string,
  session: string | undefined,
  responses: Record<string, string>,
) =>
  cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: name as never,
    Session: session,
    ChallengeResponses: responses,
  });

/** Answers a PASSWORD_VERIFIER challenge with the proof of the password, for SRP_A's secret `start`. */
export const proveSrp = (
  cognito: CognitoIdentityProvider,
  pool: ChoicePool,
  start: ReturnType<typeof srpStart>,
  challenge: { Session?: string | undefined; ChallengeParameters?: Record<string, string> | undefined },
) =>
  respond(
    cognito,
    pool,
    'PASSWORD_VERIFIER',
    challenge.Session,
    verifierAnswer(pool, start, challenge.ChallengeParameters!, Date.now()),
  );
