import { CognitoClientCredentialsError } from './client-credentials.error.js';

/** The most an answer of the discovery or token endpoint may weigh; Cognito's are a few KB. */
const MAX_BODY_BYTES = 64 * 1024;

export interface JsonAnswer {
  status: number;
  /** The parsed body; `undefined` when it is not JSON. */
  body: unknown;
}

/**
 * One request whose answer is read as JSON, bounded in time and size, never following a redirect
 * (a token endpoint that redirects is misconfigured, and the credentials must not follow it).
 * A network failure or time-out is `request_failed`, naming `what` and the URL only.
 */
export async function fetchJson(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new CognitoClientCredentialsError(
      'request_failed',
      `${what} ${url} failed: ${reason(error)}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel();
    throw tooLarge(what, url, response.status);
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readAtMost(response, MAX_BODY_BYTES);
  } catch (error) {
    throw new CognitoClientCredentialsError(
      'request_failed',
      `${what} ${url} failed: ${reason(error)}`,
      response.status,
      {
        cause: error,
      },
    );
  }
  if (!bytes) throw tooLarge(what, url, response.status);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

/**
 * The body, read chunk by chunk, or `undefined` as soon as it passes `limit` bytes (the rest is
 * not read): an answer without `Content-Length` (chunked) cannot make the process buffer more.
 */
async function readAtMost(response: Response, limit: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

const tooLarge = (what: string, url: string, status: number) =>
  new CognitoClientCredentialsError('invalid_response', `${what} ${url} answered more than 64 KB`, status);

/** The innermost useful words of a network error (`fetch failed` hides `ECONNREFUSED` in its cause). */
function reason(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: unknown };
  if (e?.name === 'TimeoutError') return 'timed out';
  const cause = e?.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? e?.code ?? e?.message ?? String(error);
}
