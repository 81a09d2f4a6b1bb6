import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsClientMetadata } from './client-metadata.validator.js';
import { IsStringRecord } from './is-string-record.validator.js';

/**
 * The fields the REST DTOs share, each one decorator (`applyDecorators`): its OpenAPI description
 * and the constraints Cognito's API model puts on it, in one place for `/auth` and `/admin`.
 */

const NO_EDGE_WHITESPACE = /^\S(.*\S)?$/s;
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const CODE = /^\S{1,2048}$/;
const TOKEN = /^[A-Za-z0-9\-_=.+/]+$/;

/** A sign-in email (Cognito's user names are at most 128 characters). */
export const EmailField = () =>
  applyDecorators(ApiProperty({ example: 'jane@example.com', maxLength: 128 }), IsEmail(), MaxLength(128));

/** A password the user chooses: 1..256 characters, not starting or ending with whitespace. */
export function NewPasswordField(name: string, example = 'Correct-horse-9') {
  return applyDecorators(
    ApiProperty({ example, minLength: 1, maxLength: 256, format: 'password' }),
    IsString(),
    MinLength(1),
    MaxLength(256),
    Matches(NO_EDGE_WHITESPACE, { message: `${name} must not start or end with whitespace` }),
  );
}

/** A password the user already has: checked by Cognito, so only its length here. */
export const CurrentPasswordField = () =>
  applyDecorators(
    ApiProperty({ example: 'Correct-horse-9', format: 'password' }),
    IsString(),
    MinLength(1),
    MaxLength(256),
  );

/** A password an administrator sets (6..256, no edge whitespace); optional ones default to Cognito's. */
export function AdminPasswordField(name: string, optional: { description: string } | false = false) {
  return applyDecorators(
    ...(optional
      ? [ApiPropertyOptional({ example: 'Temp-passw0rd!', description: optional.description }), IsOptional()]
      : [ApiProperty({ example: 'New-passw0rd!', format: 'password' })]),
    IsString(),
    MinLength(6),
    MaxLength(256),
    Matches(NO_EDGE_WHITESPACE, { message: `${name} must not start or end with whitespace` }),
  );
}

/** A code Cognito sent (confirmation, reset, verification). */
export const CodeField = () =>
  applyDecorators(
    ApiProperty({ example: '123456', description: 'The code Cognito sent.' }),
    IsString(),
    Matches(CODE, { message: 'code must be a non-empty string without spaces' }),
  );

/** A token as Cognito issues it (base64url segments). */
export function TokenField(name: string, maxLength: number) {
  return applyDecorators(
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
    Matches(TOKEN, { message: `${name} is not a token` }),
  );
}

/** Attributes by name, values strings; required ones must name at least one. */
export function AttributesField(required: boolean, example: Record<string, string>) {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      description: 'Attributes by name; custom ones as custom:<name>.',
      example,
      type: 'object',
      additionalProperties: { type: 'string' },
    }),
    ...(required ? [] : [IsOptional()]),
    IsObject(),
    ...(required ? [IsNotEmptyObject()] : []),
    IsStringRecord(),
  );
}

/** A Cognito group name (1..128 printable characters). */
export const GroupNameField = (name: string) =>
  applyDecorators(
    ApiProperty({ example: 'staff' }),
    IsString(),
    Matches(GROUP_NAME, { message: `${name} must be a group name` }),
    MaxLength(128),
  );

/** Each of a list of group names, as `GroupNameField`. */
export const EachGroupName = () =>
  applyDecorators(
    IsString({ each: true }),
    Matches(GROUP_NAME, { each: true, message: 'each group must be a group name' }),
    MaxLength(128, { each: true }),
  );

/** An optional text of at most `maxLength` characters. */
export const OptionalTextField = (example: string, maxLength: number) =>
  applyDecorators(
    ApiPropertyOptional({ example, maxLength }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );

/** A page size from the query string: 1..60 (or the listing's own maximum). */
export const PageLimitField = (maximum = 60) =>
  applyDecorators(
    ApiPropertyOptional({ example: Math.min(20, maximum), minimum: 1, maximum }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(maximum),
  );

/** Cognito's device key: `<region>_<uuid>` (DeviceKeyType: `[\w-]+_[0-9a-f-]+`, at most 55 characters). */
const DEVICE_KEY = /^[\w-]+_[0-9a-f-]+$/;

/** A device key, required (a path parameter) or optional with its own description. */
export const DeviceKeyField = (optional: { description: string } | false = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ ...optional, example: 'eu-west-1_1f0b4a4e-9f43-4b1b-9e0c-9a117d8e5c1a' })
      : ApiProperty({
          description: 'A device key.',
          example: 'eu-west-1_1f0b4a4e-9f43-4b1b-9e0c-9a117d8e5c1a',
        }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(55),
    Matches(DEVICE_KEY, { message: 'deviceKey must be a device key' }),
  );

/** The `nextToken` of a listing from the query string: no blanks (Cognito would quote them back). */
export const PageTokenField = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'The `nextToken` of the previous page.' }),
    IsOptional(),
    IsString(),
    MaxLength(4096),
    Matches(/^\S+$/, { message: 'nextToken must be a page token' }),
  );

/** Optional `clientMetadata`: names to strings, handed to the pool's Lambda triggers. */
export const ClientMetadataField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description,
      example: { redirectUri: 'https://app.example.com/signed-in' },
      type: 'object',
      additionalProperties: { type: 'string' },
    }),
    IsOptional(),
    IsClientMetadata(),
  );
