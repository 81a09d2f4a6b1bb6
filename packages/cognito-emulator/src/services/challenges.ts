import { notAuthorized } from '../errors.js';
import { newOpaqueToken } from '../ids.js';

/** A sign-in that stopped at a challenge, waiting for its answer. */
export interface PendingChallenge {
  poolId: string;
  clientId: string;
  username: string;
  challenge: 'NEW_PASSWORD_REQUIRED';
  expiresAt: number;
}

/**
 * The `Session` of challenges: an opaque token naming a pending challenge, single-use and valid
 * for the client's `AuthSessionValidity` minutes, as on AWS. Held in memory: a session outlives
 * neither its few minutes nor the process, and the client then signs in again.
 */
export class ChallengeService {
  private readonly pending = new Map<string, PendingChallenge>();

  constructor(private readonly now: () => number) {}

  open(challenge: Omit<PendingChallenge, 'expiresAt'>, validityMinutes: number): string {
    this.sweep();
    const session = newOpaqueToken(96);
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

  private sweep(): void {
    const now = this.now();
    for (const [session, challenge] of this.pending)
      if (challenge.expiresAt <= now) this.pending.delete(session);
  }
}
