import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminForgetDeviceCommand,
  AdminGetUserAuthFactorsCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  paginateAdminListGroupsForUser,
  paginateListUsers,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Inject, Injectable } from '@nestjs/common';
import { toAttributeList } from '../cognito-attributes.js';
import { eachItem } from '../cognito/cognito-call.js';
import { CognitoGateway } from '../cognito/cognito-gateway.js';
import { type Page, toPage } from '../cognito/page.js';
import { toDeviceInfo } from '../auth/flows/device.flow.js';
import type {
  DeviceInfo,
  MfaPreferences,
  MfaPreferencesInput,
  UserAuthFactors,
  WithClientMetadata,
} from '../auth/cognito-auth.types.js';
import { clientMetadataField } from '../cognito/client-metadata.js';
import { toPreferenceRequest, toPreferences } from '../auth/flows/mfa.flow.js';
import { toAuthFactors } from '../auth/flows/passwordless.flow.js';
import { CognitoException } from '../errors/cognito.exception.js';
import { revokeUserTokens } from '../revocation/revoke-user.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../revocation/revocation.store.js';
import { toGroup, toListedUser, toUser } from './admin-results.js';
import type {
  AdminGroup,
  AdminUser,
  CreateGroupInput,
  CreateUserInput,
  EmailTemplatesInput,
  GroupMembersPage,
  GroupsPage,
  ListUsersInput,
  PageInput,
  UsersPage,
} from './cognito-admin.types.js';
import { templateProblems, withTemplates } from './email-templates.js';

/** The most items Cognito gives in one page of any of these listings. */
const MAX_PAGE = 60;

/**
 * What operators do to the users and groups of the configured pool, through Cognito's admin API
 * (SigV4-signed: credentials from the AWS default provider chain, or `credentials`). Every method
 * returns its typed result or throws a `CognitoException`.
 */
@Injectable()
export class CognitoAdminService {
  constructor(
    private readonly cognito: CognitoGateway,
    @Inject(COGNITO_REVOCATION_STORE) private readonly revocations: RevocationStore,
  ) {}

  /**
   * Creates a user who signs in with its email: FORCE_CHANGE_PASSWORD until it chooses a password
   * (the NEW_PASSWORD_REQUIRED challenge), email marked verified, in the given groups. Invited by
   * email unless `sendInvitation` is false.
   */
  async createUser(input: CreateUserInput): Promise<AdminUser> {
    const attributes = { ...input.attributes, email: input.email, email_verified: 'true' };
    const output = await this.cognito.call((client) =>
      client.send(
        new AdminCreateUserCommand({
          ...this.cognito.pool,
          Username: input.email,
          UserAttributes: toAttributeList(attributes),
          DesiredDeliveryMediums: ['EMAIL'],
          ...(input.temporaryPassword ? { TemporaryPassword: input.temporaryPassword } : {}),
          ...(input.sendInvitation === false ? { MessageAction: 'SUPPRESS' } : {}),
          ...clientMetadataField(input.clientMetadata),
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
    const output = await this.cognito.call((client) =>
      client.send(new AdminGetUserCommand({ ...this.cognito.pool, Username: username })),
    );
    return toUser(output.Username, output.UserAttributes, output);
  }

  /** One page of users (at most 60), optionally filtered with Cognito's filter syntax. */
  async listUsers(input: ListUsersInput = {}): Promise<UsersPage> {
    const output = await this.cognito.call((client) =>
      client.send(
        new ListUsersCommand({
          ...this.cognito.pool,
          Limit: input.limit ?? MAX_PAGE,
          ...(input.paginationToken ? { PaginationToken: input.paginationToken } : {}),
          ...(input.filter ? { Filter: input.filter } : {}),
        }),
      ),
    );
    return toPage('users', (output.Users ?? []).map(toListedUser), 'paginationToken', output.PaginationToken);
  }

  /** Every user (optionally filtered), page after page: `for await (const user of admin.listAllUsers())`. */
  listAllUsers(filter?: string): AsyncGenerator<AdminUser> {
    const pages = paginateListUsers(
      { client: this.cognito.client, pageSize: MAX_PAGE },
      { ...this.cognito.pool, ...(filter ? { Filter: filter } : {}) },
    );
    return eachItem(pages, (page) => (page.Users ?? []).map(toListedUser));
  }

  /**
   * Changes standard and custom attributes (verification flags included); returns the user after.
   * `clientMetadata` goes to the custom message (or custom sender) trigger of a verification code.
   */
  async updateUser(
    username: string,
    attributes: Record<string, string>,
    options: WithClientMetadata = {},
  ): Promise<AdminUser> {
    await this.cognito.call((client) =>
      client.send(
        new AdminUpdateUserAttributesCommand({
          ...this.cognito.pool,
          Username: username,
          UserAttributes: toAttributeList(attributes),
          ...clientMetadataField(options.clientMetadata),
        }),
      ),
    );
    return this.getUser(attributes.email ?? username);
  }

  async deleteUserAttributes(username: string, names: string[]): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new AdminDeleteUserAttributesCommand({
          ...this.cognito.pool,
          Username: username,
          UserAttributeNames: names,
        }),
      ),
    );
  }

  /** Deletes a user; its tokens are refused by the guard at once. */
  async deleteUser(username: string): Promise<void> {
    const sub = await this.subOf(username);
    await this.cognito.call((client) =>
      client.send(new AdminDeleteUserCommand({ ...this.cognito.pool, Username: username })),
    );
    await revokeUserTokens(this.revocations, sub);
  }

  /** Deactivates a user: no sign-in, no refresh; its tokens are refused by the guard at once. */
  async disableUser(username: string): Promise<void> {
    const sub = await this.subOf(username);
    await this.cognito.call((client) =>
      client.send(new AdminDisableUserCommand({ ...this.cognito.pool, Username: username })),
    );
    await revokeUserTokens(this.revocations, sub);
  }

  async enableUser(username: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(new AdminEnableUserCommand({ ...this.cognito.pool, Username: username })),
    );
  }

  /**
   * The user must reset its password (a code is emailed); sign-in answers 403 until then.
   * `clientMetadata` goes to the custom message (or custom sender) trigger of the code.
   */
  async resetPassword(username: string, options: WithClientMetadata = {}): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new AdminResetUserPasswordCommand({
          ...this.cognito.pool,
          Username: username,
          ...clientMetadataField(options.clientMetadata),
        }),
      ),
    );
  }

  /** Sets a password: permanent, or temporary (the user must choose another at its next sign-in). */
  async setPassword(username: string, password: string, permanent: boolean): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new AdminSetUserPasswordCommand({
          ...this.cognito.pool,
          Username: username,
          Password: password,
          Permanent: permanent,
        }),
      ),
    );
  }

  /** Confirms a user's sign-up without its code; `clientMetadata` goes to the post confirmation trigger. */
  async confirmSignUp(username: string, options: WithClientMetadata = {}): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new AdminConfirmSignUpCommand({
          ...this.cognito.pool,
          Username: username,
          ...clientMetadataField(options.clientMetadata),
        }),
      ),
    );
  }

  /**
   * Signs the user out everywhere: Cognito revokes its refresh tokens, and the revocation store
   * learns of it so that the guard refuses its access tokens at once.
   */
  async globalSignOut(username: string): Promise<void> {
    const sub = await this.subOf(username);
    await this.cognito.call((client) =>
      client.send(new AdminUserGlobalSignOutCommand({ ...this.cognito.pool, Username: username })),
    );
    await revokeUserTokens(this.revocations, sub);
  }

  /** Adds the user to several groups at once. */
  async addToGroups(username: string, groups: string[]): Promise<void> {
    await Promise.all(
      [...new Set(groups)].map((GroupName) =>
        this.cognito.call((client) =>
          client.send(
            new AdminAddUserToGroupCommand({ ...this.cognito.pool, Username: username, GroupName }),
          ),
        ),
      ),
    );
  }

  async removeFromGroup(username: string, group: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new AdminRemoveUserFromGroupCommand({ ...this.cognito.pool, Username: username, GroupName: group }),
      ),
    );
  }

  /** Every group of the user. */
  async listGroupsForUser(username: string): Promise<AdminGroup[]> {
    const pages = paginateAdminListGroupsForUser(
      { client: this.cognito.client, pageSize: MAX_PAGE },
      { ...this.cognito.pool, Username: username },
    );
    const groups: AdminGroup[] = [];
    for await (const group of eachItem(pages, (page) => (page.Groups ?? []).map(toGroup))) groups.push(group);
    return groups;
  }

  /** A user's second factors: those enabled and the preferred one (AdminGetUser's MFA settings). */
  async getUserMfaPreferences(username: string): Promise<MfaPreferences> {
    const output = await this.cognito.call((client) =>
      client.send(new AdminGetUserCommand({ ...this.cognito.pool, Username: username })),
    );
    return toPreferences(output.UserMFASettingList, output.PreferredMfaSetting);
  }

  /**
   * A user's ways in (AdminGetUserAuthFactors): the first factors it can sign in with where the
   * pool allows them (a password, a verified email or phone for codes, a passkey), and its second
   * factors.
   */
  async userAuthFactors(username: string): Promise<UserAuthFactors> {
    const output = await this.cognito.call((client) =>
      client.send(new AdminGetUserAuthFactorsCommand({ ...this.cognito.pool, Username: username })),
    );
    return toAuthFactors(output);
  }

  /**
   * Turns a user's second factors on or off and sets the preferred one (AdminSetUserMFAPreference;
   * factors not named stay as they are). A factor the user cannot use (no verified app, phone or
   * email) is 400 `INVALID_PARAMETER`.
   */
  async setUserMfaPreferences(username: string, input: MfaPreferencesInput): Promise<void> {
    const settings = toPreferenceRequest(input);
    await this.cognito.call((client) =>
      client.send(
        new AdminSetUserMFAPreferenceCommand({ ...this.cognito.pool, Username: username, ...settings }),
      ),
    );
  }

  /** A user's devices (where the pool tracks devices), one page at a time (`AdminListDevices`). */
  async listUserDevices(
    username: string,
    input: PageInput = {},
  ): Promise<Page<DeviceInfo, 'devices', 'nextToken'>> {
    const output = await this.cognito.call((client) =>
      client.send(
        new AdminListDevicesCommand({
          ...this.cognito.pool,
          Username: username,
          ...(input.limit ? { Limit: input.limit } : {}),
          ...(input.nextToken ? { PaginationToken: input.nextToken } : {}),
        }),
      ),
    );
    return toPage('devices', (output.Devices ?? []).map(toDeviceInfo), 'nextToken', output.PaginationToken);
  }

  /** Forgets one of a user's devices: it signs in as a new device from then on. */
  async forgetUserDevice(username: string, deviceKey: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(
        new AdminForgetDeviceCommand({ ...this.cognito.pool, Username: username, DeviceKey: deviceKey }),
      ),
    );
  }

  async createGroup(input: CreateGroupInput): Promise<AdminGroup> {
    const output = await this.cognito.call((client) =>
      client.send(
        new CreateGroupCommand({
          ...this.cognito.pool,
          GroupName: input.name,
          ...(input.description !== undefined ? { Description: input.description } : {}),
          ...(input.precedence !== undefined ? { Precedence: input.precedence } : {}),
        }),
      ),
    );
    return toGroup(output.Group ?? { GroupName: input.name });
  }

  async deleteGroup(name: string): Promise<void> {
    await this.cognito.call((client) =>
      client.send(new DeleteGroupCommand({ ...this.cognito.pool, GroupName: name })),
    );
  }

  /** One page of the pool's groups. */
  async listGroups(input: PageInput = {}): Promise<GroupsPage> {
    const output = await this.cognito.call((client) =>
      client.send(new ListGroupsCommand({ ...this.cognito.pool, ...pageOf(input) })),
    );
    return toPage('groups', (output.Groups ?? []).map(toGroup), 'nextToken', output.NextToken);
  }

  /** One page of a group's members. */
  async listUsersInGroup(group: string, input: PageInput = {}): Promise<GroupMembersPage> {
    const output = await this.cognito.call((client) =>
      client.send(new ListUsersInGroupCommand({ ...this.cognito.pool, GroupName: group, ...pageOf(input) })),
    );
    return toPage('users', (output.Users ?? []).map(toListedUser), 'nextToken', output.NextToken);
  }

  /**
   * Changes the verification and invitation emails (subject and HTML). `UpdateUserPool` resets every
   * setting it is not given, so the pool is described first and every other setting sent back as it was.
   */
  async updateEmailTemplates(input: EmailTemplatesInput): Promise<void> {
    const problems = templateProblems(input);
    if (problems.length > 0) throw CognitoException.of('VALIDATION_FAILED', problems);
    const { UserPool } = await this.cognito.call((client) =>
      client.send(new DescribeUserPoolCommand(this.cognito.pool)),
    );
    const update = withTemplates(UserPool ?? {}, this.cognito.options.userPoolId, input);
    await this.cognito.call((client) => client.send(new UpdateUserPoolCommand(update)));
  }

  private async subOf(username: string): Promise<string> {
    return (await this.getUser(username)).sub;
  }
}

/** `Limit` and `NextToken` of a `PageInput`. */
const pageOf = (input: PageInput) => ({
  Limit: input.limit ?? MAX_PAGE,
  ...(input.nextToken ? { NextToken: input.nextToken } : {}),
});
