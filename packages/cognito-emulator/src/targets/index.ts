import { AddUserPoolClientSecret } from './AddUserPoolClientSecret.js';
import { AdminAddUserToGroup } from './AdminAddUserToGroup.js';
import { AdminConfirmSignUp } from './AdminConfirmSignUp.js';
import { AdminCreateUser } from './AdminCreateUser.js';
import { AdminDeleteSoftwareToken } from './AdminDeleteSoftwareToken.js';
import { AdminDeleteUser } from './AdminDeleteUser.js';
import { AdminDeleteUserAttributes } from './AdminDeleteUserAttributes.js';
import { AdminDisableUser } from './AdminDisableUser.js';
import { AdminEnableUser } from './AdminEnableUser.js';
import { AdminForgetDevice } from './AdminForgetDevice.js';
import { AdminGetDevice } from './AdminGetDevice.js';
import { AdminGetUser } from './AdminGetUser.js';
import { AdminGetUserAuthFactors } from './AdminGetUserAuthFactors.js';
import { AdminInitiateAuth } from './AdminInitiateAuth.js';
import { AdminListDevices } from './AdminListDevices.js';
import { AdminListGroupsForUser } from './AdminListGroupsForUser.js';
import { AdminRemoveUserFromGroup } from './AdminRemoveUserFromGroup.js';
import { AdminResetUserPassword } from './AdminResetUserPassword.js';
import { AdminRespondToAuthChallenge } from './AdminRespondToAuthChallenge.js';
import { AdminSetUserMFAPreference } from './AdminSetUserMFAPreference.js';
import { AdminSetUserPassword } from './AdminSetUserPassword.js';
import { AdminUpdateDeviceStatus } from './AdminUpdateDeviceStatus.js';
import { AdminUpdateUserAttributes } from './AdminUpdateUserAttributes.js';
import { AdminUserGlobalSignOut } from './AdminUserGlobalSignOut.js';
import { AssociateSoftwareToken } from './AssociateSoftwareToken.js';
import { ChangePassword } from './ChangePassword.js';
import { CompleteWebAuthnRegistration } from './CompleteWebAuthnRegistration.js';
import { ConfirmDevice } from './ConfirmDevice.js';
import { ConfirmForgotPassword } from './ConfirmForgotPassword.js';
import { ConfirmSignUp } from './ConfirmSignUp.js';
import { CreateGroup } from './CreateGroup.js';
import { CreateResourceServer } from './CreateResourceServer.js';
import { CreateUserPool } from './CreateUserPool.js';
import { CreateUserPoolClient } from './CreateUserPoolClient.js';
import { CreateUserPoolDomain } from './CreateUserPoolDomain.js';
import { DeleteGroup } from './DeleteGroup.js';
import { DeleteResourceServer } from './DeleteResourceServer.js';
import { DeleteUser } from './DeleteUser.js';
import { DeleteUserPool } from './DeleteUserPool.js';
import { DeleteUserPoolClient } from './DeleteUserPoolClient.js';
import { DeleteUserPoolClientSecret } from './DeleteUserPoolClientSecret.js';
import { DeleteUserPoolDomain } from './DeleteUserPoolDomain.js';
import { DeleteWebAuthnCredential } from './DeleteWebAuthnCredential.js';
import { DescribeResourceServer } from './DescribeResourceServer.js';
import { DescribeUserPool } from './DescribeUserPool.js';
import { DescribeUserPoolClient } from './DescribeUserPoolClient.js';
import { DescribeUserPoolDomain } from './DescribeUserPoolDomain.js';
import { ForgetDevice } from './ForgetDevice.js';
import { ForgotPassword } from './ForgotPassword.js';
import { GetDevice } from './GetDevice.js';
import { GetGroup } from './GetGroup.js';
import { GetTokensFromRefreshToken } from './GetTokensFromRefreshToken.js';
import { GetUser } from './GetUser.js';
import { GetUserAttributeVerificationCode } from './GetUserAttributeVerificationCode.js';
import { GetUserAuthFactors } from './GetUserAuthFactors.js';
import { GetUserPoolMfaConfig } from './GetUserPoolMfaConfig.js';
import { GlobalSignOut } from './GlobalSignOut.js';
import { InitiateAuth } from './InitiateAuth.js';
import { ListDevices } from './ListDevices.js';
import { ListGroups } from './ListGroups.js';
import { ListResourceServers } from './ListResourceServers.js';
import { ListUserPoolClientSecrets } from './ListUserPoolClientSecrets.js';
import { ListUserPoolClients } from './ListUserPoolClients.js';
import { ListUserPools } from './ListUserPools.js';
import { ListUsers } from './ListUsers.js';
import { ListUsersInGroup } from './ListUsersInGroup.js';
import { ListWebAuthnCredentials } from './ListWebAuthnCredentials.js';
import { ResendConfirmationCode } from './ResendConfirmationCode.js';
import { RespondToAuthChallenge } from './RespondToAuthChallenge.js';
import { RevokeToken } from './RevokeToken.js';
import { SetUserMFAPreference } from './SetUserMFAPreference.js';
import { SetUserPoolMfaConfig } from './SetUserPoolMfaConfig.js';
import { SignUp } from './SignUp.js';
import { StartWebAuthnRegistration } from './StartWebAuthnRegistration.js';
import { UpdateDeviceStatus } from './UpdateDeviceStatus.js';
import { UpdateGroup } from './UpdateGroup.js';
import { UpdateResourceServer } from './UpdateResourceServer.js';
import { UpdateUserAttributes } from './UpdateUserAttributes.js';
import { UpdateUserPool } from './UpdateUserPool.js';
import { UpdateUserPoolClient } from './UpdateUserPoolClient.js';
import { UpdateUserPoolDomain } from './UpdateUserPoolDomain.js';
import { VerifySoftwareToken } from './VerifySoftwareToken.js';
import { VerifyUserAttribute } from './VerifyUserAttribute.js';
import type { Target } from './target.js';

/**
 * Every operation the emulator implements, by its `X-Amz-Target` name. A null-prototype, frozen
 * record: `constructor`, `toString` or `__proto__` are not operations. Look up with `findTarget`.
 * Each target declares for itself whether it needs a signed request.
 */
export const TARGETS: Readonly<Record<string, Target>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, Target>, {
    AddUserPoolClientSecret,
    AdminAddUserToGroup,
    AdminConfirmSignUp,
    AdminCreateUser,
    AdminDeleteSoftwareToken,
    AdminDeleteUser,
    AdminDeleteUserAttributes,
    AdminDisableUser,
    AdminEnableUser,
    AdminForgetDevice,
    AdminGetDevice,
    AdminGetUser,
    AdminGetUserAuthFactors,
    AdminInitiateAuth,
    AdminListDevices,
    AdminListGroupsForUser,
    AdminRemoveUserFromGroup,
    AdminResetUserPassword,
    AdminRespondToAuthChallenge,
    AdminSetUserMFAPreference,
    AdminSetUserPassword,
    AdminUpdateDeviceStatus,
    AdminUpdateUserAttributes,
    AdminUserGlobalSignOut,
    AssociateSoftwareToken,
    ChangePassword,
    CompleteWebAuthnRegistration,
    ConfirmDevice,
    ConfirmForgotPassword,
    ConfirmSignUp,
    CreateGroup,
    CreateResourceServer,
    CreateUserPool,
    CreateUserPoolClient,
    CreateUserPoolDomain,
    DeleteGroup,
    DeleteResourceServer,
    DeleteUser,
    DeleteUserPool,
    DeleteUserPoolClient,
    DeleteUserPoolClientSecret,
    DeleteUserPoolDomain,
    DeleteWebAuthnCredential,
    DescribeResourceServer,
    DescribeUserPool,
    DescribeUserPoolClient,
    DescribeUserPoolDomain,
    ForgetDevice,
    ForgotPassword,
    GetDevice,
    GetGroup,
    GetTokensFromRefreshToken,
    GetUser,
    GetUserAttributeVerificationCode,
    GetUserAuthFactors,
    GetUserPoolMfaConfig,
    GlobalSignOut,
    InitiateAuth,
    ListDevices,
    ListGroups,
    ListResourceServers,
    ListUserPoolClientSecrets,
    ListUserPoolClients,
    ListUserPools,
    ListUsers,
    ListUsersInGroup,
    ListWebAuthnCredentials,
    ResendConfirmationCode,
    RespondToAuthChallenge,
    RevokeToken,
    SetUserMFAPreference,
    SetUserPoolMfaConfig,
    SignUp,
    StartWebAuthnRegistration,
    UpdateDeviceStatus,
    UpdateGroup,
    UpdateResourceServer,
    UpdateUserAttributes,
    UpdateUserPool,
    UpdateUserPoolClient,
    UpdateUserPoolDomain,
    VerifySoftwareToken,
    VerifyUserAttribute,
  }),
);

/** The operation an `X-Amz-Target` names: only the emulator's own operations, nothing inherited. */
export function findTarget(name: string): Target | undefined {
  return Object.hasOwn(TARGETS, name) ? TARGETS[name] : undefined;
}

/** Operations that need SigV4-signed requests on AWS (admin and management), from their targets. */
export const SIGNED_TARGETS: ReadonlySet<string> = new Set(
  Object.keys(TARGETS).filter((name) => TARGETS[name]!.signed),
);
