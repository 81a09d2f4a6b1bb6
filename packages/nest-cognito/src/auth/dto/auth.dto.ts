import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  AttributesField,
  CodeField,
  CurrentPasswordField,
  EmailField,
  NewPasswordField,
  OptionalTextField,
  TokenField,
} from '../../validation/dto-fields.js';

/** Request bodies of the `/auth` routes, with the constraints Cognito's API model puts on them. */

const ATTRIBUTES_EXAMPLE = { name: 'Jane Doe', 'custom:plan': 'pro' };

export class SignUpDto {
  @EmailField() email!: string;
  @NewPasswordField('password') password!: string;

  @OptionalTextField('Jane Doe', 2048) name?: string;

  @OptionalTextField('Jane', 2048) givenName?: string;

  @OptionalTextField('Doe', 2048) familyName?: string;

  @AttributesField(false, ATTRIBUTES_EXAMPLE) attributes?: Record<string, string>;
}

export class ConfirmSignUpDto {
  @EmailField() email!: string;
  @CodeField() code!: string;
}

export class EmailDto {
  @EmailField() email!: string;
}

export class SignInDto {
  @EmailField() email!: string;

  @CurrentPasswordField() password!: string;
}

export class RespondToChallengeDto {
  @EmailField() email!: string;

  @ApiProperty({ enum: ['NEW_PASSWORD_REQUIRED'], example: 'NEW_PASSWORD_REQUIRED' })
  @IsIn(['NEW_PASSWORD_REQUIRED'])
  challenge!: 'NEW_PASSWORD_REQUIRED';

  @ApiProperty({ description: 'The session from the sign-in answer.', example: 'AYABeC9...' })
  @IsString()
  @MinLength(20)
  @MaxLength(2048)
  session!: string;

  @NewPasswordField('newPassword', 'My-own-passw0rd') newPassword!: string;

  @AttributesField(false, ATTRIBUTES_EXAMPLE) attributes?: Record<string, string>;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in.', example: 'eyJjdHkiOiJKV1Qi...' })
  @TokenField('refreshToken', 8192)
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
  @EmailField() email!: string;
  @CodeField() code!: string;
  @NewPasswordField('newPassword', 'New-passw0rd!') newPassword!: string;
}

export class ChangePasswordDto {
  @CurrentPasswordField() previousPassword!: string;

  @NewPasswordField('proposedPassword', 'New-passw0rd!') proposedPassword!: string;
}

export class UpdateProfileDto {
  @AttributesField(true, ATTRIBUTES_EXAMPLE) attributes!: Record<string, string>;
}

export class VerifyAttributeDto {
  @ApiProperty({ example: 'email', enum: ['email', 'phone_number'] })
  @IsIn(['email', 'phone_number'])
  attribute!: 'email' | 'phone_number';

  @CodeField() code!: string;
}
