/** Field names whose values are never logged, whatever they hold. */
const SECRET_FIELD = /pass|token|secret|authorization|cookie|session|hash|^code$|credential|api[-_]?key/i;
/** Anything shaped like a JWT (Cognito's access, ID and refresh-token-looking strings). */
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
/** A bearer or basic credential written out in a message. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[\w\-.~+/=]+/gi;

export const REDACTED = '[redacted]';

/** A log message with anything that looks like a token or a credential replaced. */
export function redactText(text: string): string {
  return text.replace(JWT, REDACTED).replace(AUTH_SCHEME, `$1 ${REDACTED}`);
}

/**
 * A value made safe to log: secret-named fields replaced, strings scrubbed, depth and size
 * bounded. A defence in depth: the server never hands secrets to the logger on purpose.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (value instanceof Error) return redactText(value.message);
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 50)) {
    out[key] = SECRET_FIELD.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
