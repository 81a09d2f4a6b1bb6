import { invalidParameter } from '../errors.js';

/**
 * Listings page by key, as AWS's do: a page holds the items after the key that the previous
 * page's token names, and the token of a page is the key of its last item. Tokens are opaque to
 * clients: a token that this emulator did not make is an `InvalidParameterException`.
 */
export function encodePageToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey })).toString('base64url');
}

export function decodePageToken(token: unknown): string | undefined {
  if (token === undefined || token === null) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {
      after?: unknown;
    };
    if (typeof decoded.after === 'string') return decoded.after;
  } catch {
    // falls through to the error below
  }
  throw invalidParameter('Invalid pagination token.');
}

/** One page from `limit + 1` rows read after the key: the rows to return, and the next token if more. */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string,
): { items: T[]; next?: string } {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, next: encodePageToken(keyOf(items[items.length - 1]!)) };
}
