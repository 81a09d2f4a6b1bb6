import { newOpaqueToken } from '../ids.js';

/** How long a managed-login session lasts: an hour, as AWS's managed login keeps its cookie. */
export const LOGIN_SESSION_SECONDS = 3600;

/** A user signed in at the managed login, for a pool: a second authorization skips the form. */
export interface LoginSession {
  poolId: string;
  username: string;
  /** When the user signed in, in epoch seconds. */
  authTime: number;
}

/**
 * The managed login's sessions, named by the opaque value of its `cognito` cookie; in memory,
 * like challenge sessions. A sign-out (`/logout`) ends one.
 */
export class LoginSessions {
  private readonly sessions = new Map<string, LoginSession & { expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  /** Starts a session; its cookie value. */
  start(session: LoginSession): string {
    this.sweep();
    const id = newOpaqueToken(32);
    this.sessions.set(id, { ...session, expiresAt: this.now() + LOGIN_SESSION_SECONDS * 1000 });
    return id;
  }

  /** The live session a cookie value names, for this pool. */
  find(id: string | undefined, poolId: string): LoginSession | undefined {
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session || session.expiresAt <= this.now() || session.poolId !== poolId) return undefined;
    return session;
  }

  end(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
