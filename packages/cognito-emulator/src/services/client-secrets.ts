import { timingSafeEqual } from 'node:crypto';
import type { Rule } from '../validation.js';
import type { Client, ClientSecret } from './model.js';

/** The client's current secret values: both during a rotation; none for a public client. */
export function currentSecrets(client: Client): string[] {
  if (client.secrets) return client.secrets.map((s) => s.value);
  return client.secret ? [client.secret] : [];
}

/**
 * Whether any of the candidates equals `given`, compared in constant time. Every candidate is
 * compared, so the time does not tell which one matched.
 */
export function matchesAny(candidates: readonly string[], given: string): boolean {
  const actual = Buffer.from(given);
  let matched = false;
  for (const candidate of candidates) {
    const expected = Buffer.from(candidate);
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) matched = true;
  }
  return matched;
}

/** A secret as the secret listings describe it (`ClientSecretDescriptorType`), its value only when asked. */
export const describeSecret = (secret: ClientSecret, withValue = false) => ({
  ClientSecretId: secret.id,
  ...(withValue ? { ClientSecretValue: secret.value } : {}),
  ClientSecretCreateDate: secret.createdAt / 1000,
});

/** A secret the caller chooses (`ClientSecret` of AddUserPoolClientSecret and CreateUserPoolClient). */
export const CUSTOM_CLIENT_SECRET: Rule = {
  type: 'string',
  min: 24,
  max: 64,
  pattern: /^[\w+]+$/,
  sensitive: true,
};
