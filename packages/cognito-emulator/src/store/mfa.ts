import type { MfaFactor } from '../services/mfa-config.js';
import type { Db } from './database.js';

/** A user's second factors as stored (see migration 8). */
export interface UserMfa {
  totpSecret: string | null;
  totpPending: string | null;
  totpName: string | null;
  totpLastStep: number | null;
  enabled: Record<MfaFactor, boolean>;
  preferred: MfaFactor | null;
}

interface MfaRow {
  totp_secret: string | null;
  totp_pending: string | null;
  totp_name: string | null;
  totp_last_step: number | null;
  totp_enabled: number;
  sms_enabled: number;
  email_enabled: number;
  preferred: MfaFactor | null;
}

const NONE: UserMfa = {
  totpSecret: null,
  totpPending: null,
  totpName: null,
  totpLastStep: null,
  enabled: { SMS_MFA: false, SOFTWARE_TOKEN_MFA: false, EMAIL_OTP: false },
  preferred: null,
};

/**
 * Users' second factors: the authenticator-app secret (pending until verified), which factors are
 * on and preferred, and the last TOTP step used, consumed atomically so that a code works once.
 */
export class MfaStore {
  constructor(private readonly db: Db) {}

  get(poolId: string, username: string): UserMfa {
    const row = this.db
      .prepare('SELECT * FROM user_mfa WHERE pool_id = ? AND username = ?')
      .get(poolId, username) as MfaRow | undefined;
    if (!row) return { ...NONE, enabled: { ...NONE.enabled } };
    return {
      totpSecret: row.totp_secret,
      totpPending: row.totp_pending,
      totpName: row.totp_name,
      totpLastStep: row.totp_last_step,
      enabled: {
        SMS_MFA: row.sms_enabled === 1,
        SOFTWARE_TOKEN_MFA: row.totp_enabled === 1,
        EMAIL_OTP: row.email_enabled === 1,
      },
      preferred: row.preferred,
    };
  }

  private ensure(poolId: string, username: string): void {
    this.db
      .prepare('INSERT INTO user_mfa (pool_id, username) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(poolId, username);
  }

  /** AssociateSoftwareToken: a new secret waits for its first code; a verified one stays in use. */
  associate(poolId: string, username: string, secret: string): void {
    this.ensure(poolId, username);
    this.db
      .prepare('UPDATE user_mfa SET totp_pending = ? WHERE pool_id = ? AND username = ?')
      .run(secret, poolId, username);
  }

  /**
   * VerifySoftwareToken's success: the pending secret becomes the user's, with the step of the
   * code that proved it as used. Only if the pending secret is still `secret` (a concurrent
   * association or verification wins): false otherwise. `enable` turns the factor on (MFA_SETUP).
   */
  verify(
    poolId: string,
    username: string,
    secret: string,
    step: number,
    name: string | null,
    enable: boolean,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE user_mfa SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?,
             totp_name = ?, totp_enabled = CASE WHEN ? THEN 1 ELSE totp_enabled END,
             preferred = CASE WHEN ? AND preferred IS NULL THEN 'SOFTWARE_TOKEN_MFA' ELSE preferred END
           WHERE pool_id = ? AND username = ? AND totp_pending = ?`,
        )
        .run(step, name, enable ? 1 : 0, enable ? 1 : 0, poolId, username, secret).changes === 1
    );
  }

  /**
   * Spends the TOTP code of `step`: true for the one caller that moved the last used step past
   * it; false when a code of this step or a later one was already accepted (a replay).
   */
  useStep(poolId: string, username: string, step: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE user_mfa SET totp_last_step = ?
           WHERE pool_id = ? AND username = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`,
        )
        .run(step, poolId, username, step).changes === 1
    );
  }

  /** Saves which factors are on and which is preferred. */
  setPreferences(
    poolId: string,
    username: string,
    enabled: Record<MfaFactor, boolean>,
    preferred: MfaFactor | null,
  ) {
    this.ensure(poolId, username);
    this.db
      .prepare(
        `UPDATE user_mfa SET sms_enabled = ?, totp_enabled = ?, email_enabled = ?, preferred = ?
         WHERE pool_id = ? AND username = ?`,
      )
      .run(
        enabled.SMS_MFA ? 1 : 0,
        enabled.SOFTWARE_TOKEN_MFA ? 1 : 0,
        enabled.EMAIL_OTP ? 1 : 0,
        preferred,
        poolId,
        username,
      );
  }

  /** AdminDeleteSoftwareToken: the secret goes, and the factor with it. */
  deleteSoftwareToken(poolId: string, username: string): void {
    this.db
      .prepare(
        `UPDATE user_mfa SET totp_secret = NULL, totp_pending = NULL, totp_name = NULL, totp_last_step = NULL,
           totp_enabled = 0, preferred = CASE WHEN preferred = 'SOFTWARE_TOKEN_MFA' THEN NULL ELSE preferred END
         WHERE pool_id = ? AND username = ?`,
      )
      .run(poolId, username);
  }
}
