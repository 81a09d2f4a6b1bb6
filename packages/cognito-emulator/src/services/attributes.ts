import { CognitoError, invalidParameter, notAuthorized } from '../errors.js';
import type { EmulatorContext } from '../context.js';
import { type CodeDeliveryDetails, deliverCode, type MessageCall } from './delivery.js';
import type { AttributeType, Client, Pool, User } from './model.js';
import { emptyRecord } from '../records.js';
import type { UserService } from '../store/users.js';

export const VERIFIABLE_ATTRIBUTES = ['email', 'phone_number'] as const;
export type VerifiableAttribute = (typeof VERIFIABLE_ATTRIBUTES)[number];
export const isVerifiable = (name: string): name is VerifiableAttribute =>
  (VERIFIABLE_ATTRIBUTES as readonly string[]).includes(name);

/** An attribute list as a (null-prototype) record, the last value of a repeated name winning. */
export function toRecord(list: readonly AttributeType[]): Record<string, string> {
  const record = emptyRecord<string>();
  for (const { Name, Value } of list) record[Name] = Value ?? '';
  return record;
}

/**
 * What a user may write about itself with its access token: no `sub`, no immutable attribute,
 * no verification flag, and only what the app client's `WriteAttributes` allow when it names them.
 */
export function assertUserMayWrite(pool: Pool, client: Client | undefined, names: string[]): void {
  assertMutable(pool, names);
  for (const name of names) {
    const writable = client?.config.WriteAttributes;
    if (name.endsWith('_verified') || name.startsWith('dev:') || (writable && !writable.includes(name))) {
      throw notAuthorized('A client attempted to write unauthorized attribute');
    }
  }
}

/** Nobody, administrators included, changes `sub` or an attribute the schema makes immutable. */
export function assertMutable(pool: Pool, names: string[]): void {
  for (const name of names) {
    if (name === 'sub') throw invalidParameter('Cannot modify an immutable attribute: sub');
    const attribute = pool.config.SchemaAttributes.find((a) => a.Name === name);
    if (attribute && !attribute.Mutable)
      throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
  }
}

/**
 * Applies attribute changes (UpdateUserAttributes, AdminUpdateUserAttributes) and saves the user.
 * A new email or phone number becomes unverified, or stays pending where the pool requires
 * verification before update, and gets a code when the pool auto-verifies it; unless the changes
 * themselves set `<name>_verified: true` (only administrators may), which verifies it at once. A
 * verification flag given alone is set as given. The codes go out after the user is saved
 * (`CustomMessage_UpdateUserAttribute`, for the triggers). Returns where they went.
 */
export async function applyAttributeChanges(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  changes: Record<string, string>,
  call: Omit<MessageCall, 'situation'> = {},
): Promise<CodeDeliveryDetails[]> {
  const toVerify: VerifiableAttribute[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (name.endsWith('_verified')) continue;
    if (!isVerifiable(name)) {
      user.attributes[name] = value;
      continue;
    }
    const verifiedNow = changes[`${name}_verified`] === 'true';
    if (user.attributes[name] === value && !user.pending?.[name]) continue;
    assertNotTaken(ctx.users, pool, user, name, value);
    if (!verifiedNow && changeWaitsForVerification(pool, user, name)) {
      user.pending = { ...user.pending, [name]: value };
    } else {
      user.attributes[name] = value;
      user.attributes[`${name}_verified`] = verifiedNow ? 'true' : 'false';
      if (user.pending) delete user.pending[name];
    }
    if (!verifiedNow && pool.config.AutoVerifiedAttributes?.includes(name)) toVerify.push(name);
  }
  for (const name of VERIFIABLE_ATTRIBUTES) {
    const flag = changes[`${name}_verified`];
    if (flag !== undefined && changes[name] === undefined) user.attributes[`${name}_verified`] = flag;
  }
  user.updatedAt = ctx.now();
  ctx.users.update(pool, user);
  const deliveries: CodeDeliveryDetails[] = [];
  for (const attribute of toVerify) {
    const delivery = await deliverCode(ctx, pool, user, {
      ...call,
      situation: 'UpdateUserAttribute',
      purpose: 'VERIFY_ATTRIBUTE',
      kind: 'VERIFY_ATTRIBUTE',
      attribute,
    });
    if (delivery) deliveries.push(delivery);
  }
  return deliveries;
}

/**
 * A username attribute (email or phone number) must not be another user's: checked up front for a
 * clear answer; the store's unique index on sign-in names is what holds under concurrency, and it
 * also refuses a verified alias another user holds (`AliasExistsException`).
 */
export function assertNotTaken(
  users: UserService,
  pool: Pool,
  user: User,
  name: string,
  value: string,
): void {
  if (name !== 'email' && name !== 'phone_number') return;
  if (!(pool.config.UsernameAttributes ?? []).includes(name)) return;
  const other = users.findBySignInKey(pool, name, value);
  if (other && other.username !== user.username) {
    throw new CognitoError('AliasExistsException', `An account with the given ${name} already exists.`);
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
