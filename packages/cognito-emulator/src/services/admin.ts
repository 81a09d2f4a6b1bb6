import type { EmulatorContext } from '../context.js';
import type { Pool, User } from './model.js';
import { describeUser } from '../store/users.js';

/** The pool and user an admin operation names (`UserPoolId`, `Username`): user name, email or alias. */
export function adminUser(
  ctx: EmulatorContext,
  input: { UserPoolId: string; Username: string },
): { pool: Pool; user: User } {
  const pool = ctx.pools.getPool(input.UserPoolId);
  return { pool, user: ctx.users.getBySignInName(pool, input.Username) };
}

/** A user as the listings describe it, with only `attributesToGet` when given. */
export function listedUser(user: User, attributesToGet?: string[]) {
  const described = describeUser(user);
  if (!attributesToGet) return described;
  return { ...described, Attributes: described.Attributes.filter((a) => attributesToGet.includes(a.Name)) };
}
