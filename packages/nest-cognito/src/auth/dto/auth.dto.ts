import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsStringRecord } from '../../validation/is-string-record.validator.js';

const NO_EDGE_WHITESPACE = /^\S(.*\S)?$/s;

export class SignUpDto {
  @ApiProperty({ example: 'jane@example.com', maxLength: 128 })
  @IsEmail()
  @MaxLength(128)
  email!: string;

  @ApiProperty({ example: 'Correct-horse-9', minLength: 1, maxLength: 256, format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  @Matches(NO_EDGE_WHITESPACE, { message: 'password must not start or end with whitespace' })
  password!: string;

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

  @ApiPropertyOptional({
    description: 'Further attributes by name; custom ones as custom:<name>.',
    example: { 'custom:plan': 'pro' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  @IsStringRecord()
  attributes?: Record<string, string>;
}

export class ConfirmSignUpDto {
  @ApiProperty({ example: 'jane@example.com' })
  @IsEmail()
  @MaxLength(128)
  email!: string;

  @ApiProperty({ example: '123456', description: 'The code Cognito sent to the email.' })
  @IsString()
  @Matches(/^\S{1,2048}$/, { message: 'code must be a non-empty string without spaces' })
  code!: string;
}

export class SignInDto {
  @ApiProperty({ example: 'jane@example.com' })
  @IsEmail()
  @MaxLength(128)
  email!: string;

  @ApiProperty({ example: 'Correct-horse-9', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}
