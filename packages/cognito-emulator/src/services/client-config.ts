import type { CreateUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import type { Validated } from '../targets/target.js';
import type { Rule, Shape } from '../validation.js';
import type { Client, ClientConfig, Json, Pool, TimeUnit } from './model.js';
import { assertAttributeNamesExist } from './schema.js';
import { tokenValidity } from './tokens.js';

export const AUTH_FLOWS = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
] as const;

export const TIME_UNITS: readonly TimeUnit[] = ['seconds', 'minutes', 'hours', 'days'];

export const CLIENT_NAME: Rule = { type: 'string', min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ };

/** The settings CreateUserPoolClient and UpdateUserPoolClient both take, as the API model constrains them. */
/** A callback or sign-out URL: AWS's `RedirectUrlType` (no whitespace or control characters). */
const REDIRECT_URL: Rule = { type: 'string', min: 1, max: 1024, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };

export const CLIENT_SETTINGS: Shape = {
  RefreshTokenValidity: { type: 'integer', min: 0, max: 315360000 },
  AccessTokenValidity: { type: 'integer', min: 1, max: 86400 },
  IdTokenValidity: { type: 'integer', min: 1, max: 86400 },
  TokenValidityUnits: {
    type: 'structure',
    members: {
      AccessToken: { type: 'string', enum: TIME_UNITS },
      IdToken: { type: 'string', enum: TIME_UNITS },
      RefreshToken: { type: 'string', enum: TIME_UNITS },
    },
  },
  ExplicitAuthFlows: { type: 'list', item: { type: 'string', enum: AUTH_FLOWS } },
  PreventUserExistenceErrors: { type: 'string', enum: ['LEGACY', 'ENABLED'] },
  EnableTokenRevocation: { type: 'boolean' },
  AuthSessionValidity: { type: 'integer', min: 3, max: 15 },
  ReadAttributes: { type: 'list', item: { type: 'string', min: 1, max: 2048 } },
  WriteAttributes: { type: 'list', item: { type: 'string', min: 1, max: 2048 } },
  SupportedIdentityProviders: { type: 'list', item: { type: 'string', min: 1, max: 32 } },
  CallbackURLs: { type: 'list', max: 100, item: REDIRECT_URL },
  LogoutURLs: { type: 'list', max: 100, item: REDIRECT_URL },
  DefaultRedirectURI: REDIRECT_URL,
  AllowedOAuthFlows: {
    type: 'list',
    max: 3,
    item: { type: 'string', enum: ['code', 'implicit', 'client_credentials'] },
  },
  AllowedOAuthScopes: {
    type: 'list',
    max: 50,
    item: { type: 'string', min: 1, max: 256, pattern: /^[\x21\x23-\x5B\x5D-\x7E]+$/ },
  },
  AllowedOAuthFlowsUserPoolClient: { type: 'boolean' },
  AnalyticsConfiguration: { type: 'structure' },
  EnablePropagateAdditionalUserContextData: { type: 'boolean' },
  RefreshTokenRotation: {
    type: 'structure',
    members: {
      Feature: { type: 'string', required: true, enum: ['ENABLED', 'DISABLED'] },
      RetryGracePeriodSeconds: { type: 'integer', min: 0, max: 60 },
    },
  },
};

/** A client's `ReadAttributes` and `WriteAttributes` name attributes of the pool's schema, as on AWS. */
export function assertClientAttributesExist(
  pool: Pool,
  input: { ReadAttributes?: string[]; WriteAttributes?: string[] },
  action: 'creating' | 'updating',
): void {
  const schema = pool.config.SchemaAttributes;
  for (const kind of ['read', 'write'] as const) {
    const names = kind === 'read' ? input.ReadAttributes : input.WriteAttributes;
    if (names) {
      assertAttributeNamesExist(
        schema,
        names,
        () => `Invalid ${kind} attributes specified while ${action} a client`,
      );
    }
  }
}

/** Settings kept as given, for DescribeUserPoolClient to return them. */
const PASS_THROUGH = [
  'ReadAttributes',
  'WriteAttributes',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AnalyticsConfiguration',
] as const;

/**
 * What a client's settings are made from: CreateUserPoolClient's input (UpdateUserPoolClient's,
 * with the client's name), as its target validated it.
 */
export type ClientSettingsInput = Omit<Validated<CreateUserPoolClientRequest>, 'UserPoolId'>;

/** A client's stored settings from CreateUserPoolClient / UpdateUserPoolClient input, with defaults. */
export function clientConfigFromInput(input: ClientSettingsInput): ClientConfig {
  const config: ClientConfig = {
    ClientName: input.ClientName,
    RefreshTokenValidity: input.RefreshTokenValidity || 30,
    PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? 'ENABLED',
    EnableTokenRevocation: input.EnableTokenRevocation ?? true,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
    AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
    EnablePropagateAdditionalUserContextData: false,
  };
  if (input.ExplicitAuthFlows) config.ExplicitAuthFlows = input.ExplicitAuthFlows;
  if (input.AccessTokenValidity) config.AccessTokenValidity = input.AccessTokenValidity;
  if (input.IdTokenValidity) config.IdTokenValidity = input.IdTokenValidity;
  if (input.TokenValidityUnits) config.TokenValidityUnits = input.TokenValidityUnits;
  if (input.RefreshTokenRotation) {
    // AWS leaves the grace period optional; 0 (no grace) is the value that turns it off.
    config.RefreshTokenRotation = {
      Feature: input.RefreshTokenRotation.Feature,
      RetryGracePeriodSeconds: input.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0,
    };
  }
  const kept: Record<string, Json | object | undefined> = config;
  for (const name of PASS_THROUGH) {
    const value = input[name];
    if (value !== undefined) kept[name] = value;
  }
  assertValidities(config);
  return config;
}

/** Whether the client rotates refresh tokens (GetTokensFromRefreshToken issues a new one). */
export const rotatesRefreshTokens = (client: Client): boolean =>
  client.config.RefreshTokenRotation?.Feature === 'ENABLED';

/** Access and ID tokens live 5 minutes to 1 day; refresh tokens 1 hour to 10 years. */
function assertValidities(config: ClientConfig): void {
  const seconds = tokenValidity({ config } as Client);
  if (seconds.access < 300 || seconds.access > 86400) {
    throw invalidParameter(
      'Invalid range for token validity: access token validity must be between 5 minutes and 1 day.',
    );
  }
  if (seconds.id < 300 || seconds.id > 86400) {
    throw invalidParameter(
      'Invalid range for token validity: ID token validity must be between 5 minutes and 1 day.',
    );
  }
  if (seconds.refresh < 3600 || seconds.refresh > 315_360_000) {
    throw invalidParameter(
      'Invalid range for token validity: refresh token validity must be between 60 minutes and 10 years.',
    );
  }
  if (seconds.refresh <= Math.max(seconds.access, seconds.id)) {
    throw invalidParameter('Refresh token validity must be greater than access and ID token validity.');
  }
}
