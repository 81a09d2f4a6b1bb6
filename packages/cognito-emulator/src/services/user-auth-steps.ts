import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import { INCORRECT_CREDENTIALS, notAuthorized } from '../errors.js';
import { newCode } from '../ids.js';
import type { StringMap } from '../lambda/events.js';
import { maskDestination } from '../store/outbox.js';
import type { OpeningChallenge } from './challenges.js';
import { sendSignInCode } from './mfa-messages.js';
import type { Client, Pool, User } from './model.js';
import { assertNotLockedOut, type SignInAnswer } from './sign-in.js';
import type { FirstChallenge } from './user-auth-factors.js';
import { startPasskeyAssertion } from './webauthn.js';

/**
 * Who is signing in with USER_AUTH: the name given, the user it names (none for a name that names
 * no user, whose steps are stand-ins), and the device of the sign-in (its DEVICE_KEY), if any.
 */
export interface UserAuthSubject {
  pool: Pool;
  client: Client;
  name: string;
  user: User | undefined;
  deviceKey: string | undefined;
}

type Step =
  | { challenge: 'SELECT_CHALLENGE'; available: FirstChallenge[] }
  | { challenge: 'EMAIL_OTP' | 'SMS_OTP'; firstFactor: true; code: string }
  | { challenge: 'WEB_AUTHN'; assertion: string };

/** Opens a step's session, single-use and valid for the client's `AuthSessionValidity`. */
function openStep(ctx: EmulatorContext, subject: UserAuthSubject, step: Step): string {
  const opening: OpeningChallenge = {
    poolId: subject.pool.id,
    clientId: subject.client.id,
    username: subject.user?.username ?? subject.name,
    deviceKey: subject.deviceKey,
    ...step,
  };
  return ctx.challenges.open(opening, subject.client.config.AuthSessionValidity);
}

/**
 * The choice of first factors (SELECT_CHALLENGE, with `AvailableChallenges`), or the prompt for a
 * password (PASSWORD, PASSWORD_SRP) when the preferred factor came without it. The prompt's session
 * takes the same answers as the choice's: Amplify answers a PASSWORD prompt with SELECT_CHALLENGE.
 */
export function offerChoice(
  ctx: EmulatorContext,
  subject: UserAuthSubject,
  prompt: 'SELECT_CHALLENGE' | 'PASSWORD' | 'PASSWORD_SRP',
  available: FirstChallenge[],
): SignInAnswer {
  const session = openStep(ctx, subject, { challenge: 'SELECT_CHALLENGE', available });
  if (prompt === 'SELECT_CHALLENGE') {
    return {
      ChallengeName: prompt,
      Session: session,
      ChallengeParameters: {},
      AvailableChallenges: available,
    };
  }
  return { ChallengeName: prompt, Session: session, ChallengeParameters: {} };
}

/**
 * EMAIL_OTP or SMS_OTP as the first factor: a new code to the user's verified email or phone with
 * the pool's MFA templates, which AWS also uses for these (see `sendSignInCode`: the custom message
 * or sender triggers run, and their failure fails the sign-in), and where it went, masked. A
 * locked-out user gets no code. For a stand-in, nothing is sent (no trigger runs) and the masked
 * destination is made up from the name; no code will match. `clientMetadata` is that of the
 * RespondToAuthChallenge that chose the factor, if one did.
 */
export async function codeChallenge(
  ctx: EmulatorContext,
  subject: UserAuthSubject,
  challenge: 'EMAIL_OTP' | 'SMS_OTP',
  clientMetadata: StringMap | undefined,
): Promise<SignInAnswer> {
  const { pool, client, user } = subject;
  const medium = challenge === 'SMS_OTP' ? 'SMS' : 'EMAIL';
  let code = '';
  let destination = standInDestination(pool, subject.name, medium === 'SMS');
  if (user) {
    assertNotLockedOut(ctx, pool, user);
    code = newCode();
    destination = await sendSignInCode(ctx, pool, user, medium, code, {
      clientId: client.id,
      clientMetadata,
    });
  }
  const session = openStep(ctx, subject, { challenge, firstFactor: true, code });
  return {
    ChallengeName: challenge,
    Session: session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: medium,
      CODE_DELIVERY_DESTINATION: destination,
    },
  };
}

/**
 * A masked destination for a name that names no user, the same each time for the same name: the
 * name itself where it is an email or phone number, else letters or digits drawn from it.
 */
function standInDestination(pool: Pool, name: string, sms: boolean): string {
  if (sms && name.startsWith('+')) return maskDestination(name);
  if (!sms && name.includes('@')) return maskDestination(name);
  const digest = createHash('sha256').update(`${pool.id}\0${name}`).digest();
  if (sms) return `+*******${String(digest.readUInt16BE(0) % 10_000).padStart(4, '0')}`;
  const letter = (byte: number) => String.fromCharCode(97 + (byte % 26));
  return `${letter(digest[0]!)}***@${letter(digest[1]!)}***`;
}

/** WEB_AUTHN: the request options of the user's passkeys, their challenge kept in the session. */
export function passkeyChallenge(ctx: EmulatorContext, subject: UserAuthSubject): SignInAnswer {
  // Stand-ins are never offered passkeys.
  if (!subject.user) throw notAuthorized(INCORRECT_CREDENTIALS);
  const { options, challenge } = startPasskeyAssertion(ctx, subject.pool, subject.user);
  const session = openStep(ctx, subject, { challenge: 'WEB_AUTHN', assertion: challenge });
  return {
    ChallengeName: 'WEB_AUTHN',
    Session: session,
    ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: options },
  };
}
