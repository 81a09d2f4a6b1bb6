import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { describeUser } from '../services/users.js';
import { ADMIN_USER, validate } from '../validation.js';

export const AdminGetUser: Target = (ctx, body) => {
  const { user } = adminUser(ctx, validate(body, ADMIN_USER));
  // AdminGetUser names the attributes `UserAttributes` where the user listings say `Attributes`.
  const { Attributes, ...described } = describeUser(user);
  return { ...described, UserAttributes: Attributes };
};
