/**
 * The JSON type of every input member of every implemented operation, derived from the AWS SDK's
 * schemas (the Smithy model). Generated: do not edit. `test/wire-model.test.ts` fails when it
 * drifts from the SDK; regenerate with
 * `WRITE_WIRE_MODEL=1 npx vitest run packages/cognito-emulator/test/wire-model.test.ts`.
 */
export type WireType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'timestamp'
  | 'blob'
  | 'document'
  | { list: WireType }
  | { map: WireType }
  | { structure: string };

export interface WireModel {
  /** The input structure of each operation. */
  operations: Record<string, string>;
  /** Every structure an input reaches, member by member. */
  structures: Record<string, Record<string, WireType>>;
}

export const WIRE_MODEL: WireModel = {
  operations: {
    AddUserPoolClientSecret: 'AddUserPoolClientSecretRequest',
    AdminAddUserToGroup: 'AdminAddUserToGroupRequest',
    AdminConfirmSignUp: 'AdminConfirmSignUpRequest',
    AdminCreateUser: 'AdminCreateUserRequest',
    AdminDeleteSoftwareToken: 'AdminDeleteSoftwareTokenRequest',
    AdminDeleteUser: 'AdminDeleteUserRequest',
    AdminDeleteUserAttributes: 'AdminDeleteUserAttributesRequest',
    AdminDisableUser: 'AdminDisableUserRequest',
    AdminEnableUser: 'AdminEnableUserRequest',
    AdminForgetDevice: 'AdminForgetDeviceRequest',
    AdminGetDevice: 'AdminGetDeviceRequest',
    AdminGetUser: 'AdminGetUserRequest',
    AdminGetUserAuthFactors: 'AdminGetUserAuthFactorsRequest',
    AdminInitiateAuth: 'AdminInitiateAuthRequest',
    AdminListDevices: 'AdminListDevicesRequest',
    AdminListGroupsForUser: 'AdminListGroupsForUserRequest',
    AdminRemoveUserFromGroup: 'AdminRemoveUserFromGroupRequest',
    AdminResetUserPassword: 'AdminResetUserPasswordRequest',
    AdminRespondToAuthChallenge: 'AdminRespondToAuthChallengeRequest',
    AdminSetUserMFAPreference: 'AdminSetUserMFAPreferenceRequest',
    AdminSetUserPassword: 'AdminSetUserPasswordRequest',
    AdminUpdateDeviceStatus: 'AdminUpdateDeviceStatusRequest',
    AdminUpdateUserAttributes: 'AdminUpdateUserAttributesRequest',
    AdminUserGlobalSignOut: 'AdminUserGlobalSignOutRequest',
    AssociateSoftwareToken: 'AssociateSoftwareTokenRequest',
    ChangePassword: 'ChangePasswordRequest',
    CompleteWebAuthnRegistration: 'CompleteWebAuthnRegistrationRequest',
    ConfirmDevice: 'ConfirmDeviceRequest',
    ConfirmForgotPassword: 'ConfirmForgotPasswordRequest',
    ConfirmSignUp: 'ConfirmSignUpRequest',
    CreateGroup: 'CreateGroupRequest',
    CreateResourceServer: 'CreateResourceServerRequest',
    CreateUserPool: 'CreateUserPoolRequest',
    CreateUserPoolClient: 'CreateUserPoolClientRequest',
    CreateUserPoolDomain: 'CreateUserPoolDomainRequest',
    DeleteGroup: 'DeleteGroupRequest',
    DeleteResourceServer: 'DeleteResourceServerRequest',
    DeleteUser: 'DeleteUserRequest',
    DeleteUserPool: 'DeleteUserPoolRequest',
    DeleteUserPoolClient: 'DeleteUserPoolClientRequest',
    DeleteUserPoolClientSecret: 'DeleteUserPoolClientSecretRequest',
    DeleteUserPoolDomain: 'DeleteUserPoolDomainRequest',
    DeleteWebAuthnCredential: 'DeleteWebAuthnCredentialRequest',
    DescribeResourceServer: 'DescribeResourceServerRequest',
    DescribeUserPool: 'DescribeUserPoolRequest',
    DescribeUserPoolClient: 'DescribeUserPoolClientRequest',
    DescribeUserPoolDomain: 'DescribeUserPoolDomainRequest',
    ForgetDevice: 'ForgetDeviceRequest',
    ForgotPassword: 'ForgotPasswordRequest',
    GetDevice: 'GetDeviceRequest',
    GetGroup: 'GetGroupRequest',
    GetTokensFromRefreshToken: 'GetTokensFromRefreshTokenRequest',
    GetUser: 'GetUserRequest',
    GetUserAttributeVerificationCode: 'GetUserAttributeVerificationCodeRequest',
    GetUserAuthFactors: 'GetUserAuthFactorsRequest',
    GetUserPoolMfaConfig: 'GetUserPoolMfaConfigRequest',
    GlobalSignOut: 'GlobalSignOutRequest',
    InitiateAuth: 'InitiateAuthRequest',
    ListDevices: 'ListDevicesRequest',
    ListGroups: 'ListGroupsRequest',
    ListResourceServers: 'ListResourceServersRequest',
    ListUserPoolClientSecrets: 'ListUserPoolClientSecretsRequest',
    ListUserPoolClients: 'ListUserPoolClientsRequest',
    ListUserPools: 'ListUserPoolsRequest',
    ListUsers: 'ListUsersRequest',
    ListUsersInGroup: 'ListUsersInGroupRequest',
    ListWebAuthnCredentials: 'ListWebAuthnCredentialsRequest',
    ResendConfirmationCode: 'ResendConfirmationCodeRequest',
    RespondToAuthChallenge: 'RespondToAuthChallengeRequest',
    RevokeToken: 'RevokeTokenRequest',
    SetUserMFAPreference: 'SetUserMFAPreferenceRequest',
    SetUserPoolMfaConfig: 'SetUserPoolMfaConfigRequest',
    SignUp: 'SignUpRequest',
    StartWebAuthnRegistration: 'StartWebAuthnRegistrationRequest',
    UpdateDeviceStatus: 'UpdateDeviceStatusRequest',
    UpdateGroup: 'UpdateGroupRequest',
    UpdateResourceServer: 'UpdateResourceServerRequest',
    UpdateUserAttributes: 'UpdateUserAttributesRequest',
    UpdateUserPool: 'UpdateUserPoolRequest',
    UpdateUserPoolClient: 'UpdateUserPoolClientRequest',
    UpdateUserPoolDomain: 'UpdateUserPoolDomainRequest',
    VerifySoftwareToken: 'VerifySoftwareTokenRequest',
    VerifyUserAttribute: 'VerifyUserAttributeRequest',
  },
  structures: {
    AddUserPoolClientSecretRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
      ClientSecret: 'string',
    },
    AdminAddUserToGroupRequest: {
      UserPoolId: 'string',
      Username: 'string',
      GroupName: 'string',
    },
    AdminConfirmSignUpRequest: {
      UserPoolId: 'string',
      Username: 'string',
      ClientMetadata: {
        map: 'string',
      },
    },
    AdminCreateUserRequest: {
      UserPoolId: 'string',
      Username: 'string',
      UserAttributes: {
        list: {
          structure: 'AttributeType',
        },
      },
      ValidationData: {
        list: {
          structure: 'AttributeType',
        },
      },
      TemporaryPassword: 'string',
      ForceAliasCreation: 'boolean',
      MessageAction: 'string',
      DesiredDeliveryMediums: {
        list: 'string',
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    AttributeType: {
      Name: 'string',
      Value: 'string',
    },
    AdminDeleteSoftwareTokenRequest: {
      UserPoolId: 'string',
      Username: 'string',
    },
    AdminDeleteUserRequest: {
      UserPoolId: 'string',
      Username: 'string',
    },
    AdminDeleteUserAttributesRequest: {
      UserPoolId: 'string',
      Username: 'string',
      UserAttributeNames: {
        list: 'string',
      },
    },
    AdminDisableUserRequest: {
      UserPoolId: 'string',
      Username: 'string',
    },
    AdminEnableUserRequest: {
      UserPoolId: 'string',
      Username: 'string',
    },
    AdminForgetDeviceRequest: {
      UserPoolId: 'string',
      Username: 'string',
      DeviceKey: 'string',
    },
    AdminGetDeviceRequest: {
      DeviceKey: 'string',
      UserPoolId: 'string',
      Username: 'string',
    },
    AdminGetUserRequest: {
      UserPoolId: 'string',
      Username: 'string',
    },
    AdminGetUserAuthFactorsRequest: {
      UserPoolId: 'string',
      Username: 'string',
    },
    AdminInitiateAuthRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
      AuthFlow: 'string',
      AuthParameters: {
        map: 'string',
      },
      ClientMetadata: {
        map: 'string',
      },
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      ContextData: {
        structure: 'ContextDataType',
      },
      Session: 'string',
    },
    AnalyticsMetadataType: {
      AnalyticsEndpointId: 'string',
    },
    ContextDataType: {
      IpAddress: 'string',
      ServerName: 'string',
      ServerPath: 'string',
      HttpHeaders: {
        list: {
          structure: 'HttpHeader',
        },
      },
      EncodedData: 'string',
    },
    HttpHeader: {
      headerName: 'string',
      headerValue: 'string',
    },
    AdminListDevicesRequest: {
      UserPoolId: 'string',
      Username: 'string',
      Limit: 'number',
      PaginationToken: 'string',
    },
    AdminListGroupsForUserRequest: {
      Username: 'string',
      UserPoolId: 'string',
      Limit: 'number',
      NextToken: 'string',
    },
    AdminRemoveUserFromGroupRequest: {
      UserPoolId: 'string',
      Username: 'string',
      GroupName: 'string',
    },
    AdminResetUserPasswordRequest: {
      UserPoolId: 'string',
      Username: 'string',
      ClientMetadata: {
        map: 'string',
      },
    },
    AdminRespondToAuthChallengeRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
      ChallengeName: 'string',
      ChallengeResponses: {
        map: 'string',
      },
      Session: 'string',
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      ContextData: {
        structure: 'ContextDataType',
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    AdminSetUserMFAPreferenceRequest: {
      Username: 'string',
      UserPoolId: 'string',
      SMSMfaSettings: {
        structure: 'SMSMfaSettingsType',
      },
      SoftwareTokenMfaSettings: {
        structure: 'SoftwareTokenMfaSettingsType',
      },
      EmailMfaSettings: {
        structure: 'EmailMfaSettingsType',
      },
      WebAuthnMfaSettings: {
        structure: 'WebAuthnMfaSettingsType',
      },
    },
    SMSMfaSettingsType: {
      Enabled: 'boolean',
      PreferredMfa: 'boolean',
    },
    SoftwareTokenMfaSettingsType: {
      Enabled: 'boolean',
      PreferredMfa: 'boolean',
    },
    EmailMfaSettingsType: {
      Enabled: 'boolean',
      PreferredMfa: 'boolean',
    },
    WebAuthnMfaSettingsType: {
      Enabled: 'boolean',
    },
    AdminSetUserPasswordRequest: {
      UserPoolId: 'string',
      Username: 'string',
      Password: 'string',
      Permanent: 'boolean',
    },
    AdminUpdateDeviceStatusRequest: {
      UserPoolId: 'string',
      Username: 'string',
      DeviceKey: 'string',
      DeviceRememberedStatus: 'string',
    },
    AdminUpdateUserAttributesRequest: {
      UserPoolId: 'string',
      Username: 'string',
      UserAttributes: {
        list: {
          structure: 'AttributeType',
        },
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    AdminUserGlobalSignOutRequest: {
      UserPoolId: 'string',
      Username: 'string',
    },
    AssociateSoftwareTokenRequest: {
      AccessToken: 'string',
      Session: 'string',
    },
    ChangePasswordRequest: {
      ProposedPassword: 'string',
      AccessToken: 'string',
      PreviousPassword: 'string',
    },
    CompleteWebAuthnRegistrationRequest: {
      AccessToken: 'string',
      Credential: 'document',
    },
    ConfirmDeviceRequest: {
      AccessToken: 'string',
      DeviceKey: 'string',
      DeviceSecretVerifierConfig: {
        structure: 'DeviceSecretVerifierConfigType',
      },
      DeviceName: 'string',
    },
    DeviceSecretVerifierConfigType: {
      PasswordVerifier: 'string',
      Salt: 'string',
    },
    ConfirmForgotPasswordRequest: {
      ClientId: 'string',
      Username: 'string',
      ConfirmationCode: 'string',
      Password: 'string',
      SecretHash: 'string',
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      UserContextData: {
        structure: 'UserContextDataType',
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    UserContextDataType: {
      IpAddress: 'string',
      EncodedData: 'string',
    },
    ConfirmSignUpRequest: {
      ClientId: 'string',
      Username: 'string',
      ConfirmationCode: 'string',
      SecretHash: 'string',
      ForceAliasCreation: 'boolean',
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      UserContextData: {
        structure: 'UserContextDataType',
      },
      ClientMetadata: {
        map: 'string',
      },
      Session: 'string',
    },
    CreateGroupRequest: {
      GroupName: 'string',
      UserPoolId: 'string',
      Description: 'string',
      RoleArn: 'string',
      Precedence: 'number',
    },
    CreateResourceServerRequest: {
      UserPoolId: 'string',
      Identifier: 'string',
      Name: 'string',
      Scopes: {
        list: {
          structure: 'ResourceServerScopeType',
        },
      },
    },
    ResourceServerScopeType: {
      ScopeName: 'string',
      ScopeDescription: 'string',
    },
    CreateUserPoolRequest: {
      PoolName: 'string',
      Policies: {
        structure: 'UserPoolPolicyType',
      },
      DeletionProtection: 'string',
      LambdaConfig: {
        structure: 'LambdaConfigType',
      },
      AutoVerifiedAttributes: {
        list: 'string',
      },
      AliasAttributes: {
        list: 'string',
      },
      UsernameAttributes: {
        list: 'string',
      },
      SmsVerificationMessage: 'string',
      EmailVerificationMessage: 'string',
      EmailVerificationSubject: 'string',
      VerificationMessageTemplate: {
        structure: 'VerificationMessageTemplateType',
      },
      SmsAuthenticationMessage: 'string',
      MfaConfiguration: 'string',
      UserAttributeUpdateSettings: {
        structure: 'UserAttributeUpdateSettingsType',
      },
      DeviceConfiguration: {
        structure: 'DeviceConfigurationType',
      },
      EmailConfiguration: {
        structure: 'EmailConfigurationType',
      },
      SmsConfiguration: {
        structure: 'SmsConfigurationType',
      },
      UserPoolTags: {
        map: 'string',
      },
      AdminCreateUserConfig: {
        structure: 'AdminCreateUserConfigType',
      },
      Schema: {
        list: {
          structure: 'SchemaAttributeType',
        },
      },
      UserPoolAddOns: {
        structure: 'UserPoolAddOnsType',
      },
      DcrConfiguration: {
        structure: 'DcrConfigurationType',
      },
      UsernameConfiguration: {
        structure: 'UsernameConfigurationType',
      },
      AccountRecoverySetting: {
        structure: 'AccountRecoverySettingType',
      },
      UserPoolTier: 'string',
      KeyConfiguration: {
        structure: 'KeyConfigurationType',
      },
      IssuerConfiguration: {
        structure: 'IssuerConfigurationType',
      },
      AcrConfiguration: {
        map: {
          structure: 'AcrLevelConfigType',
        },
      },
    },
    UserPoolPolicyType: {
      PasswordPolicy: {
        structure: 'PasswordPolicyType',
      },
      SignInPolicy: {
        structure: 'SignInPolicyType',
      },
    },
    PasswordPolicyType: {
      MinimumLength: 'number',
      RequireUppercase: 'boolean',
      RequireLowercase: 'boolean',
      RequireNumbers: 'boolean',
      RequireSymbols: 'boolean',
      PasswordHistorySize: 'number',
      TemporaryPasswordValidityDays: 'number',
    },
    SignInPolicyType: {
      AllowedFirstAuthFactors: {
        list: 'string',
      },
    },
    LambdaConfigType: {
      PreSignUp: 'string',
      CustomMessage: 'string',
      PostConfirmation: 'string',
      PreAuthentication: 'string',
      PostAuthentication: 'string',
      DefineAuthChallenge: 'string',
      CreateAuthChallenge: 'string',
      VerifyAuthChallengeResponse: 'string',
      PreTokenGeneration: 'string',
      UserMigration: 'string',
      PreTokenGenerationConfig: {
        structure: 'PreTokenGenerationVersionConfigType',
      },
      CustomSMSSender: {
        structure: 'CustomSMSLambdaVersionConfigType',
      },
      CustomEmailSender: {
        structure: 'CustomEmailLambdaVersionConfigType',
      },
      KMSKeyID: 'string',
      InboundFederation: {
        structure: 'InboundFederationLambdaType',
      },
    },
    PreTokenGenerationVersionConfigType: {
      LambdaVersion: 'string',
      LambdaArn: 'string',
    },
    CustomSMSLambdaVersionConfigType: {
      LambdaVersion: 'string',
      LambdaArn: 'string',
    },
    CustomEmailLambdaVersionConfigType: {
      LambdaVersion: 'string',
      LambdaArn: 'string',
    },
    InboundFederationLambdaType: {
      LambdaVersion: 'string',
      LambdaArn: 'string',
    },
    VerificationMessageTemplateType: {
      SmsMessage: 'string',
      EmailMessage: 'string',
      EmailSubject: 'string',
      EmailMessageByLink: 'string',
      EmailSubjectByLink: 'string',
      DefaultEmailOption: 'string',
    },
    UserAttributeUpdateSettingsType: {
      AttributesRequireVerificationBeforeUpdate: {
        list: 'string',
      },
    },
    DeviceConfigurationType: {
      ChallengeRequiredOnNewDevice: 'boolean',
      DeviceOnlyRememberedOnUserPrompt: 'boolean',
    },
    EmailConfigurationType: {
      SourceArn: 'string',
      ReplyToEmailAddress: 'string',
      EmailSendingAccount: 'string',
      From: 'string',
      ConfigurationSet: 'string',
    },
    SmsConfigurationType: {
      SnsCallerArn: 'string',
      ExternalId: 'string',
      SnsRegion: 'string',
      EumsSms: {
        structure: 'EumsSmsConfigurationType',
      },
    },
    EumsSmsConfigurationType: {
      CallerArn: 'string',
      ExternalId: 'string',
      OriginationIdentity: 'string',
      ConfigurationSetName: 'string',
      InEntityId: 'string',
      InTemplateId: 'string',
      Region: 'string',
    },
    AdminCreateUserConfigType: {
      AllowAdminCreateUserOnly: 'boolean',
      UnusedAccountValidityDays: 'number',
      InviteMessageTemplate: {
        structure: 'MessageTemplateType',
      },
    },
    MessageTemplateType: {
      SMSMessage: 'string',
      EmailMessage: 'string',
      EmailSubject: 'string',
    },
    SchemaAttributeType: {
      Name: 'string',
      AttributeDataType: 'string',
      DeveloperOnlyAttribute: 'boolean',
      Mutable: 'boolean',
      Required: 'boolean',
      NumberAttributeConstraints: {
        structure: 'NumberAttributeConstraintsType',
      },
      StringAttributeConstraints: {
        structure: 'StringAttributeConstraintsType',
      },
    },
    NumberAttributeConstraintsType: {
      MinValue: 'string',
      MaxValue: 'string',
    },
    StringAttributeConstraintsType: {
      MinLength: 'string',
      MaxLength: 'string',
    },
    UserPoolAddOnsType: {
      AdvancedSecurityMode: 'string',
      AdvancedSecurityAdditionalFlows: {
        structure: 'AdvancedSecurityAdditionalFlowsType',
      },
    },
    AdvancedSecurityAdditionalFlowsType: {
      CustomAuthMode: 'string',
    },
    DcrConfigurationType: {
      EnableStatus: 'string',
      OpenDcrEnabled: 'boolean',
      AuthenticatedGrantTypes: {
        list: 'string',
      },
      OpenDcrGrantTypes: {
        list: 'string',
      },
      AllowedScopes: {
        list: 'string',
      },
    },
    UsernameConfigurationType: {
      CaseSensitive: 'boolean',
    },
    AccountRecoverySettingType: {
      RecoveryMechanisms: {
        list: {
          structure: 'RecoveryOptionType',
        },
      },
    },
    RecoveryOptionType: {
      Priority: 'number',
      Name: 'string',
    },
    KeyConfigurationType: {
      KeyType: 'string',
      KmsKeyArn: 'string',
    },
    IssuerConfigurationType: {
      Type: 'string',
    },
    AcrLevelConfigType: {
      AcrValue: 'string',
    },
    CreateUserPoolClientRequest: {
      UserPoolId: 'string',
      ClientName: 'string',
      GenerateSecret: 'boolean',
      ClientSecret: 'string',
      RefreshTokenValidity: 'number',
      AccessTokenValidity: 'number',
      IdTokenValidity: 'number',
      TokenValidityUnits: {
        structure: 'TokenValidityUnitsType',
      },
      ReadAttributes: {
        list: 'string',
      },
      WriteAttributes: {
        list: 'string',
      },
      ExplicitAuthFlows: {
        list: 'string',
      },
      SupportedIdentityProviders: {
        list: 'string',
      },
      CallbackURLs: {
        list: 'string',
      },
      LogoutURLs: {
        list: 'string',
      },
      DefaultRedirectURI: 'string',
      AllowedOAuthFlows: {
        list: 'string',
      },
      AllowedOAuthScopes: {
        list: 'string',
      },
      AllowedOAuthFlowsUserPoolClient: 'boolean',
      AnalyticsConfiguration: {
        structure: 'AnalyticsConfigurationType',
      },
      PreventUserExistenceErrors: 'string',
      EnableTokenRevocation: 'boolean',
      EnablePropagateAdditionalUserContextData: 'boolean',
      AuthSessionValidity: 'number',
      RefreshTokenRotation: {
        structure: 'RefreshTokenRotationType',
      },
    },
    TokenValidityUnitsType: {
      AccessToken: 'string',
      IdToken: 'string',
      RefreshToken: 'string',
    },
    AnalyticsConfigurationType: {
      ApplicationId: 'string',
      ApplicationArn: 'string',
      RoleArn: 'string',
      ExternalId: 'string',
      UserDataShared: 'boolean',
    },
    RefreshTokenRotationType: {
      Feature: 'string',
      RetryGracePeriodSeconds: 'number',
    },
    CreateUserPoolDomainRequest: {
      Domain: 'string',
      UserPoolId: 'string',
      ManagedLoginVersion: 'number',
      CustomDomainConfig: {
        structure: 'CustomDomainConfigType',
      },
      Routing: {
        structure: 'RoutingType',
      },
    },
    CustomDomainConfigType: {
      CertificateArn: 'string',
      SecurityPolicy: 'string',
    },
    RoutingType: {
      Failover: {
        structure: 'FailoverType',
      },
    },
    FailoverType: {
      SecondaryRegion: 'string',
      PrimaryRoute53HealthCheckId: 'string',
    },
    DeleteGroupRequest: {
      GroupName: 'string',
      UserPoolId: 'string',
    },
    DeleteResourceServerRequest: {
      UserPoolId: 'string',
      Identifier: 'string',
    },
    DeleteUserRequest: {
      AccessToken: 'string',
    },
    DeleteUserPoolRequest: {
      UserPoolId: 'string',
    },
    DeleteUserPoolClientRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
    },
    DeleteUserPoolClientSecretRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
      ClientSecretId: 'string',
    },
    DeleteUserPoolDomainRequest: {
      Domain: 'string',
      UserPoolId: 'string',
    },
    DeleteWebAuthnCredentialRequest: {
      AccessToken: 'string',
      CredentialId: 'string',
    },
    DescribeResourceServerRequest: {
      UserPoolId: 'string',
      Identifier: 'string',
    },
    DescribeUserPoolRequest: {
      UserPoolId: 'string',
    },
    DescribeUserPoolClientRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
    },
    DescribeUserPoolDomainRequest: {
      Domain: 'string',
    },
    ForgetDeviceRequest: {
      DeviceKey: 'string',
      AccessToken: 'string',
    },
    ForgotPasswordRequest: {
      ClientId: 'string',
      Username: 'string',
      SecretHash: 'string',
      UserContextData: {
        structure: 'UserContextDataType',
      },
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    GetDeviceRequest: {
      DeviceKey: 'string',
      AccessToken: 'string',
    },
    GetGroupRequest: {
      GroupName: 'string',
      UserPoolId: 'string',
    },
    GetTokensFromRefreshTokenRequest: {
      RefreshToken: 'string',
      ClientId: 'string',
      ClientSecret: 'string',
      DeviceKey: 'string',
      ClientMetadata: {
        map: 'string',
      },
    },
    GetUserRequest: {
      AccessToken: 'string',
    },
    GetUserAttributeVerificationCodeRequest: {
      AccessToken: 'string',
      AttributeName: 'string',
      ClientMetadata: {
        map: 'string',
      },
    },
    GetUserAuthFactorsRequest: {
      AccessToken: 'string',
    },
    GetUserPoolMfaConfigRequest: {
      UserPoolId: 'string',
    },
    GlobalSignOutRequest: {
      AccessToken: 'string',
    },
    InitiateAuthRequest: {
      AuthFlow: 'string',
      ClientId: 'string',
      AuthParameters: {
        map: 'string',
      },
      ClientMetadata: {
        map: 'string',
      },
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      UserContextData: {
        structure: 'UserContextDataType',
      },
      Session: 'string',
    },
    ListDevicesRequest: {
      AccessToken: 'string',
      Limit: 'number',
      PaginationToken: 'string',
    },
    ListGroupsRequest: {
      UserPoolId: 'string',
      Limit: 'number',
      NextToken: 'string',
    },
    ListResourceServersRequest: {
      UserPoolId: 'string',
      MaxResults: 'number',
      NextToken: 'string',
    },
    ListUserPoolClientSecretsRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
      NextToken: 'string',
    },
    ListUserPoolClientsRequest: {
      UserPoolId: 'string',
      MaxResults: 'number',
      NextToken: 'string',
      ClientType: 'string',
    },
    ListUserPoolsRequest: {
      MaxResults: 'number',
      NextToken: 'string',
    },
    ListUsersRequest: {
      UserPoolId: 'string',
      AttributesToGet: {
        list: 'string',
      },
      Limit: 'number',
      PaginationToken: 'string',
      Filter: 'string',
    },
    ListUsersInGroupRequest: {
      UserPoolId: 'string',
      GroupName: 'string',
      Limit: 'number',
      NextToken: 'string',
    },
    ListWebAuthnCredentialsRequest: {
      AccessToken: 'string',
      NextToken: 'string',
      MaxResults: 'number',
    },
    ResendConfirmationCodeRequest: {
      ClientId: 'string',
      Username: 'string',
      SecretHash: 'string',
      UserContextData: {
        structure: 'UserContextDataType',
      },
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    RespondToAuthChallengeRequest: {
      ClientId: 'string',
      ChallengeName: 'string',
      Session: 'string',
      ChallengeResponses: {
        map: 'string',
      },
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      UserContextData: {
        structure: 'UserContextDataType',
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    RevokeTokenRequest: {
      Token: 'string',
      ClientId: 'string',
      ClientSecret: 'string',
      RevokeAssociatedSessions: 'string',
    },
    SetUserMFAPreferenceRequest: {
      AccessToken: 'string',
      SMSMfaSettings: {
        structure: 'SMSMfaSettingsType',
      },
      SoftwareTokenMfaSettings: {
        structure: 'SoftwareTokenMfaSettingsType',
      },
      EmailMfaSettings: {
        structure: 'EmailMfaSettingsType',
      },
      WebAuthnMfaSettings: {
        structure: 'WebAuthnMfaSettingsType',
      },
    },
    SetUserPoolMfaConfigRequest: {
      UserPoolId: 'string',
      SmsMfaConfiguration: {
        structure: 'SmsMfaConfigType',
      },
      SoftwareTokenMfaConfiguration: {
        structure: 'SoftwareTokenMfaConfigType',
      },
      EmailMfaConfiguration: {
        structure: 'EmailMfaConfigType',
      },
      MfaConfiguration: 'string',
      WebAuthnConfiguration: {
        structure: 'WebAuthnConfigurationType',
      },
    },
    SmsMfaConfigType: {
      SmsAuthenticationMessage: 'string',
      SmsConfiguration: {
        structure: 'SmsConfigurationType',
      },
    },
    SoftwareTokenMfaConfigType: {
      Enabled: 'boolean',
    },
    EmailMfaConfigType: {
      Message: 'string',
      Subject: 'string',
    },
    WebAuthnConfigurationType: {
      RelyingPartyId: 'string',
      UserVerification: 'string',
      FactorConfiguration: 'string',
    },
    SignUpRequest: {
      ClientId: 'string',
      Username: 'string',
      SecretHash: 'string',
      Password: 'string',
      UserAttributes: {
        list: {
          structure: 'AttributeType',
        },
      },
      ValidationData: {
        list: {
          structure: 'AttributeType',
        },
      },
      AnalyticsMetadata: {
        structure: 'AnalyticsMetadataType',
      },
      UserContextData: {
        structure: 'UserContextDataType',
      },
      ClientMetadata: {
        map: 'string',
      },
    },
    StartWebAuthnRegistrationRequest: {
      AccessToken: 'string',
    },
    UpdateDeviceStatusRequest: {
      AccessToken: 'string',
      DeviceKey: 'string',
      DeviceRememberedStatus: 'string',
    },
    UpdateGroupRequest: {
      GroupName: 'string',
      UserPoolId: 'string',
      Description: 'string',
      RoleArn: 'string',
      Precedence: 'number',
    },
    UpdateResourceServerRequest: {
      UserPoolId: 'string',
      Identifier: 'string',
      Name: 'string',
      Scopes: {
        list: {
          structure: 'ResourceServerScopeType',
        },
      },
    },
    UpdateUserAttributesRequest: {
      UserAttributes: {
        list: {
          structure: 'AttributeType',
        },
      },
      AccessToken: 'string',
      ClientMetadata: {
        map: 'string',
      },
    },
    UpdateUserPoolRequest: {
      UserPoolId: 'string',
      Policies: {
        structure: 'UserPoolPolicyType',
      },
      DeletionProtection: 'string',
      LambdaConfig: {
        structure: 'LambdaConfigType',
      },
      AutoVerifiedAttributes: {
        list: 'string',
      },
      SmsVerificationMessage: 'string',
      EmailVerificationMessage: 'string',
      EmailVerificationSubject: 'string',
      VerificationMessageTemplate: {
        structure: 'VerificationMessageTemplateType',
      },
      SmsAuthenticationMessage: 'string',
      UserAttributeUpdateSettings: {
        structure: 'UserAttributeUpdateSettingsType',
      },
      MfaConfiguration: 'string',
      DeviceConfiguration: {
        structure: 'DeviceConfigurationType',
      },
      EmailConfiguration: {
        structure: 'EmailConfigurationType',
      },
      SmsConfiguration: {
        structure: 'SmsConfigurationType',
      },
      UserPoolTags: {
        map: 'string',
      },
      AdminCreateUserConfig: {
        structure: 'AdminCreateUserConfigType',
      },
      UserPoolAddOns: {
        structure: 'UserPoolAddOnsType',
      },
      DcrConfiguration: {
        structure: 'DcrConfigurationType',
      },
      AccountRecoverySetting: {
        structure: 'AccountRecoverySettingType',
      },
      PoolName: 'string',
      UserPoolTier: 'string',
      KeyConfiguration: {
        structure: 'KeyConfigurationType',
      },
      IssuerConfiguration: {
        structure: 'IssuerConfigurationType',
      },
      AcrConfiguration: {
        map: {
          structure: 'AcrLevelConfigType',
        },
      },
    },
    UpdateUserPoolClientRequest: {
      UserPoolId: 'string',
      ClientId: 'string',
      ClientName: 'string',
      RefreshTokenValidity: 'number',
      AccessTokenValidity: 'number',
      IdTokenValidity: 'number',
      TokenValidityUnits: {
        structure: 'TokenValidityUnitsType',
      },
      ReadAttributes: {
        list: 'string',
      },
      WriteAttributes: {
        list: 'string',
      },
      ExplicitAuthFlows: {
        list: 'string',
      },
      SupportedIdentityProviders: {
        list: 'string',
      },
      CallbackURLs: {
        list: 'string',
      },
      LogoutURLs: {
        list: 'string',
      },
      DefaultRedirectURI: 'string',
      AllowedOAuthFlows: {
        list: 'string',
      },
      AllowedOAuthScopes: {
        list: 'string',
      },
      AllowedOAuthFlowsUserPoolClient: 'boolean',
      AnalyticsConfiguration: {
        structure: 'AnalyticsConfigurationType',
      },
      PreventUserExistenceErrors: 'string',
      EnableTokenRevocation: 'boolean',
      EnablePropagateAdditionalUserContextData: 'boolean',
      AuthSessionValidity: 'number',
      RefreshTokenRotation: {
        structure: 'RefreshTokenRotationType',
      },
    },
    UpdateUserPoolDomainRequest: {
      Domain: 'string',
      UserPoolId: 'string',
      ManagedLoginVersion: 'number',
      CustomDomainConfig: {
        structure: 'CustomDomainConfigType',
      },
      Routing: {
        structure: 'RoutingType',
      },
    },
    VerifySoftwareTokenRequest: {
      UserCode: 'string',
      AccessToken: 'string',
      Session: 'string',
      FriendlyDeviceName: 'string',
    },
    VerifyUserAttributeRequest: {
      AccessToken: 'string',
      AttributeName: 'string',
      Code: 'string',
    },
  },
};
