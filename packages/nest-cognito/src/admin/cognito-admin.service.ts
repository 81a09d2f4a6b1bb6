import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  DeleteGroupCommand,
  DescribeUserPoolCommand,
  type GroupType,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UpdateUserPoolCommand,
  type UpdateUserPoolCommandInput,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { toAttributeList, toAttributeRecord } from '../cognito-attributes.js';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { callCognito, CognitoException } from '../errors/cognito.exception.js';
import { revokeUserTokens, untilSecond } from '../revocation/revoke-user.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../revocation/revocation.store.js';
import type {
  AdminGroup,
  AdminUser,
  AdminUserStatus,
  CreateGroupInput,
  CreateUserInput,
  EmailTemplatesInput,
  GroupsPage,
  ListUsersInput,
  UsersPage,
} from './cognito-admin.types.js';

/**
 * What operators do to the users and groups of the configured pool, through Cognito's admin API
 * (SigV4-signed: credentials from the AWS default provider chain, or `credentials`). Every method
 * returns its typed result or throws a `CognitoException`.
 */
@Injectable()
export class CognitoAdminService {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    @Inject(COGNITO_OPTIONS) private readonly options: ResolvedCognitoOptions,
    @Inject(COGNITO_REVOCATION_STORE) private readonly revocations: RevocationStore,
  ) {}

  private get pool() {
    return { UserPoolId: this.options.userPoolId };
  }

  /**
   * Creates a user who signs in with its email: FORCE_CHANGE_PASSWORD until it chooses a password
   * (the NEW_PASSWORD_REQUIRED challenge), email marked verified, in the given groups. Invited by
   * email unless `sendInvitation` is false.
   */
  async createUser(input: CreateUserInput): Promise<AdminUser> {
    const attributes = { ...input.attributes, email: input.email, email_verified: 'true' };
    const output = await this.call(() =>
      this.client.send(
        new AdminCreateUserCommand({
          ...this.pool,
          Username: input.email,
          UserAttributes: toAttributeList(attributes),
          DesiredDeliveryMediums: ['EMAIL'],
          ...(input.temporaryPassword ? { TemporaryPassword: input.temporaryPassword } : {}),
          ...(input.sendInvitation === false ? { MessageAction: 'SUPPRESS' } : {}),
        }),
      ),
    );
    const user = toUser(output.User?.Username, output.User?.Attributes, output.User);
    if (input.groups?.length) await this.addToGroups(user.username, input.groups);
    return user;
  }

  /** `createUser` with the invitation sent (the default). */
  inviteUser(input: Omit<CreateUserInput, 'sendInvitation'>): Promise<AdminUser> {
    return this.createUser({ ...input, sendInvitation: true });
  }

  /** A user by user name or email; 404 `USER_NOT_FOUND` when there is none. */
  async getUser(username: string): Promise<AdminUser> {
    const output = await this.call(() =>
      this.client.send(new AdminGetUserCommand({ ...this.pool, Username: username })),
    );
    return toUser(output.Username, output.UserAttributes, output);
  }

  /** One page of users (at most 60), optionally filtered with Cognito's filter syntax. */
  async listUsers(input: ListUsersInput = {}): Promise<UsersPage> {
    const output = await this.call(() =>
      this.client.send(
        new ListUsersCommand({
          ...this.pool,
          Limit: input.limit ?? 60,
          ...(input.paginationToken ? { PaginationToken: input.paginationToken } : {}),
          ...(input.filter ? { Filter: input.filter } : {}),
        }),
      ),
    );
    return {
      users: (output.Users ?? []).map((u) => toUser(u.Username, u.Attributes, u)),
      ...(output.PaginationToken ? { paginationToken: output.PaginationToken } : {}),
    };
  }

  /** Every user (optionally filtered), page after page: `for await (const user of admin.listAllUsers())`. */
  async *listAllUsers(filter?: string): AsyncGenerator<AdminUser> {
    let paginationToken: string | undefined;
    do {
      const page = await this.listUsers({
        limit: 60,
        ...(paginationToken ? { paginationToken } : {}),
        ...(filter ? { filter } : {}),
      });
      yield* page.users;
      paginationToken = page.paginationToken;
    } while (paginationToken);
  }

  /** Changes standard and custom attributes (verification flags included); returns the user after. */
  async updateUser(username: string, attributes: Record<string, string>): Promise<AdminUser> {
    await this.call(() =>
      this.client.send(
        new AdminUpdateUserAttributesCommand({
          ...this.pool,
          Username: username,
          UserAttributes: toAttributeList(attributes),
        }),
      ),
    );
    return this.getUser(attributes.email ?? username);
  }

  async deleteUserAttributes(username: string, names: string[]): Promise<void> {
    await this.call(() =>
      this.client.send(
        new AdminDeleteUserAttributesCommand({ ...this.pool, Username: username, UserAttributeNames: names }),
      ),
    );
  }

  async deleteUser(username: string): Promise<void> {
    const sub = await this.subOf(username);
    await this.call(() => this.client.send(new AdminDeleteUserCommand({ ...this.pool, Username: username })));
    await revokeUserTokens(this.revocations, sub);
  }

  /** Deactivates a user: no sign-in, no refresh; its tokens are refused by the guard at once. */
  async disableUser(username: string): Promise<void> {
    const sub = await this.subOf(username);
    await this.call(() =>
      this.client.send(new AdminDisableUserCommand({ ...this.pool, Username: username })),
    );
    await revokeUserTokens(this.revocations, sub);
  }

  async enableUser(username: string): Promise<void> {
    await this.call(() => this.client.send(new AdminEnableUserCommand({ ...this.pool, Username: username })));
  }

  /** The user must reset its password (a code is emailed); sign-in answers 403 until then. */
  async resetPassword(username: string): Promise<void> {
    await this.call(() =>
      this.client.send(new AdminResetUserPasswordCommand({ ...this.pool, Username: username })),
    );
  }

  /** Sets a password: permanent, or temporary (the user must choose another at its next sign-in). */
  async setPassword(username: string, password: string, permanent: boolean): Promise<void> {
    await this.call(() =>
      this.client.send(
        new AdminSetUserPasswordCommand({
          ...this.pool,
          Username: username,
          Password: password,
          Permanent: permanent,
        }),
      ),
    );
  }

  async confirmSignUp(username: string): Promise<void> {
    await this.call(() =>
      this.client.send(new AdminConfirmSignUpCommand({ ...this.pool, Username: username })),
    );
  }

  /**
   * Signs the user out everywhere: Cognito revokes its refresh tokens, and the revocation store
   * learns of it so that the guard refuses its access tokens at once.
   */
  async globalSignOut(username: string): Promise<void> {
    const sub = await this.subOf(username);
    await this.call(() =>
      this.client.send(new AdminUserGlobalSignOutCommand({ ...this.pool, Username: username })),
    );
    await untilSecond(await revokeUserTokens(this.revocations, sub));
  }

  /** Adds the user to several groups at once. */
  async addToGroups(username: string, groups: string[]): Promise<void> {
    await Promise.all(
      [...new Set(groups)].map((GroupName) =>
        this.call(() =>
          this.client.send(new AdminAddUserToGroupCommand({ ...this.pool, Username: username, GroupName })),
        ),
      ),
    );
  }

  async removeFromGroup(username: string, group: string): Promise<void> {
    await this.call(() =>
      this.client.send(
        new AdminRemoveUserFromGroupCommand({ ...this.pool, Username: username, GroupName: group }),
      ),
    );
  }

  /** Every group of the user. */
  async listGroupsForUser(username: string): Promise<AdminGroup[]> {
    const groups: AdminGroup[] = [];
    let NextToken: string | undefined;
    do {
      const output = await this.call(() =>
        this.client.send(
          new AdminListGroupsForUserCommand({
            ...this.pool,
            Username: username,
            Limit: 60,
            ...(NextToken ? { NextToken } : {}),
          }),
        ),
      );
      groups.push(...(output.Groups ?? []).map(toGroup));
      NextToken = output.NextToken;
    } while (NextToken);
    return groups;
  }

  async createGroup(input: CreateGroupInput): Promise<AdminGroup> {
    const output = await this.call(() =>
      this.client.send(
        new CreateGroupCommand({
          ...this.pool,
          GroupName: input.name,
          ...(input.description !== undefined ? { Description: input.description } : {}),
          ...(input.precedence !== undefined ? { Precedence: input.precedence } : {}),
        }),
      ),
    );
    return toGroup(output.Group ?? { GroupName: input.name });
  }

  async deleteGroup(name: string): Promise<void> {
    await this.call(() => this.client.send(new DeleteGroupCommand({ ...this.pool, GroupName: name })));
  }

  async listGroups(input: { limit?: number; nextToken?: string } = {}): Promise<GroupsPage> {
    const output = await this.call(() =>
      this.client.send(
        new ListGroupsCommand({
          ...this.pool,
          Limit: input.limit ?? 60,
          ...(input.nextToken ? { NextToken: input.nextToken } : {}),
        }),
      ),
    );
    return {
      groups: (output.Groups ?? []).map(toGroup),
      ...(output.NextToken ? { nextToken: output.NextToken } : {}),
    };
  }

  async listUsersInGroup(
    group: string,
    input: { limit?: number; nextToken?: string } = {},
  ): Promise<UsersPage & { nextToken?: string }> {
    const output = await this.call(() =>
      this.client.send(
        new ListUsersInGroupCommand({
          ...this.pool,
          GroupName: group,
          Limit: input.limit ?? 60,
          ...(input.nextToken ? { NextToken: input.nextToken } : {}),
        }),
      ),
    );
    return {
      users: (output.Users ?? []).map((u) => toUser(u.Username, u.Attributes, u)),
      ...(output.NextToken ? { nextToken: output.NextToken } : {}),
    };
  }

  /**
   * Changes the verification and invitation emails (subject and HTML). `UpdateUserPool` resets every
   * setting it is not given, so the pool is described first and every other setting sent back as it was.
   */
  async updateEmailTemplates(input: EmailTemplatesInput): Promise<void> {
    const problems: string[] = [];
    if (!input.verification && !input.invitation) {
      problems.push('verification or invitation is required (at least one template)');
    }
    if (input.verification && !input.verification.html.includes('{####}')) {
      problems.push('verification.html must contain the {####} placeholder (the code)');
    }
    if (
      input.invitation &&
      !(input.invitation.html.includes('{####}') && input.invitation.html.includes('{username}'))
    ) {
      problems.push('invitation.html must contain the {username} and {####} placeholders');
    }
    if (problems.length > 0)
      throw new CognitoException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', problems);
    const { UserPool } = await this.call(() => this.client.send(new DescribeUserPoolCommand(this.pool)));
    const update = updatableSettings(UserPool ?? {});
    update.UserPoolId = this.options.userPoolId;
    if (input.verification) {
      update.VerificationMessageTemplate = {
        ...update.VerificationMessageTemplate,
        DefaultEmailOption: 'CONFIRM_WITH_CODE',
        EmailSubject: input.verification.subject,
        EmailMessage: input.verification.html,
      };
    }
    if (input.invitation) {
      update.AdminCreateUserConfig = {
        ...update.AdminCreateUserConfig,
        InviteMessageTemplate: {
          ...update.AdminCreateUserConfig?.InviteMessageTemplate,
          EmailSubject: input.invitation.subject,
          EmailMessage: input.invitation.html,
        },
      };
    }
    await this.call(() => this.client.send(new UpdateUserPoolCommand(update)));
  }

  private async subOf(username: string): Promise<string> {
    return (await this.getUser(username)).sub;
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    return callCognito(request);
  }
}

/** The settings of a described pool that UpdateUserPool takes, as they are (nothing reset). */
function updatableSettings(pool: UserPoolType): UpdateUserPoolCommandInput {
  const keys = [
    'Policies',
    'DeletionProtection',
    'LambdaConfig',
    'AutoVerifiedAttributes',
    'SmsVerificationMessage',
    'VerificationMessageTemplate',
    'SmsAuthenticationMessage',
    'UserAttributeUpdateSettings',
    'MfaConfiguration',
    'DeviceConfiguration',
    'EmailConfiguration',
    'SmsConfiguration',
    'UserPoolTags',
    'AdminCreateUserConfig',
    'UserPoolAddOns',
    'AccountRecoverySetting',
    'UserPoolTier',
  ] as const;
  const update: Record<string, unknown> = {};
  for (const key of keys) if (pool[key] !== undefined) update[key] = pool[key];
  // Deprecated since the template exists; a stale value would contradict it.
  const template = update.VerificationMessageTemplate as Record<string, unknown> | undefined;
  if (template) delete template.SMSMessage;
  return update as unknown as UpdateUserPoolCommandInput;
}

function toUser(
  username: string | undefined,
  list: AttributeType[] | undefined,
  meta:
    | { UserStatus?: string; Enabled?: boolean; UserCreateDate?: Date; UserLastModifiedDate?: Date }
    | undefined,
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

function toGroup(group: GroupType): AdminGroup {
  return {
    name: group.GroupName ?? '',
    description: group.Description ?? null,
    precedence: group.Precedence ?? null,
    createdAt: group.CreationDate?.toISOString() ?? null,
    updatedAt: group.LastModifiedDate?.toISOString() ?? null,
  };
}
