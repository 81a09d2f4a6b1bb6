import type { Page } from '../cognito/page.js';
import type { WithClientMetadata } from '../auth/cognito-auth.types.js';

/** Inputs and results of `CognitoAdminService`: plain types, no SDK shapes. */

export type AdminUserStatus =
  | 'UNCONFIRMED'
  | 'CONFIRMED'
  | 'FORCE_CHANGE_PASSWORD'
  | 'RESET_REQUIRED'
  | 'ARCHIVED'
  | 'COMPROMISED'
  | 'UNKNOWN'
  | 'EXTERNAL_PROVIDER';

export interface AdminUser {
  /** The Cognito user name (the `sub` in pools that sign in with email). */
  username: string;
  sub: string;
  email: string | null;
  emailVerified: boolean;
  status: AdminUserStatus;
  enabled: boolean;
  createdAt: string | null;
  updatedAt: string | null;
  /** Every attribute by name, standard and custom. */
  attributes: Record<string, string>;
}

/**
 * `clientMetadata` goes to the pre sign-up trigger and to the custom message (or custom sender)
 * trigger of the invitation.
 */
export interface CreateUserInput extends WithClientMetadata {
  email: string;
  /** Default: Cognito generates one to the pool's policy and sends it in the invitation. */
  temporaryPassword?: string;
  attributes?: Record<string, string>;
  groups?: string[];
  /** Email the invitation (default true); false creates the user silently. */
  sendInvitation?: boolean;
}

export interface ListUsersInput {
  /** 1..60, default 60. */
  limit?: number;
  paginationToken?: string;
  /** Cognito's filter syntax: `email ^= "jo"`, `name = "Jane"`, `status = "Disabled"`, ... */
  filter?: string;
}

/** One page of the pool's users; `paginationToken` for the next (as `ListUsers` names it). */
export type UsersPage = Page<AdminUser, 'users', 'paginationToken'>;

/** One page of a group's members; `nextToken` for the next. */
export type GroupMembersPage = Page<AdminUser, 'users'>;

/** Which page of a listing: at most `limit` (1..60, default 60) items, after `nextToken`'s page. */
export interface PageInput {
  limit?: number;
  nextToken?: string;
}

export interface AdminGroup {
  name: string;
  description: string | null;
  precedence: number | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** One page of the pool's groups; `nextToken` for the next. */
export type GroupsPage = Page<AdminGroup, 'groups'>;

export interface CreateGroupInput {
  name: string;
  description?: string;
  precedence?: number;
}

export interface EmailTemplate {
  subject: string;
  /** HTML body. Verification: must contain `{####}`; invitation: `{username}` and `{####}`. */
  html: string;
}

export interface EmailTemplatesInput {
  verification?: EmailTemplate;
  invitation?: EmailTemplate;
}
