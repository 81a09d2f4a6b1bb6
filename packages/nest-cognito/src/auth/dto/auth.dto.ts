import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AttributesField,
  ClientMetadataField,
  CodeField,
  CurrentPasswordField,
  DeviceKeyField,
  EmailField,
  NewPasswordField,
  OptionalTextField,
  PageLimitField,
  PageTokenField,
  TokenField,
} from '../../validation/dto-fields.js';
import {
  AUTH_CHALLENGE_NAMES,
  type AuthChallengeName,
  FIRST_FACTORS,
  type FirstFactor,
  MFA_FACTORS,
  type MfaFactor,
  type PasskeyCredential,
  PASSWORDLESS_FACTORS,
  type PasswordlessFactor,
} from '../cognito-auth.types.js';
import { IsPasskeyCredential } from '../../validation/passkey-credential.validator.js';

/** Request bodies of the `/auth` routes, with the constraints Cognito's API model puts on them. */

const ATTRIBUTES_EXAMPLE = { name: 'Jane Doe', 'custom:plan': 'pro' };

/**
 * `clientMetadata` of the routes whose Cognito operation takes `ClientMetadata`; each route's
 * description says which triggers get it.
 */
export class ClientMetadataDto {
  @ClientMetadataField(
    'Handed to the pool’s Lambda triggers this call runs (Cognito’s `ClientMetadata`): untrusted input to them.',
  )
  clientMetadata?: Record<string, string>;
}

export class SignUpDto extends ClientMetadataDto {
  @EmailField() email!: string;
  @NewPasswordField('password') password!: string;

  @OptionalTextField('Jane Doe', 2048) name?: string;

  @OptionalTextField('Jane', 2048) givenName?: string;

  @OptionalTextField('Doe', 2048) familyName?: string;

  @AttributesField(false, ATTRIBUTES_EXAMPLE) attributes?: Record<string, string>;
}

export class ConfirmSignUpDto extends ClientMetadataDto {
  @EmailField() email!: string;
  @CodeField() code!: string;
}

export class EmailDto extends ClientMetadataDto {
  @EmailField() email!: string;
}

export class DeviceKeyParams {
  @DeviceKeyField() deviceKey!: string;
}

/** A confirmed device's credentials, as `newDevice` of an earlier sign-in gave them. */
export class DeviceCredentialsDto extends DeviceKeyParams {
  @ApiProperty({ example: '-Ab1Cd2Ef' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  deviceGroupKey!: string;

  @ApiProperty({ description: 'The device’s own password (a secret the device keeps).', example: 'q9Xk…' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  devicePassword!: string;
}

/** The device fields of a sign-in (and of the answers that may follow it), and its `clientMetadata`. */
class DeviceOptionsDto extends ClientMetadataDto {
  @ApiPropertyOptional({
    type: DeviceCredentialsDto,
    description: 'A device confirmed at an earlier sign-in (its `newDevice`): sign in as it.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeviceCredentialsDto)
  device?: DeviceCredentialsDto;

  @ApiPropertyOptional({
    description:
      'Where the pool tracks devices: confirm the new device Cognito offers and answer its credentials as `newDevice`.',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  rememberDevice?: boolean;

  @OptionalTextField('Firefox on Linux', 1024) deviceName?: string;
}

export class SignInDto extends DeviceOptionsDto {
  @EmailField() email!: string;

  @CurrentPasswordField() password!: string;
}

export class ListDevicesQueryDto {
  @PageLimitField() limit?: number;

  @PageTokenField() nextToken?: string;
}

export class DeviceStatusDto {
  @ApiProperty({ description: 'Whether Cognito remembers the device.', example: true })
  @IsBoolean()
  remembered!: boolean;
}

const SessionField = () =>
  applyDecorators(
    ApiProperty({ description: 'The session from the sign-in answer.', example: 'AYABeC9...' }),
    IsString(),
    MinLength(20),
    MaxLength(2048),
  );

const CODE_CHALLENGES: readonly string[] = [
  'SOFTWARE_TOKEN_MFA',
  'SMS_MFA',
  'EMAIL_OTP',
  'SMS_OTP',
  'MFA_SETUP',
];
const PASSWORD_CHOICES: readonly string[] = ['PASSWORD', 'PASSWORD_SRP'];

/** A passkey credential, as the browser's `PublicKeyCredential.toJSON()` gives it. */
const PasskeyCredentialField = (description: string, required = true) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      description,
      type: 'object',
      additionalProperties: true,
      example: {
        id: 'KEbWNCc7NgaYnUyrNeFGX9_3Y-8',
        rawId: 'KEbWNCc7NgaYnUyrNeFGX9_3Y-8',
        type: 'public-key',
        response: { clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0Ii…' },
      },
    }),
    IsPasskeyCredential(),
  );

/** A one-time code: 6 to 8 digits (authenticator apps show 6; Cognito's SMS and email codes are 6 or 8). */
const OneTimeCodeField = (description: string) =>
  applyDecorators(
    ApiProperty({ description, example: '123456' }),
    IsString(),
    Matches(/^\d{6,8}$/, { message: 'code must be 6 to 8 digits' }),
  );

export class RespondToChallengeDto extends DeviceOptionsDto {
  @EmailField() email!: string;

  @ApiProperty({ enum: [...AUTH_CHALLENGE_NAMES], example: 'NEW_PASSWORD_REQUIRED' })
  @IsIn(AUTH_CHALLENGE_NAMES)
  challenge!: AuthChallengeName;

  @SessionField() session!: string;

  @ValidateIf((body: RespondToChallengeDto) => body.challenge === 'NEW_PASSWORD_REQUIRED')
  @NewPasswordField('newPassword', 'My-own-passw0rd')
  newPassword?: string;

  @AttributesField(false, ATTRIBUTES_EXAMPLE) attributes?: Record<string, string>;

  @ValidateIf((body: RespondToChallengeDto) => CODE_CHALLENGES.includes(body.challenge))
  @OneTimeCodeField('SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP: the code; MFA_SETUP: the first code of the app.')
  code?: string;

  @ApiPropertyOptional({ enum: [...MFA_FACTORS], description: 'SELECT_MFA_TYPE: the factor chosen.' })
  @ValidateIf((body: RespondToChallengeDto) => body.challenge === 'SELECT_MFA_TYPE')
  @IsIn(MFA_FACTORS)
  factor?: MfaFactor;

  @ApiPropertyOptional({
    enum: [...FIRST_FACTORS],
    description: 'SELECT_CHALLENGE: the first factor chosen, one of the challenge’s `choices`.',
  })
  @ValidateIf((body: RespondToChallengeDto) => body.challenge === 'SELECT_CHALLENGE')
  @IsIn(FIRST_FACTORS)
  choice?: FirstFactor;

  @ApiPropertyOptional({
    description: 'SELECT_CHALLENGE with `choice` PASSWORD or PASSWORD_SRP: the password.',
    format: 'password',
  })
  @ValidateIf(
    (body: RespondToChallengeDto) =>
      body.challenge === 'SELECT_CHALLENGE' && PASSWORD_CHOICES.includes(body.choice ?? ''),
  )
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password?: string;

  @ValidateIf((body: RespondToChallengeDto) => body.challenge === 'WEB_AUTHN')
  @PasskeyCredentialField(
    'WEB_AUTHN: what `navigator.credentials.get()` gave for the challenge’s options, as `credential.toJSON()`.',
    false,
  )
  credential?: PasskeyCredential;

  @ApiPropertyOptional({
    description:
      'CUSTOM_CHALLENGE: the user’s answer, for the pool’s verify auth challenge response trigger.',
    example: '482913',
    maxLength: 2048,
  })
  @ValidateIf((body: RespondToChallengeDto) => body.challenge === 'CUSTOM_CHALLENGE')
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  answer?: string;
}

export class CustomSignInDto {
  @EmailField() email!: string;

  @ClientMetadataField('Handed to the pool’s pre authentication trigger (as its `validationData`).')
  clientMetadata?: Record<string, string>;
}

export class PasswordlessSignInDto extends ClientMetadataDto {
  @EmailField() email!: string;

  @ApiPropertyOptional({
    enum: [...PASSWORDLESS_FACTORS],
    description:
      'The factor to start with; without it, or when the user cannot use it, the answer is SELECT_CHALLENGE.',
  })
  @IsOptional()
  @IsIn(PASSWORDLESS_FACTORS)
  factor?: PasswordlessFactor;
}

export class PasskeyCredentialDto {
  @PasskeyCredentialField(
    'What `navigator.credentials.create()` gave for the registration options, as `credential.toJSON()`.',
  )
  credential!: PasskeyCredential;
}

export class CredentialIdParams {
  @ApiProperty({
    description: 'A passkey’s credential id (base64url).',
    example: 'KEbWNCc7NgaYnUyrNeFGX9_3Y-8',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,1364}$/, { message: 'credentialId must be a credential id (base64url)' })
  credentialId!: string;
}

export class ListPasskeysQueryDto {
  @PageLimitField(20) limit?: number;

  @PageTokenField() nextToken?: string;
}

/** MFA_SETUP at sign-in: the secret of a new authenticator app for the sign-in's session. */
export class TotpSetupSessionDto {
  @EmailField() email!: string;
  @SessionField() session!: string;
}

export class VerifyTotpDto {
  @OneTimeCodeField('The code the app shows now.') code!: string;
  /** What Cognito calls the app (`FriendlyDeviceName`). */
  @OptionalTextField('Authenticator on my phone', 256) appName?: string;
}

export class MfaPreferencesInputDto {
  @ApiPropertyOptional({
    example: true,
    description: 'Authenticator app on or off (it must be set up first).',
  })
  @IsOptional()
  @IsBoolean()
  totp?: boolean;

  @ApiPropertyOptional({ example: false, description: 'Codes by SMS on or off.' })
  @IsOptional()
  @IsBoolean()
  sms?: boolean;

  @ApiPropertyOptional({ example: false, description: 'Codes by email on or off.' })
  @IsOptional()
  @IsBoolean()
  email?: boolean;

  @ApiPropertyOptional({
    enum: [...MFA_FACTORS],
    nullable: true,
    description: 'The preferred factor; null for none.',
  })
  @IsOptional()
  @IsIn(MFA_FACTORS)
  preferred?: MfaFactor | null;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in.', example: 'eyJjdHkiOiJKV1Qi...' })
  @TokenField('refreshToken', 8192)
  refreshToken!: string;

  @ApiPropertyOptional({
    description:
      "The user's Cognito user name (the access token's `username` claim); required when the app client has a secret (unless it rotates refresh tokens).",
    example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  username?: string;

  @DeviceKeyField({
    description: 'The key of the device the refresh token was issued to, where the pool tracks devices.',
  })
  deviceKey?: string;
}

export class ConfirmForgotPasswordDto extends ClientMetadataDto {
  @EmailField() email!: string;
  @CodeField() code!: string;
  @NewPasswordField('newPassword', 'New-passw0rd!') newPassword!: string;
}

export class ChangePasswordDto {
  @CurrentPasswordField() previousPassword!: string;

  @NewPasswordField('proposedPassword', 'New-passw0rd!') proposedPassword!: string;
}

export class UpdateProfileDto extends ClientMetadataDto {
  @AttributesField(true, ATTRIBUTES_EXAMPLE) attributes!: Record<string, string>;
}

export class VerifyAttributeDto {
  @ApiProperty({ example: 'email', enum: ['email', 'phone_number'] })
  @IsIn(['email', 'phone_number'])
  attribute!: 'email' | 'phone_number';

  @CodeField() code!: string;
}
