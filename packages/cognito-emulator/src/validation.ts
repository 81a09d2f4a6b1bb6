import { CognitoError } from './errors.js';

/**
 * Input constraints from the Cognito API model, checked the way AWS checks them: a JSON value of
 * the wrong type is a `SerializationException`; every broken constraint is listed in one
 * `InvalidParameterException` ("2 validation errors detected: Value ... at 'clientId' failed to
 * satisfy constraint: ...").
 */
export type Rule =
  | {
      type: 'string';
      required?: boolean;
      min?: number;
      max?: number;
      pattern?: RegExp;
      enum?: readonly string[];
      sensitive?: boolean;
    }
  | { type: 'boolean'; required?: boolean }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'list'; required?: boolean; min?: number; max?: number; item?: Rule }
  | { type: 'map'; required?: boolean; min?: number; max?: number; sensitive?: boolean }
  | { type: 'structure'; required?: boolean; members?: Shape }
  /** A Smithy `document`: any JSON value, read by the handler that takes it. */
  | { type: 'document'; required?: boolean };

export type Shape = Record<string, Rule>;

export function validate(input: unknown, shape: Shape): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CognitoError('SerializationException', 'Start of structure or map found where not expected.');
  }
  const problems: string[] = [];
  checkMembers(input as Record<string, unknown>, shape, '', problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
    throw new CognitoError('InvalidParameterException', `${count} detected: ${problems.join('; ')}`);
  }
  return input as Record<string, unknown>;
}

function checkMembers(input: Record<string, unknown>, shape: Shape, prefix: string, problems: string[]) {
  for (const [name, rule] of Object.entries(shape)) {
    const path = prefix + name.charAt(0).toLowerCase() + name.slice(1);
    check(input[name], rule, path, problems);
  }
}

function check(value: unknown, rule: Rule, path: string, problems: string[]): void {
  if (value === undefined || value === null) {
    if (rule.required)
      problems.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') throw wrongType(value);
      const shown = rule.sensitive ? 'Value' : `Value '${value}'`;
      const fail = (constraint: string) =>
        problems.push(`${shown} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
      if (rule.min !== undefined && value.length < rule.min)
        fail(`have length greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value.length > rule.max)
        fail(`have length less than or equal to ${rule.max}`);
      if (rule.pattern && !rule.pattern.test(value))
        fail(`satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^|\$$/g, '')}`);
      if (rule.enum && !rule.enum.includes(value)) fail(`satisfy enum value set: [${rule.enum.join(', ')}]`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(value);
      return;
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(value);
      const fail = (constraint: string) =>
        problems.push(
          `Value '${value}' at '${path}' failed to satisfy constraint: Member must ${constraint}`,
        );
      if (rule.min !== undefined && value < rule.min) fail(`have value greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) fail(`have value less than or equal to ${rule.max}`);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw wrongType(value);
      if (rule.min !== undefined && value.length < rule.min)
        problems.push(
          `Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
        );
      if (rule.max !== undefined && value.length > rule.max)
        problems.push(
          `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
        );
      if (rule.item) {
        for (const [i, item] of value.entries()) check(item, rule.item, `${path}.${i + 1}.member`, problems);
      }
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value);
      for (const v of Object.values(value as object)) if (typeof v !== 'string') throw wrongType(v);
      const size = Object.keys(value as object).length;
      if (rule.max !== undefined && size > rule.max)
        problems.push(
          `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
        );
      return;
    }
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value);
      if (rule.members) checkMembers(value as Record<string, unknown>, rule.members, `${path}.`, problems);
      return;
    case 'document':
      return;
  }
}

function wrongType(value: unknown): CognitoError {
  const found = Array.isArray(value)
    ? 'Start of list found where not expected'
    : typeof value === 'object'
      ? 'Start of structure or map found where not expected.'
      : `${typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'number' ? 'NUMBER_VALUE' : 'VALUE'} can not be converted to the expected type`;
  return new CognitoError('SerializationException', found);
}

// Shared member rules, as the API model defines them.
export const CLIENT_ID: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 128,
  pattern: /^[\w+]+$/,
  sensitive: true,
};
export const USER_POOL_ID: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 55,
  pattern: /^[\w-]+_[0-9a-zA-Z]+$/,
};
export const USERNAME: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 128,
  pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u,
  sensitive: true,
};
export const PASSWORD: Rule = {
  type: 'string',
  required: true,
  max: 256,
  pattern: /^[\S]+(.*[\S]+)?$/s,
  sensitive: true,
};
export const SECRET_HASH: Rule = { type: 'string', min: 1, max: 128, pattern: /^[\w+=/]+$/, sensitive: true };
export const CONFIRMATION_CODE: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 2048,
  pattern: /^[\S]+$/,
};
export const TOKEN: Rule = { type: 'string', required: true, pattern: /^[A-Za-z0-9-_=.]+$/, sensitive: true };
export const ATTRIBUTE_NAME: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 32,
  pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u,
};
export const ATTRIBUTE_LIST: Rule = {
  type: 'list',
  item: {
    type: 'structure',
    members: {
      Name: ATTRIBUTE_NAME,
      Value: { type: 'string', max: 2048, sensitive: true },
    },
  },
};
export const CLIENT_METADATA: Rule = { type: 'map' };
/** An app client's secret itself (RevokeToken, GetTokensFromRefreshToken). */
export const CLIENT_SECRET: Rule = { type: 'string', min: 1, max: 64, pattern: /^[\w+]+$/, sensitive: true };
/** A device's key, `<region>_<uuid>` (`DeviceKeyType`). */
export const DEVICE_KEY: Rule = { type: 'string', min: 1, max: 55, pattern: /^[\w-]+_[0-9a-f-]+$/ };
/** `DeviceRememberedStatus` of the status updates. */
export const REMEMBERED_STATUS: Rule = { type: 'string', enum: ['remembered', 'not_remembered'] };

/** The input of operations that send a user a code: ForgotPassword, ResendConfirmationCode. */
export const CODE_REQUEST: Shape = {
  ClientId: CLIENT_ID,
  SecretHash: SECRET_HASH,
  Username: USERNAME,
  ClientMetadata: CLIENT_METADATA,
};

/** A listing's `NextToken` / `PaginationToken`. */
export const PAGE_TOKEN: Rule = { type: 'string', min: 1, pattern: /^[\S]+$/ };

export const AUTH_FLOW_TYPES = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;

export const GROUP_NAME: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 128,
  pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u,
};
/** `Limit` of the group and user listings: 0..60 (AWS's maximum page). */
export const LIMIT: Rule = { type: 'integer', min: 0, max: 60 };

/** `UserPoolId` and `Username`: the input of most admin user operations. */
export const ADMIN_USER: Shape = { UserPoolId: USER_POOL_ID, Username: USERNAME };
