import { createHash, randomBytes } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  type AuthenticatorAttachment,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import {
  decodeAttestationObject,
  decodeClientDataJSON,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import type { EmulatorContext } from '../context.js';
import { CognitoError, invalidParameter, notAuthorized, resourceNotFound } from '../errors.js';
import { type Passkey, WebAuthnStore } from '../store/webauthn.js';
import { webAuthnSettingsOf } from './mfa-config.js';
import type { Pool, User } from './model.js';
import { decodePageToken, toPage } from './pagination.js';

/**
 * Passkeys (WebAuthn): registration by a signed-in user (StartWebAuthnRegistration, then
 * CompleteWebAuthnRegistration with the authenticator's answer), the listing and deletion of a
 * user's passkeys, and the assertion a WEB_AUTHN sign-in challenge asks for. The relying party is
 * the pool's `WebAuthnConfiguration.RelyingPartyId`, else `localhost` (AWS: the pool's domain;
 * pools have no domains here). Cryptography is `@simplewebauthn/server`'s; this file decides
 * which AWS error each failure is.
 */

/** How long an authenticator is given (the options' `timeout`), and a registration challenge lives. */
export const WEBAUTHN_TIMEOUT_MS = 180_000;

/** The key algorithms offered and accepted: ES256 and RS256 (COSE -7 and -257). */
const ALGORITHMS = [-7, -257];

/** What a failed passkey sign-in answers, whatever failed (nothing for a guesser to learn). */
export const PASSKEY_REFUSED = 'Failed to verify the passkey credential.';

const PASSKEYS_OFF = 'WebAuthn is not enabled for this user pool.';
const CHALLENGE_NOT_FOUND = 'The WebAuthn registration challenge was not found or has expired.';

const storeOf = (ctx: EmulatorContext) => new WebAuthnStore(ctx.db);

/** The relying party id the pool's passkeys are bound to. */
export function relyingPartyOf(pool: Pool): string {
  return webAuthnSettingsOf(pool).RelyingPartyId ?? 'localhost';
}

/**
 * Where a passkey ceremony may run for a relying party: `https://<rpId>` or a subdomain of it (any
 * port), and for `localhost` also plain `http://localhost:<any port>`, as browsers allow.
 */
export function isAllowedOrigin(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  if (rpId === 'localhost') return url.hostname === 'localhost' && ['http:', 'https:'].includes(url.protocol);
  return url.protocol === 'https:' && (url.hostname === rpId || url.hostname.endsWith(`.${rpId}`));
}

/** Passkeys are on when the pool's sign-in policy allows WEB_AUTHN as a first factor. */
export function passkeysEnabled(pool: Pool): boolean {
  const policy = pool.config.Policies.SignInPolicy;
  if (!isObject(policy)) return false;
  const factors = policy.AllowedFirstAuthFactors;
  return Array.isArray(factors) && factors.includes('WEB_AUTHN');
}

function assertPasskeysEnabled(pool: Pool): void {
  if (!passkeysEnabled(pool)) throw new CognitoError('WebAuthnNotEnabledException', PASSKEYS_OFF);
}

const newChallenge = () => randomBytes(32).toString('base64url');

const descriptorOf = (passkey: Passkey) => ({
  type: 'public-key' as const,
  id: passkey.id,
  ...(passkey.transports.length > 0 ? { transports: [...passkey.transports] } : {}),
});

/** Every passkey of the user (a user has a handful: one page of the largest size is all of them). */
const passkeysOf = (ctx: EmulatorContext, pool: Pool, user: User) =>
  storeOf(ctx).list(pool.id, user.username, 1000);

// ---- For the WEB_AUTHN sign-in challenge (USER_AUTH) ----

/** Whether the user has registered a passkey (WEB_AUTHN is then among the sign-in choices). */
export function hasPasskey(ctx: EmulatorContext, pool: Pool, user: User): boolean {
  return storeOf(ctx).has(pool.id, user.username);
}

/**
 * A WEB_AUTHN challenge for the user: `options` is the JSON text of `CREDENTIAL_REQUEST_OPTIONS`
 * (PublicKeyCredentialRequestOptionsJSON listing the user's passkeys), `challenge` its base64url
 * challenge, which the caller keeps in the sign-in session and hands to `verifyPasskeyAssertion`.
 */
export function startPasskeyAssertion(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
): { options: string; challenge: string } {
  const challenge = newChallenge();
  const options: PublicKeyCredentialRequestOptionsJSON = {
    challenge,
    timeout: WEBAUTHN_TIMEOUT_MS,
    rpId: relyingPartyOf(pool),
    allowCredentials: passkeysOf(ctx, pool, user).map(descriptorOf),
    userVerification: webAuthnSettingsOf(pool).UserVerification,
  };
  return { options: JSON.stringify(options), challenge };
}

/**
 * Checks the user's answer to a WEB_AUTHN challenge (`CREDENTIAL`, AuthenticationResponseJSON text):
 * a passkey of THIS user, signed over `expectedChallenge` at an allowed origin for the pool's
 * relying party, with user verification when the pool requires it, and a signature counter that
 * moved forward, recorded atomically (of two uses of one counter value, one passes). Any failure
 * is `NotAuthorizedException`, never more specific.
 */
export async function verifyPasskeyAssertion(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  credentialJson: string,
  expectedChallenge: string,
): Promise<void> {
  const response = authenticationResponseOf(parseJson(credentialJson));
  const store = storeOf(ctx);
  const passkey = response && store.find(pool.id, response.id);
  if (!response || !passkey || passkey.username !== user.username) throw notAuthorized(PASSKEY_REFUSED);
  const rpId = relyingPartyOf(pool);
  const origin = originOf(response.response.clientDataJSON);
  if (origin === undefined || !isAllowedOrigin(origin, rpId)) throw notAuthorized(PASSKEY_REFUSED);
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpId,
      expectedType: 'webauthn.get',
      credential: { id: passkey.id, publicKey: passkey.publicKey, counter: passkey.counter },
      requireUserVerification: webAuthnSettingsOf(pool).UserVerification === 'required',
    });
    if (!result.verified) throw notAuthorized(PASSKEY_REFUSED);
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    throw notAuthorized(PASSKEY_REFUSED);
  }
  if (!store.useCounter(pool.id, passkey.id, newCounter)) throw notAuthorized(PASSKEY_REFUSED);
}

// ---- Registration, listing, deletion (access-token operations) ----

/**
 * StartWebAuthnRegistration: the creation options for a new passkey of the user (a resident key,
 * ES256 or RS256, the pool's user verification, the user's passkeys excluded), and the challenge
 * kept for this user and client until it is used or expires; a new start replaces it.
 */
export function startRegistration(ctx: EmulatorContext, pool: Pool, user: User, clientId: string) {
  assertPasskeysEnabled(pool);
  const rpId = relyingPartyOf(pool);
  const challenge = newChallenge();
  storeOf(ctx).savePending(pool.id, user.username, {
    clientId,
    challenge,
    expiresAt: ctx.now() + WEBAUTHN_TIMEOUT_MS,
  });
  const name = accountNameOf(pool, user);
  return {
    challenge,
    rp: { id: rpId, name: rpId },
    user: { id: Buffer.from(user.sub).toString('base64url'), name, displayName: name },
    pubKeyCredParams: ALGORITHMS.map((alg) => ({ type: 'public-key' as const, alg })),
    timeout: WEBAUTHN_TIMEOUT_MS,
    excludeCredentials: passkeysOf(ctx, pool, user).map(descriptorOf),
    authenticatorSelection: {
      residentKey: 'required' as const,
      requireResidentKey: true,
      userVerification: webAuthnSettingsOf(pool).UserVerification,
    },
    attestation: 'none' as const,
    extensions: { credProps: true },
  } satisfies PublicKeyCredentialCreationOptionsJSON;
}

/**
 * The name an authenticator shows for the account: the user name, or where the pool signs in with
 * email or phone (and the user name is the `sub`), that email or phone number.
 */
function accountNameOf(pool: Pool, user: User): string {
  const attributes = pool.config.UsernameAttributes ?? [];
  for (const attribute of attributes) {
    const value = user.attributes[attribute];
    if (value) return value;
  }
  return user.username;
}

/**
 * CompleteWebAuthnRegistration: checks the authenticator's answer against the user's pending
 * challenge (from the same client, not expired), the origin and relying party, the key algorithm
 * and user verification, then stores the passkey and spends the challenge in one step.
 */
export async function completeRegistration(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  clientId: string,
  credential: unknown,
): Promise<void> {
  assertPasskeysEnabled(pool);
  const store = storeOf(ctx);
  const pending = store.pending(pool.id, user.username);
  if (!pending || pending.expiresAt <= ctx.now()) {
    throw new CognitoError('WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
  }
  if (pending.clientId !== clientId) {
    throw new CognitoError(
      'WebAuthnClientMismatchException',
      'The access token was issued to another app client than the one that started the registration.',
    );
  }
  const response = registrationResponseOf(credential);
  if (!response) throw invalidParameter('Credential is not a valid RegistrationResponseJSON.');
  const rpId = relyingPartyOf(pool);
  const origin = checkCeremony(response, pending.challenge, rpId);
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: pending.challenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
    requireUserVerification: webAuthnSettingsOf(pool).UserVerification === 'required',
    supportedAlgorithmIDs: ALGORITHMS,
  }).catch(() => undefined);
  if (!verified?.verified) {
    throw new CognitoError(
      'WebAuthnCredentialNotSupportedException',
      'The passkey credential is not supported.',
    );
  }
  const info = verified.registrationInfo;
  const passkey: Passkey = {
    poolId: pool.id,
    id: info.credential.id,
    username: user.username,
    publicKey: info.credential.publicKey,
    counter: info.credential.counter,
    transports: response.response.transports ?? [],
    attachment: response.authenticatorAttachment ?? null,
    aaguid: info.aaguid,
    name: friendlyNameOf(info.aaguid),
    relyingParty: rpId,
    createdAt: ctx.now(),
  };
  const outcome = store.completeRegistration(pending.challenge, passkey);
  if (outcome === 'taken') throw invalidParameter('This passkey credential is already registered.');
  if (outcome === 'gone') throw new CognitoError('WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
}

/**
 * The checks before the signature: the answer is to the pending challenge (else that challenge is
 * not found), from an allowed origin, and made for the pool's relying party, each its own error.
 * Returns the origin.
 */
function checkCeremony(response: RegistrationResponseJSON, challenge: string, rpId: string): string {
  let clientData: { challenge: string; origin: string };
  let rpIdHash: Uint8Array;
  try {
    clientData = decodeClientDataJSON(response.response.clientDataJSON);
    const attestation = decodeAttestationObject(
      Buffer.from(response.response.attestationObject, 'base64url'),
    );
    rpIdHash = parseAuthenticatorData(attestation.get('authData')).rpIdHash;
  } catch {
    throw new CognitoError(
      'WebAuthnCredentialNotSupportedException',
      'The passkey credential is not supported.',
    );
  }
  if (clientData.challenge !== challenge) {
    throw new CognitoError('WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
  }
  if (typeof clientData.origin !== 'string' || !isAllowedOrigin(clientData.origin, rpId)) {
    throw new CognitoError(
      'WebAuthnOriginNotAllowedException',
      'The origin of the passkey credential is not allowed for the relying party of the user pool.',
    );
  }
  if (!Buffer.from(rpIdHash).equals(createHash('sha256').update(rpId).digest())) {
    throw new CognitoError(
      'WebAuthnRelyingPartyMismatchException',
      'The passkey credential was created for another relying party than the one of the user pool.',
    );
  }
  return clientData.origin;
}

/** The generated name of a passkey: authenticators are known here only by their AAGUID. */
const friendlyNameOf = (aaguid: string) =>
  /^[0-]+$/.test(aaguid) ? 'Passkey' : `Passkey (authenticator ${aaguid})`;

/** ListWebAuthnCredentials: the user's passkeys by credential id, `MaxResults` (default 20) a page. */
export function listPasskeys(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  input: { MaxResults?: number; NextToken?: string },
) {
  const limit = input.MaxResults || 20;
  const after = decodePageToken(input.NextToken) ?? '';
  const page = toPage(storeOf(ctx).list(pool.id, user.username, limit + 1, after), limit, (p) => p.id);
  return {
    Credentials: page.items.map((passkey) => ({
      CredentialId: passkey.id,
      FriendlyCredentialName: passkey.name,
      RelyingPartyId: passkey.relyingParty,
      ...(passkey.attachment ? { AuthenticatorAttachment: passkey.attachment } : {}),
      AuthenticatorTransports: passkey.transports,
      CreatedAt: Math.floor(passkey.createdAt / 1000),
    })),
    ...(page.next ? { NextToken: page.next } : {}),
  };
}

/** DeleteWebAuthnCredential: one of the user's passkeys; another's or none is not found. */
export function deletePasskey(ctx: EmulatorContext, pool: Pool, user: User, credentialId: string): void {
  if (!storeOf(ctx).delete(pool.id, user.username, credentialId)) {
    throw resourceNotFound('Credential not found.');
  }
}

// ---- Reading the wire's JSON documents ----

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isBase64Url = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && /^[A-Za-z0-9_-]+={0,2}$/.test(value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The origin a clientDataJSON names, if it is readable. */
function originOf(clientDataJSON: string): string | undefined {
  try {
    const { origin } = decodeClientDataJSON(clientDataJSON);
    return typeof origin === 'string' ? origin : undefined;
  } catch {
    return undefined;
  }
}

const attachmentOf = (value: unknown): AuthenticatorAttachment | undefined =>
  value === 'platform' || value === 'cross-platform' ? value : undefined;

/** A RegistrationResponseJSON read member by member from the `Credential` document, or undefined. */
function registrationResponseOf(document: unknown): RegistrationResponseJSON | undefined {
  if (!isObject(document) || document.type !== 'public-key' || !isObject(document.response)) return undefined;
  const { id, rawId, response } = document;
  const { clientDataJSON, attestationObject, transports } = response;
  if (
    !isBase64Url(id) ||
    !isBase64Url(rawId) ||
    !isBase64Url(clientDataJSON) ||
    !isBase64Url(attestationObject)
  ) {
    return undefined;
  }
  if (
    transports !== undefined &&
    !(Array.isArray(transports) && transports.every((t) => typeof t === 'string'))
  ) {
    return undefined;
  }
  const attachment = attachmentOf(document.authenticatorAttachment);
  return {
    id,
    rawId,
    type: 'public-key',
    clientExtensionResults: {},
    response: { clientDataJSON, attestationObject, ...(transports ? { transports: [...transports] } : {}) },
    ...(attachment ? { authenticatorAttachment: attachment } : {}),
  };
}

/** An AuthenticationResponseJSON read member by member from a `CREDENTIAL` answer, or undefined. */
function authenticationResponseOf(document: unknown): AuthenticationResponseJSON | undefined {
  if (!isObject(document) || document.type !== 'public-key' || !isObject(document.response)) return undefined;
  const { id, rawId, response } = document;
  const { clientDataJSON, authenticatorData, signature, userHandle } = response;
  if (
    !isBase64Url(id) ||
    !isBase64Url(rawId) ||
    !isBase64Url(clientDataJSON) ||
    !isBase64Url(authenticatorData) ||
    !isBase64Url(signature) ||
    (userHandle !== undefined && typeof userHandle !== 'string')
  ) {
    return undefined;
  }
  return {
    id,
    rawId,
    type: 'public-key',
    clientExtensionResults: {},
    response: { clientDataJSON, authenticatorData, signature, ...(userHandle ? { userHandle } : {}) },
  };
}
