import type { EmulatorContext } from '../context.js';
import { CognitoError, invalidParameter, notAuthorized } from '../errors.js';
import { userOfAccessToken } from './access.js';
import { mfaFactorsOf } from './mfa-config.js';
import { reopenMfaSetup } from './mfa-challenges.js';
import type { Client, Pool, User } from './model.js';
import { matchingStep, newTotpSecret } from './totp.js';

/**
 * Whose authenticator app an AssociateSoftwareToken or VerifySoftwareToken call is about: the
 * signed-in user of an access token, or the user signing in under an MFA_SETUP session (then its
 * client and device, to reopen the challenge under a new session). Exactly one must be given.
 */
type Caller =
  | { pool: Pool; user: User; session?: undefined }
  | {
      pool: Pool;
      user: User;
      session: string;
      client: Client;
      deviceKey: string | undefined;
      verified: boolean;
    };

function callerOf(ctx: EmulatorContext, input: { AccessToken?: string; Session?: string }): Caller {
  if (input.AccessToken && input.Session) {
    throw invalidParameter('Only one of AccessToken or Session may be given.');
  }
  if (input.AccessToken) {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    return { pool, user };
  }
  if (!input.Session) throw invalidParameter('Either AccessToken or Session must be given.');
  const pending = ctx.challenges.get(input.Session);
  if (pending.challenge !== 'MFA_SETUP') throw notAuthorized('Invalid session for the user.');
  const pool = ctx.pools.getPool(pending.poolId);
  const user = ctx.users.findByUsername(pool, pending.username);
  if (!user) throw notAuthorized('Invalid session for the user.');
  return {
    pool,
    user,
    session: input.Session,
    client: ctx.pools.getClient(pending.clientId),
    deviceKey: pending.deviceKey,
    verified: pending.verified,
  };
}

/**
 * AssociateSoftwareToken: a new secret for the user's authenticator app, pending until a code of it
 * is verified. Needs the pool to offer authenticator apps. Under a session, the session is spent and
 * a new one answered.
 */
export function associateSoftwareToken(
  ctx: EmulatorContext,
  input: { AccessToken?: string; Session?: string },
): { SecretCode: string; Session?: string } {
  const caller = callerOf(ctx, input);
  if (!mfaFactorsOf(caller.pool).softwareToken) {
    throw new CognitoError(
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    );
  }
  const secret = newTotpSecret();
  if (caller.session === undefined) {
    ctx.mfa.associate(caller.pool.id, caller.user.username, secret);
    return { SecretCode: secret };
  }
  ctx.challenges.take(caller.session);
  ctx.mfa.associate(caller.pool.id, caller.user.username, secret);
  return { SecretCode: secret, Session: reopenMfaSetup(ctx, subjectOf(caller), false) };
}

/**
 * VerifySoftwareToken: a code of the pending secret (RFC 6238, one step of drift) makes it the
 * user's, its step spent. A wrong code is `EnableSoftwareTokenMFAException`. Under a session (the
 * MFA_SETUP of a sign-in), authenticator-app MFA is turned on for the user and a new session answered,
 * with which the sign-in answers MFA_SETUP.
 */
export function verifySoftwareToken(
  ctx: EmulatorContext,
  input: { AccessToken?: string; Session?: string; UserCode: string; FriendlyDeviceName?: string },
): { Status: 'SUCCESS'; Session?: string } {
  const caller = callerOf(ctx, input);
  const { pool, user } = caller;
  const pending = ctx.mfa.get(pool.id, user.username).totpPending;
  if (!pending) {
    throw invalidParameter('User has not associated a software token: call AssociateSoftwareToken first.');
  }
  const step = matchingStep(pending, input.UserCode, ctx.now());
  if (step === undefined) throw new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch');
  if (caller.session !== undefined) ctx.challenges.take(caller.session);
  const enable = caller.session !== undefined;
  if (!ctx.mfa.verify(pool.id, user.username, pending, step, input.FriendlyDeviceName ?? null, enable)) {
    throw new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch');
  }
  if (caller.session === undefined) return { Status: 'SUCCESS' };
  return { Status: 'SUCCESS', Session: reopenMfaSetup(ctx, subjectOf(caller), true) };
}

function subjectOf(caller: Extract<Caller, { session: string }>) {
  return { pool: caller.pool, client: caller.client, user: caller.user, deviceKey: caller.deviceKey };
}
