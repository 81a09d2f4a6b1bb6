import type { AttributeType, GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { toAttributeRecord } from '../cognito-attributes.js';
import type { AdminGroup, AdminUser, AdminUserStatus } from './cognito-admin.types.js';

/** What Cognito tells of a user besides its attributes (`UserType`, `AdminGetUser`'s output). */
interface UserMeta {
  UserStatus?: string;
  Enabled?: boolean;
  UserCreateDate?: Date;
  UserLastModifiedDate?: Date;
}

export function toUser(
  username: string | undefined,
  list: AttributeType[] | undefined,
  meta?: UserMeta,
): AdminUser {
  const attributes = toAttributeRecord(list);
  return {
    username: username ?? '',
    sub: attributes.sub ?? username ?? '',
    email: attributes.email ?? null,
    emailVerified: attributes.email_verified === 'true',
    status: (meta?.UserStatus ?? 'UNKNOWN') as AdminUserStatus,
    enabled: meta?.Enabled ?? true,
    createdAt: meta?.UserCreateDate?.toISOString() ?? null,
    updatedAt: meta?.UserLastModifiedDate?.toISOString() ?? null,
    attributes,
  };
}

/** A listed user (`UserType`). */
export const toListedUser = (user: { Username?: string; Attributes?: AttributeType[] } & UserMeta) =>
  toUser(user.Username, user.Attributes, user);

export function toGroup(group: GroupType): AdminGroup {
  return {
    name: group.GroupName ?? '',
    description: group.Description ?? null,
    precedence: group.Precedence ?? null,
    createdAt: group.CreationDate?.toISOString() ?? null,
    updatedAt: group.LastModifiedDate?.toISOString() ?? null,
  };
}
