import type { Db } from './database.js';

export type MessageKind =
  'SIGN_UP' | 'RESEND_CODE' | 'FORGOT_PASSWORD' | 'VERIFY_ATTRIBUTE' | 'INVITATION' | 'MFA';

/** A message the emulator would have delivered (email or SMS), as the outbox shows it. */
export interface OutboxMessage {
  id: number;
  poolId: string;
  to: string;
  kind: MessageKind;
  subject: string | null;
  body: string;
  code: string | null;
  sentAt: string;
}

interface MessageRow {
  id: number;
  pool_id: string;
  recipient: string;
  kind: MessageKind;
  subject: string | null;
  body: string;
  code: string | null;
  sent_at: number;
}

export interface OutboxFilter {
  to?: string;
  poolId?: string;
  /** Only messages with a greater id. */
  after?: number;
  /** Only the newest this many. */
  latest?: number;
}

/** Every message is kept, oldest first, so that tests and people can read the codes. */
export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  send(message: Omit<OutboxMessage, 'id' | 'sentAt'>): void {
    this.db
      .prepare(
        'INSERT INTO messages (pool_id, recipient, kind, subject, body, code, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(message.poolId, message.to, message.kind, message.subject, message.body, message.code, this.now());
  }

  /**
   * Messages oldest first: all of them, or those after a message id (for polling), or the newest
   * `latest`; optionally only those to one address or of one pool.
   */
  list(filter: OutboxFilter = {}): OutboxMessage[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.to !== undefined) {
      where.push('recipient = ? COLLATE NOCASE');
      args.push(filter.to);
    }
    if (filter.poolId !== undefined) {
      where.push('pool_id = ?');
      args.push(filter.poolId);
    }
    if (filter.after !== undefined) {
      where.push('id > ?');
      args.push(filter.after);
    }
    const conditions = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sql =
      filter.latest !== undefined
        ? `SELECT * FROM (SELECT * FROM messages ${conditions} ORDER BY id DESC LIMIT ?) ORDER BY id`
        : `SELECT * FROM messages ${conditions} ORDER BY id`;
    if (filter.latest !== undefined) args.push(filter.latest);
    return (this.db.prepare(sql).all(...args) as MessageRow[]).map((r) => ({
      id: r.id,
      poolId: r.pool_id,
      to: r.recipient,
      kind: r.kind,
      subject: r.subject,
      body: r.body,
      code: r.code,
      sentAt: new Date(r.sent_at).toISOString(),
    }));
  }
}

/** `test@example.com` → `t***@e***`, as Cognito shows where a code went. */
export function maskDestination(destination: string): string {
  const at = destination.indexOf('@');
  if (at > 0) return `${destination[0]}***@${destination[at + 1] ?? ''}***`;
  return `+*******${destination.slice(-4)}`;
}

/** Fills a message template's placeholders: `{####}` the code, `{username}` the user name. */
export function renderTemplate(template: string, values: { code?: string; username?: string }): string {
  return template.replaceAll('{####}', values.code ?? '').replaceAll('{username}', values.username ?? '');
}
