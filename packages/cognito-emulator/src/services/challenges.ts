import { notAuthorized } from '../errors.js';
import { newOpaqueToken } from '../ids.js';
import type { ChallengeResult, StringMap } from '../lambda/events.js';
import type { MfaFactor } from './mfa-config.js';
import type { FirstChallenge } from './user-auth-factors.js';

/** The server's side of an SRP exchange between PASSWORD_VERIFIER and its answer. */
export interface SrpExchange {
  A: bigint;
  B: bigint;
  b: bigint;
  v: bigint;
  /** False for the stand-in challenge of a user that cannot sign in with SRP (unknown, or no verifier). */
  genuine: boolean;
}

/**
 * A custom authentication (CUSTOM_AUTH) between two rounds: what its define auth challenge trigger
 * is shown next time.
 */
export interface CustomAuthState {
  /** The rounds so far, oldest first (the triggers' `session`). */
  history: ChallengeResult[];
  /** False for a name that names no user (a client hiding user existence): the triggers' `userNotFound`. */
  userFound: boolean;
  /** The name the sign-in gave, which its answers may name the user by. */
  name: string;
}

/**
 * A challenge as a sign-in opens it. `deviceKey` is the device the sign-in was made with (the
 * DEVICE_KEY of its request), carried to the step that issues tokens.
 */
export type OpeningChallenge = { poolId: string; clientId: string; username: string } & (
  | { challenge: 'NEW_PASSWORD_REQUIRED'; deviceKey?: string | undefined }
  /** `custom`: the SRP step of a custom authentication (CUSTOM_WITH_SRP), which goes on once the password is proven. */
  | {
      challenge: 'PASSWORD_VERIFIER';
      srp: SrpExchange;
      deviceKey?: string | undefined;
      custom?: CustomAuthState | undefined;
    }
  | { challenge: 'DEVICE_SRP_AUTH'; deviceKey: string }
  | { challenge: 'DEVICE_PASSWORD_VERIFIER'; deviceKey: string; srp: SrpExchange; secretBlock: string }
  | { challenge: 'SOFTWARE_TOKEN_MFA'; deviceKey?: string | undefined }
  | { challenge: 'SMS_MFA' | 'EMAIL_OTP'; code: string; deviceKey?: string | undefined }
  | { challenge: 'SELECT_MFA_TYPE'; choices: MfaFactor[]; deviceKey?: string | undefined }
  /** `verified`: VerifySoftwareToken accepted a code of the app associated through this session. */
  | { challenge: 'MFA_SETUP'; verified: boolean; deviceKey?: string | undefined }
  /** Choice-based sign-in (USER_AUTH): the first factors it may go on with (also the PASSWORD and PASSWORD_SRP prompts). */
  | { challenge: 'SELECT_CHALLENGE'; available: FirstChallenge[]; deviceKey?: string | undefined }
  /** A USER_AUTH one-time code, the first factor (empty for a stand-in of an unknown user: nothing matches it). */
  | { challenge: 'EMAIL_OTP' | 'SMS_OTP'; firstFactor: true; code: string; deviceKey?: string | undefined }
  /** A round of custom authentication: what the create auth challenge trigger kept for verifying its answer. */
  | {
      challenge: 'CUSTOM_CHALLENGE';
      custom: CustomAuthState;
      privateParameters: StringMap;
      challengeMetadata: string | undefined;
      deviceKey?: string | undefined;
    }
  /** A USER_AUTH passkey assertion: the WebAuthn challenge (base64url) its answer must sign. */
  | { challenge: 'WEB_AUTHN'; assertion: string; deviceKey?: string | undefined }
);

/** Wrong codes a session of an MFA challenge takes before it is spent (the client signs in again). */
export const MFA_ATTEMPTS = 3;

/** A sign-in that stopped at a challenge, waiting for its answer. */
export type PendingChallenge = OpeningChallenge & { expiresAt: number; misses?: number };

/**
 * The `Session` of challenges: an opaque token naming a pending challenge, single-use and valid
 * for the client's `AuthSessionValidity` minutes, as on AWS. Held in memory: a session outlives
 * neither its few minutes nor the process, and the client then signs in again.
 */
export class ChallengeService {
  private readonly pending = new Map<string, PendingChallenge>();

  constructor(private readonly now: () => number) {}

  /** Opens a challenge under `session` (a new opaque token unless given) and returns the session. */
  open(challenge: OpeningChallenge, validityMinutes: number, session = newOpaqueToken(96)): string {
    this.sweep();
    this.pending.set(session, { ...challenge, expiresAt: this.now() + validityMinutes * 60_000 });
    return session;
  }

  /** The challenge a live session names. A wrong answer may be corrected within the session's life. */
  get(session: string): PendingChallenge {
    const challenge = this.pending.get(session);
    if (!challenge) throw notAuthorized('Invalid session for the user.');
    if (challenge.expiresAt <= this.now()) {
      this.pending.delete(session);
      throw notAuthorized('Invalid session for the user, session is expired.');
    }
    return challenge;
  }

  /**
   * Spends a session: it is gone from here on, so that of concurrent answers only the one that
   * takes it goes on. Call it after the answer passed every check (a wrong answer leaves the
   * session for a corrected one) and before anything asynchronous.
   */
  take(session: string): PendingChallenge {
    const challenge = this.get(session);
    this.pending.delete(session);
    return challenge;
  }

  /** Counts a wrong code against a session; the session is spent at `MFA_ATTEMPTS` wrong codes. */
  miss(session: string): void {
    const challenge = this.pending.get(session);
    if (!challenge) return;
    challenge.misses = (challenge.misses ?? 0) + 1;
    if (challenge.misses >= MFA_ATTEMPTS) this.pending.delete(session);
  }

  private sweep(): void {
    const now = this.now();
    for (const [session, challenge] of this.pending)
      if (challenge.expiresAt <= now) this.pending.delete(session);
  }
}
