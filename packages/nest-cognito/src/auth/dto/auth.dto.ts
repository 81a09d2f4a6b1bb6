import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsStringRecord } from '../../validation/is-string-record.validator.js';

/** Request bodies of the `/auth` routes, with the constraints Cognito's API model puts on them. */

const NO_EDGE_WHITESPACE = /^\S(.*\S)?$/s;
const CODE = /^\S{1,2048}$/;
const CODE_MESSAGE = 'code must be a non-empty string without spaces';
const TOKEN = /^[A-Za-z0-9\-_=.+/]+$/;

function Email(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example: 'jane@example.com', maxLength: 128 })(target, key);
    IsEmail()(target, key);
    MaxLength(128)(target, key);
  };
}

function Password(example = 'Correct-horse-9'): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example, minLength: 1, maxLength: 256, format: 'password' })(target, key);
    IsString()(target, key);
    MinLength(1)(target, key);
    MaxLength(256)(target, key);
    Matches(NO_EDGE_WHITESPACE, { message: `${String(key)} must not start or end with whitespace` })(
      target,
      key,
    );
  };
}

function Code(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example: '123456', description: 'The code Cognito sent.' })(target, key);
    IsString()(target, key);
    Matches(CODE, { message: CODE_MESSAGE })(target, key);
  };
}

function Attributes(required: boolean): PropertyDecorator {
  return (target, key) => {
    (required ? ApiProperty : ApiPropertyOptional)({
      description: 'Attributes by name; custom ones as custom:<name>.',
      example: { name: 'Jane Doe', 'custom:plan': 'pro' },
      type: 'object',
      additionalProperties: { type: 'string' },
    })(target, key);
    if (!required) IsOptional()(target, key);
    IsObject()(target, key);
    if (required) IsNotEmptyObject()(target, key);
    IsStringRecord()(target, key);
  };
}

export class SignUpDto {
  @Email() email!: string;
  @Password() password!: string;

  @ApiPropertyOptional({ example: 'Jane Doe', maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  name?: string;

  @ApiPropertyOptional({ example: 'Jane', maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  givenName?: string;

  @ApiPropertyOptional({ example: 'Doe', maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  familyName?: string;

  @Attributes(false) attributes?: Record<string, string>;
}

export class ConfirmSignUpDto {
  @Email() email!: string;
  @Code() code!: string;
}

export class EmailDto {
  @Email() email!: string;
}

export class SignInDto {
  @Email() email!: string;

  @ApiProperty({ example: 'Correct-horse-9', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class RespondToChallengeDto {
  @Email() email!: string;

  @ApiProperty({ enum: ['NEW_PASSWORD_REQUIRED'], example: 'NEW_PASSWORD_REQUIRED' })
  @IsIn(['NEW_PASSWORD_REQUIRED'])
  challenge!: 'NEW_PASSWORD_REQUIRED';

  @ApiProperty({ description: 'The session from the sign-in answer.', example: 'AYABeC9...' })
  @IsString()
  @MinLength(20)
  @MaxLength(2048)
  session!: string;

  @Password('My-own-passw0rd') newPassword!: string;

  @Attributes(false) attributes?: Record<string, string>;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in.', example: 'eyJjdHkiOiJKV1Qi...' })
  @IsString()
  @MinLength(1)
  @MaxLength(8192)
  @Matches(TOKEN, { message: 'refreshToken is not a token' })
  refreshToken!: string;

  @ApiPropertyOptional({
    description:
      "The user's Cognito user name (the access token's `username` claim); required when the app client has a secret.",
    example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  username?: string;
}

export class ConfirmForgotPasswordDto {
  @Email() email!: string;
  @Code() code!: string;
  @Password('New-passw0rd!') newPassword!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'Correct-horse-9', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  previousPassword!: string;

  @Password('New-passw0rd!') proposedPassword!: string;
}

export class UpdateProfileDto {
  @Attributes(true) attributes!: Record<string, string>;
}

export class VerifyAttributeDto {
  @ApiProperty({ example: 'email', enum: ['email', 'phone_number'] })
  @IsIn(['email', 'phone_number'])
  attribute!: 'email' | 'phone_number';

  @Code() code!: string;
}
