import { atomically, type Db } from './database.js';

/** A registered passkey (see migration 9). */
export interface Passkey {
  poolId: string;
  /** The credential id, base64url, as the authenticator made it. */
  id: string;
  username: string;
  /** The COSE-encoded public key. */
  publicKey: Uint8Array<ArrayBuffer>;
  /** The authenticator's signature counter at the last accepted use (0: it keeps none). */
  counter: number;
  transports: string[];
  attachment: string | null;
  aaguid: string;
  name: string;
  relyingParty: string;
  createdAt: number;
}

/** A StartWebAuthnRegistration challenge waiting for its completion. */
export interface PendingRegistration {
  clientId: string;
  challenge: string;
  expiresAt: number;
}

interface PasskeyRow {
  pool_id: string;
  credential_id: string;
  username: string;
  public_key: Uint8Array;
  counter: number;
  transports: string;
  attachment: string | null;
  aaguid: string;
  name: string;
  relying_party: string;
  created_at: number;
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  poolId: row.pool_id,
  id: row.credential_id,
  username: row.username,
  publicKey: new Uint8Array(row.public_key),
  counter: Number(row.counter),
  transports: JSON.parse(row.transports) as string[],
  attachment: row.attachment,
  aaguid: row.aaguid,
  name: row.name,
  relyingParty: row.relying_party,
  createdAt: Number(row.created_at),
});

/**
 * Users' passkeys and their pending registrations. What is used once is taken by one conditional
 * statement: a registration challenge (deleted by the completion that stores its credential) and
 * each signature counter value (moved forward only past the stored one).
 */
export class WebAuthnStore {
  constructor(private readonly db: Db) {}

  /** StartWebAuthnRegistration: the user's new challenge replaces any pending one. */
  savePending(poolId: string, username: string, pending: PendingRegistration): void {
    this.db
      .prepare(
        `INSERT INTO webauthn_registrations (pool_id, username, client_id, challenge, expires_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (pool_id, username) DO UPDATE SET
           client_id = excluded.client_id, challenge = excluded.challenge, expires_at = excluded.expires_at`,
      )
      .run(poolId, username, pending.clientId, pending.challenge, pending.expiresAt);
  }

  pending(poolId: string, username: string): PendingRegistration | undefined {
    const row = this.db
      .prepare(
        'SELECT client_id, challenge, expires_at FROM webauthn_registrations WHERE pool_id = ? AND username = ?',
      )
      .get(poolId, username) as { client_id: string; challenge: string; expires_at: number } | undefined;
    return row
      ? { clientId: row.client_id, challenge: row.challenge, expiresAt: Number(row.expires_at) }
      : undefined;
  }

  /**
   * Takes the pending challenge `challenge` of the user and stores the credential it proved, as one
   * transaction (reads included): of two completions of one challenge, one stores its credential (`stored`), the other finds
   * the challenge gone (`gone`); a credential id already in the pool is `taken` (nothing changes,
   * the challenge stays).
   */
  completeRegistration(challenge: string, passkey: Passkey): 'stored' | 'gone' | 'taken' {
    return atomically(this.db, () => {
      if (this.pending(passkey.poolId, passkey.username)?.challenge !== challenge) return 'gone';
      if (this.find(passkey.poolId, passkey.id)) return 'taken';
      this.db
        .prepare('DELETE FROM webauthn_registrations WHERE pool_id = ? AND username = ?')
        .run(passkey.poolId, passkey.username);
      this.db
        .prepare(
          `INSERT INTO webauthn_credentials (pool_id, credential_id, username, public_key, counter,
             transports, attachment, aaguid, name, relying_party, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          passkey.poolId,
          passkey.id,
          passkey.username,
          Buffer.from(passkey.publicKey),
          passkey.counter,
          JSON.stringify(passkey.transports),
          passkey.attachment,
          passkey.aaguid,
          passkey.name,
          passkey.relyingParty,
          passkey.createdAt,
        );
      return 'stored';
    });
  }

  /** The passkey with this credential id in the pool, whoever's it is. */
  find(poolId: string, credentialId: string): Passkey | undefined {
    const row = this.db
      .prepare('SELECT * FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?')
      .get(poolId, credentialId) as PasskeyRow | undefined;
    return row ? toPasskey(row) : undefined;
  }

  /** Up to `limit` of the user's passkeys after the credential id `after`, by credential id. */
  list(poolId: string, username: string, limit: number, after = ''): Passkey[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM webauthn_credentials WHERE pool_id = ? AND username = ? AND credential_id > ?
         ORDER BY credential_id LIMIT ?`,
      )
      .all(poolId, username, after, limit) as PasskeyRow[];
    return rows.map(toPasskey);
  }

  /** Whether the user has any passkey. */
  has(poolId: string, username: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM webauthn_credentials WHERE pool_id = ? AND username = ? LIMIT 1')
        .get(poolId, username) !== undefined
    );
  }

  /** Deletes one of the user's passkeys: false when the user has none of that id. */
  delete(poolId: string, username: string, credentialId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM webauthn_credentials WHERE pool_id = ? AND username = ? AND credential_id = ?')
        .run(poolId, username, credentialId).changes === 1
    );
  }

  /**
   * Records a use of the passkey with the authenticator's new counter: only past the stored value
   * (or when both are 0, for authenticators that keep no counter), so of two assertions carrying
   * the same counter one is accepted. False when the passkey is gone or the counter did not advance.
   */
  useCounter(poolId: string, credentialId: string, counter: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE webauthn_credentials SET counter = ?
           WHERE pool_id = ? AND credential_id = ? AND (counter < ? OR (counter = 0 AND ? = 0))`,
        )
        .run(counter, poolId, credentialId, counter, counter).changes === 1
    );
  }
}
