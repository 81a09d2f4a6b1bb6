import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUTH_CHALLENGE_NAMES,
  AUTH_FACTORS,
  FIRST_FACTORS,
  MFA_FACTORS,
  type AuthChallenge,
  type AuthChallengeName,
  type AuthFactor,
  type FirstFactor,
  type PasskeyCreationOptions,
  type PasskeyInfo,
  type PasskeyRequestOptions,
  type UserAuthFactors,
  type AuthTokens,
  type CodeDelivery,
  type DeviceInfo,
  type MfaFactor,
  type MfaPreferences,
  type NewDevice,
  type RefreshedTokens,
  type SignUpResult,
  type TotpSetup,
  type UserProfile,
} from '../cognito-auth.types.js';

/**
 * Response shapes of the `/auth` routes, for OpenAPI: each implements the result type of
 * `CognitoAuthService` it documents, so that the two cannot drift apart.
 */

export class CodeDeliveryDto implements CodeDelivery {
  @ApiProperty({ example: 'j***@e***' }) destination!: string;
  @ApiProperty({ enum: ['EMAIL', 'SMS'], example: 'EMAIL' }) medium!: 'EMAIL' | 'SMS';
  @ApiProperty({ example: 'email' }) attribute!: string;
}

export class SignUpResultDto implements SignUpResult {
  @ApiProperty({ example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11' }) userSub!: string;
  @ApiProperty({ example: false }) userConfirmed!: boolean;
  @ApiProperty({ type: CodeDeliveryDto, nullable: true }) codeDelivery!: CodeDeliveryDto | null;
}

export class RefreshedTokensDto implements RefreshedTokens {
  @ApiProperty({ example: 'eyJraWQiOiJ...' }) accessToken!: string;
  @ApiProperty({ example: 'eyJraWQiOiJ...' }) idToken!: string;
  @ApiProperty({ example: 3600, description: 'Seconds until the access token expires.' }) expiresIn!: number;
  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] }) tokenType!: 'Bearer';
}

export class NewDeviceDto implements NewDevice {
  @ApiProperty({ example: 'eu-west-1_1f0b4a4e-9f43-4b1b-9e0c-9a117d8e5c1a' }) deviceKey!: string;
  @ApiProperty({ example: '-Ab1Cd2Ef' }) deviceGroupKey!: string;
  @ApiProperty({ description: 'A secret: the device keeps it to sign in as this device again.' })
  devicePassword!: string;
  @ApiProperty({ example: true, description: 'False where the pool remembers devices only when told to.' })
  remembered!: boolean;
}

export class TokensDto extends RefreshedTokensDto implements AuthTokens {
  @ApiProperty({ example: 'eyJjdHkiOiJKV1Qi...' }) refreshToken!: string;
  @ApiPropertyOptional({
    type: NewDeviceDto,
    description: 'Where the pool tracks devices: the new device of this sign-in, confirmed.',
  })
  newDevice?: NewDeviceDto;
}

export class DeviceDto implements DeviceInfo {
  @ApiProperty({ example: 'eu-west-1_1f0b4a4e-9f43-4b1b-9e0c-9a117d8e5c1a' }) deviceKey!: string;
  @ApiProperty({ example: 'Firefox on Linux', nullable: true, type: String }) name!: string | null;
  @ApiProperty({ example: true }) remembered!: boolean;
  @ApiProperty({ example: '203.0.113.7', nullable: true, type: String }) lastIp!: string | null;
  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', nullable: true, type: String }) createdAt!:
    string | null;
  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', nullable: true, type: String })
  lastModifiedAt!: string | null;
  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', nullable: true, type: String })
  lastAuthenticatedAt!: string | null;
}

export class DevicesPageDto {
  @ApiProperty({ type: [DeviceDto] }) devices!: DeviceDto[];
  @ApiPropertyOptional({ description: 'Send back as `nextToken` for the next page.' }) nextToken?: string;
}

const CHALLENGE_NAMES = [...AUTH_CHALLENGE_NAMES];
const FACTORS = [...MFA_FACTORS];

export class ChallengeDto implements AuthChallenge {
  @ApiProperty({ enum: CHALLENGE_NAMES, example: 'SOFTWARE_TOKEN_MFA' })
  challenge!: AuthChallengeName;
  @ApiProperty({ example: 'AYABeC9...', description: 'Send back to /auth/respond-to-challenge.' })
  session!: string;
  @ApiProperty({
    example: [],
    type: [String],
    description: 'NEW_PASSWORD_REQUIRED: attributes to give with it.',
  })
  requiredAttributes!: string[];
  @ApiPropertyOptional({ example: '+*******0100', description: 'SMS_MFA, EMAIL_OTP: where the code went.' })
  destination?: string;
  @ApiPropertyOptional({
    enum: FACTORS,
    isArray: true,
    description: 'SELECT_MFA_TYPE: the factors to choose from; MFA_SETUP: those that can be set up.',
  })
  factors?: MfaFactor[];
  @ApiPropertyOptional({
    enum: [...FIRST_FACTORS],
    isArray: true,
    example: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'],
    description: 'SELECT_CHALLENGE: the first factors to choose from.',
  })
  choices?: FirstFactor[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {
      challenge: 'q0mIjQ6bX1Zp…',
      rpId: 'example.com',
      timeout: 180000,
      allowCredentials: [{ type: 'public-key', id: 'KEbWNCc7NgaYnUyrNeFGX9_3Y-8', transports: ['internal'] }],
      userVerification: 'preferred',
    },
    description:
      'WEB_AUTHN: PublicKeyCredentialRequestOptionsJSON, for `navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) })`.',
  })
  credentialRequestOptions?: PasskeyRequestOptions;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { delivery: 'EMAIL', destination: 'j***@e***' },
    description:
      'CUSTOM_CHALLENGE: the public parameters the pool’s create auth challenge trigger set (what to show the user).',
  })
  parameters?: Record<string, string>;
}

export class PasskeyCreationOptionsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      challenge: 'Lx3n9N0fS2qf…',
      rp: { id: 'example.com', name: 'example.com' },
      user: { id: 'N2Q4ZTVjMWEt…', name: 'jane@example.com', displayName: 'jane@example.com' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      timeout: 180000,
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    },
    description:
      'PublicKeyCredentialCreationOptionsJSON, for `navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })`.',
  })
  options!: PasskeyCreationOptions;
}

export class PasskeyDto implements PasskeyInfo {
  @ApiProperty({ example: 'KEbWNCc7NgaYnUyrNeFGX9_3Y-8' }) credentialId!: string;
  @ApiProperty({ example: 'Passkey (authenticator 0f1e2d3c-…)' }) name!: string;
  @ApiProperty({ example: 'example.com' }) relyingPartyId!: string;
  @ApiProperty({ example: 'platform', nullable: true, type: String }) attachment!: string | null;
  @ApiProperty({ example: ['internal', 'hybrid'], type: [String] }) transports!: string[];
  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', nullable: true, type: String }) createdAt!:
    string | null;
}

export class PasskeysPageDto {
  @ApiProperty({ type: [PasskeyDto] }) passkeys!: PasskeyDto[];
  @ApiPropertyOptional({ description: 'Send back as `nextToken` for the next page.' }) nextToken?: string;
}

export class TotpSetupDto implements TotpSetup {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXP...', description: 'Base32, to type into an authenticator app.' })
  secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Cognito:jane%40example.com?secret=...&issuer=Cognito' })
  uri!: string;
  @ApiProperty({
    example: '<svg xmlns="http://www.w3.org/2000/svg" ...',
    description: 'The URI as a QR code (SVG).',
  })
  qrCode!: string;
  @ApiPropertyOptional({ description: 'At MFA_SETUP: the session to answer the challenge with.' })
  session?: string;
}

export class MfaPreferencesDto implements MfaPreferences {
  @ApiProperty({ enum: FACTORS, isArray: true, example: ['TOTP'] }) enabled!: MfaFactor[];
  @ApiProperty({ enum: FACTORS, nullable: true, example: 'TOTP' }) preferred!: MfaFactor | null;
}

export class UserAuthFactorsDto implements UserAuthFactors {
  @ApiProperty({ example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11' }) username!: string;
  @ApiProperty({
    enum: [...AUTH_FACTORS],
    isArray: true,
    example: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
    description: 'First factors the user can use where the pool allows them, and the second factors on.',
  })
  factors!: AuthFactor[];
  @ApiProperty({ type: MfaPreferencesDto }) mfa!: MfaPreferencesDto;
}

export class ProfileDto implements UserProfile {
  @ApiProperty({ example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11' }) sub!: string;
  @ApiProperty({ example: '7d8e5c1a-1f0b-4a4e-9f43-2b1b1e0c9a11' }) username!: string;
  @ApiPropertyOptional({ example: 'jane@example.com', nullable: true }) email!: string | null;
  @ApiProperty({ example: true }) emailVerified!: boolean;
  @ApiProperty({ example: ['admin'], type: [String] }) groups!: string[];
  @ApiProperty({
    example: { sub: '7d8e5c1a-…', email: 'jane@example.com', email_verified: 'true', name: 'Jane Doe' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  attributes!: Record<string, string>;
}
