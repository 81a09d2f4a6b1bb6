import type { TriggerName } from './lambda-config.js';

/**
 * The events Cognito sends to user pool Lambda triggers, typed as AWS's developer guide documents
 * them (one page per trigger), so that applications can type their handlers with them. They agree
 * with `@types/aws-lambda` (checked by `test/lambda-events.test.ts`) and go further where that
 * package falls short: pre token generation V2 and V3 claims may be any JSON value, and every
 * trigger source is named in one `TriggerSource` union.
 */

/** Attribute names to values, as Cognito sends `userAttributes`, `validationData` and `clientMetadata`. */
export type StringMap = Record<string, string>;

/** A JSON value, as pre token generation V2 and V3 may set as a claim. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What every trigger event carries, whatever the trigger. */
export interface TriggerEventBase<Source extends string, Request, Response> {
  /** The event's version: `1` for every trigger; `2` and `3` for pre token generation V2_0 and V3_0. */
  version: string;
  /** Which trigger, in which situation: `PreSignUp_SignUp`, `TokenGeneration_RefreshTokens`, ... */
  triggerSource: Source;
  region: string;
  userPoolId: string;
  /** The user's internal user name (the `sub` in pools that sign in with email or phone). */
  userName: string;
  callerContext: {
    /** The caller's SDK, as Cognito tells it (`aws-sdk-unknown-unknown` when it cannot). */
    awsSdkVersion: string;
    clientId: string;
  };
  request: Request;
  response: Response;
}

// Pre sign-up
export type PreSignUpTriggerSource =
  'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';
export type PreSignUpTriggerEvent = TriggerEventBase<
  PreSignUpTriggerSource,
  { userAttributes: StringMap; validationData?: StringMap; clientMetadata?: StringMap },
  { autoConfirmUser: boolean; autoVerifyEmail: boolean; autoVerifyPhone: boolean }
>;

// Custom message
export type CustomMessageTriggerSource =
  | 'CustomMessage_SignUp'
  | 'CustomMessage_AdminCreateUser'
  | 'CustomMessage_ResendCode'
  | 'CustomMessage_ForgotPassword'
  | 'CustomMessage_UpdateUserAttribute'
  | 'CustomMessage_VerifyUserAttribute'
  | 'CustomMessage_Authentication';
export type CustomMessageTriggerEvent = TriggerEventBase<
  CustomMessageTriggerSource,
  {
    userAttributes: StringMap;
    /** `{####}`: where the code goes in the message the function returns. */
    codeParameter: string;
    linkParameter: string;
    /** `{username}` for AdminCreateUser invitations, null otherwise. */
    usernameParameter: string | null;
    clientMetadata?: StringMap;
  },
  { smsMessage: string | null; emailMessage: string | null; emailSubject: string | null }
>;

// Post confirmation
export type PostConfirmationTriggerSource =
  'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword';
export type PostConfirmationTriggerEvent = TriggerEventBase<
  PostConfirmationTriggerSource,
  { userAttributes: StringMap; clientMetadata?: StringMap },
  Record<string, never>
>;

// Pre and post authentication
export type PreAuthenticationTriggerEvent = TriggerEventBase<
  'PreAuthentication_Authentication',
  {
    userAttributes: StringMap;
    userNotFound?: boolean;
    validationData?: StringMap;
    clientMetadata?: StringMap;
  },
  Record<string, never>
>;
export type PostAuthenticationTriggerEvent = TriggerEventBase<
  'PostAuthentication_Authentication',
  { userAttributes: StringMap; newDeviceUsed: boolean; clientMetadata?: StringMap },
  Record<string, never>
>;

// Custom authentication challenges
/** One round of a sign-in so far, as the define and create triggers see it. */
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
  /** What the create trigger named this custom challenge (`challengeMetadata`). */
  challengeMetadata?: string;
}
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

// Pre token generation
export type TokenGenerationTriggerSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens';
/** The groups Cognito would put in the tokens, which the function may replace. */
export interface GroupConfiguration {
  groupsToOverride?: string[];
  iamRolesToOverride?: string[];
  preferredRole?: string;
}
/** `V1_0`: the ID token's claims and the groups. */
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
/** What a `V2_0` or `V3_0` function may change in both tokens (claims as any JSON value). */
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
type PreTokenGenerationV2Request = {
  userAttributes: StringMap;
  groupConfiguration: GroupConfiguration;
  /** The access token's scopes. */
  scopes?: string[];
  clientMetadata?: StringMap;
};
/** `V2_0`: the ID and access tokens of users' sign-ins. */
export type PreTokenGenerationV2TriggerEvent = TriggerEventBase<
  TokenGenerationTriggerSource,
  PreTokenGenerationV2Request,
  { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null }
>;
/** `V3_0`: as `V2_0`, and machine-to-machine (client credentials) access tokens too. */
export type PreTokenGenerationV3TriggerEvent = TriggerEventBase<
  TokenGenerationTriggerSource | 'TokenGeneration_ClientCredentials',
  PreTokenGenerationV2Request,
  { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null }
>;

// User migration
export type UserMigrationTriggerSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';
export type UserMigrationTriggerEvent = TriggerEventBase<
  UserMigrationTriggerSource,
  /** `password` only for `UserMigration_Authentication`: the password the user signed in with. */
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

// Custom senders
type CustomSenderSituation =
  | 'SignUp'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'AdminCreateUser'
  | 'Authentication';
type CustomSenderRequest<Type extends string> = {
  type: Type;
  /**
   * The code or temporary password. AWS encrypts it with the pool's KMS key (the function
   * decrypts it with the AWS Encryption SDK); the emulator hands it over as plain text.
   */
  code: string | null;
  userAttributes: StringMap;
  clientMetadata?: StringMap;
};
export type CustomEmailSenderTriggerSource =
  `CustomEmailSender_${CustomSenderSituation}` | 'CustomEmailSender_AccountTakeOverNotification';
export type CustomEmailSenderTriggerEvent = TriggerEventBase<
  CustomEmailSenderTriggerSource,
  CustomSenderRequest<'customEmailSenderRequestV1'>,
  Record<string, never>
>;
export type CustomSMSSenderTriggerSource = `CustomSMSSender_${CustomSenderSituation}`;
export type CustomSMSSenderTriggerEvent = TriggerEventBase<
  CustomSMSSenderTriggerSource,
  CustomSenderRequest<'customSMSSenderRequestV1'>,
  Record<string, never>
>;

// Inbound federation (kept for completeness: the emulator has no external identity providers)
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

/** Any user pool trigger event. */
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

/** Every trigger source Cognito sends. */
export type TriggerSource = CognitoTriggerEvent['triggerSource'];

/**
 * The trigger a trigger source belongs to: its prefix, but `TokenGeneration_*` for pre token
 * generation (the one trigger whose sources are not named after it).
 */
export function triggerOfSource(source: TriggerSource): TriggerName {
  const prefix = source.slice(0, source.indexOf('_'));
  return prefix === 'TokenGeneration' ? 'PreTokenGeneration' : (prefix as TriggerName);
}
