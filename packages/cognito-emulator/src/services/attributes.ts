import { CognitoError, invalidParameter, notAuthorized } from '../errors.js';
import type { AttributeType, Client, Pool, User } from './model.js';
import type { UserService } from './users.js';

export const VERIFIABLE_ATTRIBUTES = ['email', 'phone_number'] as const;
export type VerifiableAttribute = (typeof VERIFIABLE_ATTRIBUTES)[number];
export const isVerifiable = (name: string): name is VerifiableAttribute =>
  (VERIFIABLE_ATTRIBUTES as readonly string[]).includes(name);

/** An attribute list as a record, the last value of a repeated name winning. */
export function toRecord(list: readonly AttributeType[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { Name, Value } of list) record[Name] = Value ?? '';
  return record;
}

/**
 * What a user may write about itself with its access token: no `sub`, no immutable attribute,
 * no verification flag, and only what the app client's `WriteAttributes` allow when it names them.
 */
export function assertUserMayWrite(pool: Pool, client: Client | undefined, names: string[]): void {
  for (const name of names) {
    if (name === 'sub') throw invalidParameter('Cannot modify an immutable attribute: sub');
    const attribute = pool.config.SchemaAttributes.find((a) => a.Name === name);
    if (attribute && !attribute.Mutable)
      throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
    const writable = client?.config.WriteAttributes;
    if (name.endsWith('_verified') || name.startsWith('dev:') || (writable && !writable.includes(name))) {
      throw notAuthorized('A client attempted to write unauthorized attribute');
    }
  }
}

/** An email or phone number that signs in (or is an alias) must not belong to another user. */
export function assertNotTaken(
  users: UserService,
  pool: Pool,
  user: User,
  name: string,
  value: string,
): void {
  const signsIn = [...(pool.config.UsernameAttributes ?? []), ...(pool.config.AliasAttributes ?? [])];
  if (name !== 'email' || !signsIn.includes('email')) return;
  const other = users.findByEmail(pool, value);
  if (other && other.username !== user.username) {
    throw new CognitoError('AliasExistsException', 'An account with the given email already exists.');
  }
}

/**
 * Whether a change of this attribute waits for verification before it takes effect: the pool
 * says so (`AttributesRequireVerificationBeforeUpdate`) and the current value is verified.
 */
export function changeWaitsForVerification(pool: Pool, user: User, name: VerifiableAttribute): boolean {
  const settings = pool.config.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  return settings.includes(name) && user.attributes[`${name}_verified`] === 'true';
}
