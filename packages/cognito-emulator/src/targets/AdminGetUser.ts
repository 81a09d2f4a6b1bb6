import type { Target } from '../context.js';
import { adminUser } from '../services/admin.js';
import { attributeList } from '../services/users.js';
import { ADMIN_USER, validate } from '../validation.js';

export const AdminGetUser: Target = (ctx, body) => {
  const { user } = adminUser(ctx, validate(body, ADMIN_USER));
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.updatedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
};
