import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';

/** The shapes the emulator keeps, named and structured as the Cognito API names them. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
  PasswordHistorySize?: number;
}

export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

export interface MessageTemplate {
  EmailMessage?: string;
  EmailSubject?: string;
  SMSMessage?: string;
  EmailMessageByLink?: string;
  EmailSubjectByLink?: string;
  DefaultEmailOption?: 'CONFIRM_WITH_LINK' | 'CONFIRM_WITH_CODE';
}

/** A pool's device tracking: present once any member was given (then both are stored). */
export interface DeviceConfiguration {
  /** Kept and described; it matters only with MFA, which the emulator does not have. */
  ChallengeRequiredOnNewDevice: boolean;
  /** True: ConfirmDevice leaves a device not remembered until UpdateDeviceStatus remembers it. */
  DeviceOnlyRememberedOnUserPrompt: boolean;
}

/** A pool as DescribeUserPool returns it, less what is derived (Id, Arn, dates, counts). */
export interface PoolConfig {
  Name: string;
  Policies: { PasswordPolicy: PasswordPolicy; [key: string]: Json | PasswordPolicy };
  UsernameAttributes?: string[];
  AliasAttributes?: string[];
  AutoVerifiedAttributes?: string[];
  SchemaAttributes: SchemaAttribute[];
  VerificationMessageTemplate: MessageTemplate;
  AdminCreateUserConfig: {
    AllowAdminCreateUserOnly: boolean;
    UnusedAccountValidityDays: number;
    InviteMessageTemplate?: MessageTemplate;
  };
  UsernameConfiguration?: { CaseSensitive: boolean };
  UserAttributeUpdateSettings?: { AttributesRequireVerificationBeforeUpdate: string[] };
  DeviceConfiguration?: DeviceConfiguration;
  LambdaConfig?: LambdaConfigType;
  [key: string]: Json | undefined | object;
}

export interface Pool {
  id: string;
  config: PoolConfig;
  kid: string;
  signingKeyPem: string;
  createdAt: number;
  updatedAt: number;
}

export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** An app client as DescribeUserPoolClient returns it, less ids, secret and dates. */
export interface ClientConfig {
  ClientName: string;
  ExplicitAuthFlows?: string[];
  PreventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  EnableTokenRevocation: boolean;
  RefreshTokenValidity: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: { AccessToken?: TimeUnit; IdToken?: TimeUnit; RefreshToken?: TimeUnit };
  AuthSessionValidity: number;
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  RefreshTokenRotation?: RefreshTokenRotation;
  [key: string]: Json | undefined | object;
}

/** A client's refresh-token rotation, as DescribeUserPoolClient returns it. */
export interface RefreshTokenRotation {
  Feature: 'ENABLED' | 'DISABLED';
  /** How long a rotated-out refresh token stays good, for a client's retries (0 to 60 s). */
  RetryGracePeriodSeconds: number;
}

export interface Client {
  id: string;
  poolId: string;
  /** The secret DescribeUserPoolClient shows (the client's first current one); absent for a public client. */
  secret?: string;
  /** Every current secret (one, or two during a rotation), oldest first; empty for a public client. */
  secrets?: readonly ClientSecret[];
  config: ClientConfig;
  createdAt: number;
  updatedAt: number;
}

export type UserStatus =
  | 'UNCONFIRMED'
  | 'CONFIRMED'
  | 'FORCE_CHANGE_PASSWORD'
  | 'RESET_REQUIRED'
  | 'ARCHIVED'
  | 'COMPROMISED'
  | 'UNKNOWN'
  | 'EXTERNAL_PROVIDER';

export interface User {
  poolId: string;
  username: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  passwordHash: string | null;
  /** The SRP verifier of the password (`srp$<salt>$<v>`); null for users stored before schema 5 until they sign in with it. */
  srpVerifier: string | null;
  /** Every attribute by name, `sub` included, values as strings (as Cognito keeps them). */
  attributes: Record<string, string>;
  /**
   * New values of attributes that must be verified before they replace the current ones
   * (`AttributesRequireVerificationBeforeUpdate`), by attribute name.
   */
  pending?: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export interface AttributeType {
  Name: string;
  Value?: string;
}

/** One of an app client's secrets (`ClientSecretDescriptorType`). */
export interface ClientSecret {
  /** `<client id>--<creation time, epoch milliseconds>`. */
  id: string;
  value: string;
  createdAt: number;
}

/** A pool's domain: a prefix of `<prefix>.auth.<region>.amazoncognito.com`, or a custom domain. */
export interface PoolDomain {
  domain: string;
  poolId: string;
  kind: 'prefix' | 'custom';
  /** A custom domain's certificate (`CustomDomainConfig`). */
  certificateArn?: string;
  securityPolicy?: string;
  /** 1: hosted UI (classic); 2: managed login. */
  managedLoginVersion: number;
  createdAt: number;
}

/** A resource server and the custom scopes it defines (`ResourceServerType`). */
export interface ResourceServer {
  poolId: string;
  identifier: string;
  name: string;
  scopes: { ScopeName: string; ScopeDescription: string }[];
}
