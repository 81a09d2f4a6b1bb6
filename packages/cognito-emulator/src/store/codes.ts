import { CognitoError } from '../errors.js';
import { newCode } from '../ids.js';
import type { Db } from './database.js';

export type CodePurpose = 'SIGN_UP' | 'FORGOT_PASSWORD' | 'VERIFY_ATTRIBUTE';

/** How long a code stays valid, per purpose, as on AWS. */
export const CODE_TTL_MS: Record<CodePurpose, number> = {
  SIGN_UP: 24 * 3600_000,
  FORGOT_PASSWORD: 3600_000,
  VERIFY_ATTRIBUTE: 24 * 3600_000,
};

/** Attribute verification codes are kept per attribute: an email and a phone may both be pending. */
const slot = (purpose: CodePurpose, attribute: string | undefined) =>
  purpose === 'VERIFY_ATTRIBUTE' ? `${purpose}:${attribute ?? ''}` : purpose;

/** One live code per user and purpose; issuing a new one replaces the old. Codes are single-use. */
export class CodeService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  issue(poolId: string, username: string, purpose: CodePurpose, attribute?: string): string {
    const code = newCode();
    this.db
      .prepare(
        `INSERT INTO codes (pool_id, username, purpose, code, attribute, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (pool_id, username, purpose) DO UPDATE SET
           code = excluded.code, attribute = excluded.attribute, expires_at = excluded.expires_at`,
      )
      .run(
        poolId,
        username,
        slot(purpose, attribute),
        code,
        attribute ?? null,
        this.now() + CODE_TTL_MS[purpose],
      );
    return code;
  }

  /**
   * Consumes a code: `CodeMismatchException` when it is wrong (or none was issued),
   * `ExpiredCodeException` when it is right but late. A right code is deleted.
   */
  consume(
    poolId: string,
    username: string,
    purpose: CodePurpose,
    code: string,
    attribute?: string,
  ): { attribute: string | null } {
    const key = slot(purpose, attribute);
    const row = this.db
      .prepare(
        'SELECT code, attribute, expires_at FROM codes WHERE pool_id = ? AND username = ? AND purpose = ?',
      )
      .get(poolId, username, key) as
      { code: string; attribute: string | null; expires_at: number } | undefined;
    if (!row || row.code !== code) throw codeMismatch();
    if (row.expires_at <= this.now()) throw expiredCode();
    // Take it: only the caller whose DELETE removes the row has used the code.
    const taken = this.db
      .prepare(
        `DELETE FROM codes WHERE pool_id = ? AND username = ? AND purpose = ? AND code = ?
         RETURNING attribute`,
      )
      .get(poolId, username, key, code) as { attribute: string | null } | undefined;
    if (!taken) throw codeMismatch();
    return { attribute: taken.attribute };
  }

  /** Forgets a live code, as when an administrator confirms the user. */
  discard(poolId: string, username: string, purpose: CodePurpose, attribute?: string): void {
    this.db
      .prepare('DELETE FROM codes WHERE pool_id = ? AND username = ? AND purpose = ?')
      .run(poolId, username, slot(purpose, attribute));
  }
}

export const codeMismatch = () =>
  new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
export const expiredCode = () =>
  new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
