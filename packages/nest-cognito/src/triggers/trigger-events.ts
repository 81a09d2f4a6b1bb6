/**
 * The events a Cognito user pool sends its Lambda triggers, for an application's own handlers:
 * type-only, so that a function deployed to Lambda imports nothing at run time. The shapes are
 * those of AWS's developer guide (a page per trigger); where `@types/aws-lambda` is narrower
 * (pre token generation V2 and V3 claims may be any JSON value), these follow AWS. The emulator
 * sends exactly these: `test/trigger-types.test.ts` checks both against each other.
 */

/** Names to strings: `userAttributes`, `validationData`, `clientMetadata`, challenge parameters. */
export type StringMap = Record<string, string>;

/** Any JSON value: what a V2 or V3 pre token generation function may set as a claim. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The envelope of every event; `Source` says which trigger ran and why. */
export interface TriggerEventBase<Source extends string, Request, Response> {
  /** `1`; `2` and `3` for pre token generation V2_0 and V3_0. */
  version: string;
  triggerSource: Source;
  region: string;
  userPoolId: string;
  /** The user's Cognito user name: its `sub` where users sign in with their email or phone. */
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Request;
  response: Response;
}

export type PreSignUpTriggerSource =
  'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';

/** Before a user is stored; `response` may confirm it and mark its email or phone verified. */
export type PreSignUpTriggerEvent = TriggerEventBase<
  PreSignUpTriggerSource,
  { userAttributes: StringMap; validationData?: StringMap; clientMetadata?: StringMap },
  { autoConfirmUser: boolean; autoVerifyEmail: boolean; autoVerifyPhone: boolean }
>;

export type CustomMessageTriggerSource =
  | 'CustomMessage_SignUp'
  | 'CustomMessage_AdminCreateUser'
  | 'CustomMessage_ResendCode'
  | 'CustomMessage_ForgotPassword'
  | 'CustomMessage_UpdateUserAttribute'
  | 'CustomMessage_VerifyUserAttribute'
  | 'CustomMessage_Authentication';

/** Before a message with a code goes out; `response` may replace its text (keeping `codeParameter`). */
export type CustomMessageTriggerEvent = TriggerEventBase<
  CustomMessageTriggerSource,
  {
    userAttributes: StringMap;
    /** Where the code goes in the text: `{####}`. */
    codeParameter: string;
    linkParameter: string;
    /** `{username}` in invitations (AdminCreateUser); null otherwise. */
    usernameParameter: string | null;
    clientMetadata?: StringMap;
  },
  { smsMessage: string | null; emailMessage: string | null; emailSubject: string | null }
>;

export type PostConfirmationTriggerSource =
  'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword';

/** After a sign-up or a password reset is confirmed. */
export type PostConfirmationTriggerEvent = TriggerEventBase<
  PostConfirmationTriggerSource,
  { userAttributes: StringMap; clientMetadata?: StringMap },
  Record<string, never>
>;

/** As a sign-in starts checking a factor; throwing refuses the sign-in. */
export type PreAuthenticationTriggerEvent = TriggerEventBase<
  'PreAuthentication_Authentication',
  {
    userAttributes: StringMap;
    userNotFound?: boolean;
    /** The `ClientMetadata` of InitiateAuth. */
    validationData?: StringMap;
    clientMetadata?: StringMap;
  },
  Record<string, never>
>;

/** Once the user is authenticated, before tokens; throwing refuses them. */
export type PostAuthenticationTriggerEvent = TriggerEventBase<
  'PostAuthentication_Authentication',
  { userAttributes: StringMap; newDeviceUsed: boolean; clientMetadata?: StringMap },
  Record<string, never>
>;

/** A round of a custom sign-in so far, as the define and create triggers see them. */
export interface ChallengeResult {
  challengeName:
    | 'CUSTOM_CHALLENGE'
    | 'PASSWORD_VERIFIER'
    | 'SMS_MFA'
    | 'DEVICE_SRP_AUTH'
    | 'DEVICE_PASSWORD_VERIFIER'
    | 'ADMIN_NO_SRP_AUTH'
    | 'SRP_A';
  challengeResult: boolean;
  /** The create trigger's name for the round (its `challengeMetadata`). */
  challengeMetadata?: string;
}

/** Custom authentication: decides, round by round, to ask again, issue tokens, or fail. */
export type DefineAuthChallengeTriggerEvent = TriggerEventBase<
  'DefineAuthChallenge_Authentication',
  {
    userAttributes: StringMap;
    session: ChallengeResult[];
    userNotFound?: boolean;
    clientMetadata?: StringMap;
  },
  { challengeName?: string; issueTokens: boolean; failAuthentication: boolean }
>;

/** Custom authentication: makes the round's challenge (public parameters for the client, private ones for verify). */
export type CreateAuthChallengeTriggerEvent = TriggerEventBase<
  'CreateAuthChallenge_Authentication',
  {
    userAttributes: StringMap;
    challengeName: string;
    session: ChallengeResult[];
    userNotFound?: boolean;
    clientMetadata?: StringMap;
  },
  { publicChallengeParameters: StringMap; privateChallengeParameters: StringMap; challengeMetadata: string }
>;

/** Custom authentication: judges the user's answer against the private parameters. */
export type VerifyAuthChallengeResponseTriggerEvent = TriggerEventBase<
  'VerifyAuthChallengeResponse_Authentication',
  {
    userAttributes: StringMap;
    privateChallengeParameters: StringMap;
    challengeAnswer: string;
    userNotFound?: boolean;
    clientMetadata?: StringMap;
  },
  { answerCorrect: boolean }
>;

export type TokenGenerationTriggerSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens';

/** The groups (and their IAM roles) the tokens would carry; a function may replace them. */
export interface GroupConfiguration {
  groupsToOverride?: string[];
  iamRolesToOverride?: string[];
  preferredRole?: string;
}

/** Pre token generation `V1_0`: changes the ID token's claims (strings) and the groups. */
export type PreTokenGenerationTriggerEvent = TriggerEventBase<
  TokenGenerationTriggerSource,
  { userAttributes: StringMap; groupConfiguration: GroupConfiguration; clientMetadata?: StringMap },
  {
    claimsOverrideDetails: {
      claimsToAddOrOverride?: StringMap;
      claimsToSuppress?: string[];
      groupOverrideDetails?: GroupConfiguration;
    };
  }
>;

/** What a `V2_0` or `V3_0` function may change: each token's claims, the access token's scopes, the groups. */
export interface ClaimsAndScopeOverrideDetails {
  idTokenGeneration?: { claimsToAddOrOverride?: Record<string, JsonValue>; claimsToSuppress?: string[] };
  accessTokenGeneration?: {
    claimsToAddOrOverride?: Record<string, JsonValue>;
    claimsToSuppress?: string[];
    scopesToAdd?: string[];
    scopesToSuppress?: string[];
  };
  groupOverrideDetails?: GroupConfiguration;
}

interface TokenGenerationRequest {
  userAttributes: StringMap;
  groupConfiguration: GroupConfiguration;
  /** The access token's scopes. */
  scopes?: string[];
  clientMetadata?: StringMap;
}

/** Pre token generation `V2_0`: changes the ID and access tokens of users. */
export type PreTokenGenerationV2TriggerEvent = TriggerEventBase<
  TokenGenerationTriggerSource,
  TokenGenerationRequest,
  { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null }
>;

/** Pre token generation `V3_0`: as `V2_0`, and the access tokens of machines (client credentials). */
export type PreTokenGenerationV3TriggerEvent = TriggerEventBase<
  TokenGenerationTriggerSource | 'TokenGeneration_ClientCredentials',
  TokenGenerationRequest,
  { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null }
>;

export type UserMigrationTriggerSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

/** A sign-in or password reset of a name the pool does not know: the function may bring the user in. */
export type UserMigrationTriggerEvent = TriggerEventBase<
  UserMigrationTriggerSource,
  /** `password`: at sign-in only, the password given. */
  { password?: string; validationData?: StringMap; clientMetadata?: StringMap },
  {
    userAttributes: StringMap;
    finalUserStatus?: 'CONFIRMED' | 'RESET_REQUIRED';
    messageAction?: 'RESEND' | 'SUPPRESS';
    desiredDeliveryMediums?: ('SMS' | 'EMAIL')[];
    forceAliasCreation?: boolean;
    enableSMSMFA?: boolean;
  }
>;

type SenderSituation =
  | 'SignUp'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'AdminCreateUser'
  | 'Authentication';

interface SenderRequest<Type extends string> {
  type: Type;
  /** The code or temporary password, encrypted with the pool's KMS key (plain text in the emulator). */
  code: string | null;
  userAttributes: StringMap;
  clientMetadata?: StringMap;
}

export type CustomEmailSenderTriggerSource =
  `CustomEmailSender_${SenderSituation}` | 'CustomEmailSender_AccountTakeOverNotification';

/** Sends the email with a code itself, instead of Cognito. */
export type CustomEmailSenderTriggerEvent = TriggerEventBase<
  CustomEmailSenderTriggerSource,
  SenderRequest<'customEmailSenderRequestV1'>,
  Record<string, never>
>;

export type CustomSMSSenderTriggerSource = `CustomSMSSender_${SenderSituation}`;

/** Sends the SMS with a code itself, instead of Cognito. */
export type CustomSMSSenderTriggerEvent = TriggerEventBase<
  CustomSMSSenderTriggerSource,
  SenderRequest<'customSMSSenderRequestV1'>,
  Record<string, never>
>;

/** A federated sign-in: the function maps the identity provider's attributes. */
export type InboundFederationTriggerEvent = TriggerEventBase<
  'InboundFederation_ExternalProvider',
  {
    providerName: string;
    providerType: 'OIDC' | 'SAML' | 'Facebook' | 'Google' | 'SignInWithApple' | 'LoginWithAmazon';
    attributes: {
      tokenResponse?: StringMap;
      idToken?: StringMap;
      userInfo?: StringMap;
      samlResponse?: StringMap;
    };
  },
  { userAttributesToMap: StringMap }
>;

/** Any user pool trigger's event. */
export type CognitoTriggerEvent =
  | PreSignUpTriggerEvent
  | CustomMessageTriggerEvent
  | PostConfirmationTriggerEvent
  | PreAuthenticationTriggerEvent
  | PostAuthenticationTriggerEvent
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent
  | PreTokenGenerationTriggerEvent
  | PreTokenGenerationV2TriggerEvent
  | PreTokenGenerationV3TriggerEvent
  | UserMigrationTriggerEvent
  | CustomEmailSenderTriggerEvent
  | CustomSMSSenderTriggerEvent
  | InboundFederationTriggerEvent;

/** Every trigger source. */
export type TriggerSource = CognitoTriggerEvent['triggerSource'];
