import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseFilters,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { UsersOnly } from '../decorators/caller-kind.decorator.js';
import { AccessToken, CurrentUser } from '../decorators/current-user.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { ApiCognitoErrors } from '../errors/api-errors.decorator.js';
import { CognitoExceptionFilter } from '../errors/cognito-exception.filter.js';
import { CognitoAuthGuard } from '../guards/cognito-auth.guard.js';
import type { CognitoUser } from '../tokens/cognito-user.js';
import { createCognitoValidationPipe } from '../validation/cognito-validation.pipe.js';
import { CognitoJsonBodyGuard } from '../validation/json-body.guard.js';
import { CognitoAuthService } from './cognito-auth.service.js';
import type {
  ChallengeAnswer,
  DeviceInfo,
  MfaPreferences,
  PasskeyInfo,
  UserAuthFactors,
  RefreshedTokens,
  SignInOptions,
  SignInResult,
  SignUpResult,
  TotpSetup,
  UserProfile,
} from './cognito-auth.types.js';
import type { Page } from '../cognito/page.js';
import {
  ChallengeDto,
  DevicesPageDto,
  MfaPreferencesDto,
  PasskeyCreationOptionsDto,
  PasskeysPageDto,
  ProfileDto,
  RefreshedTokensDto,
  SignUpResultDto,
  TokensDto,
  TotpSetupDto,
  UserAuthFactorsDto,
} from './dto/auth-responses.dto.js';
import {
  ChangePasswordDto,
  ConfirmForgotPasswordDto,
  CustomSignInDto,
  ConfirmSignUpDto,
  CredentialIdParams,
  DeviceKeyParams,
  DeviceStatusDto,
  EmailDto,
  ListDevicesQueryDto,
  ListPasskeysQueryDto,
  MfaPreferencesInputDto,
  PasskeyCredentialDto,
  PasswordlessSignInDto,
  RefreshDto,
  RespondToChallengeDto,
  SignInDto,
  SignUpDto,
  TotpSetupSessionDto,
  UpdateProfileDto,
  VerifyAttributeDto,
  VerifyTotpDto,
} from './dto/auth.dto.js';
import { renderSVG } from 'uqr';

const BAD_BODY: [string, string] = ['VALIDATION_FAILED', 'The body is invalid; every problem is listed.'];
const NOT_JSON: [string, string] = [
  'UNSUPPORTED_MEDIA_TYPE',
  'The body is not JSON (a form post, text/plain, ...).',
];
const BAD_TOKEN: [string, string] = ['INVALID_TOKEN', 'Missing, invalid, expired or revoked access token.'];
const THROTTLED: [string, string] = ['TOO_MANY_REQUESTS', 'Cognito throttles this user or action.'];
const NO_TOTP: [string, string] = ['MFA_METHOD_NOT_FOUND', 'The pool does not offer authenticator apps.'];
const NO_PASSKEYS: [string, string] = [
  'WEB_AUTHN_NOT_ENABLED',
  'The pool does not allow passkeys (its sign-in policy).',
];
const CHALLENGE_RESULT = {
  description: 'Tokens, or a challenge to answer at /auth/respond-to-challenge.',
  schema: { oneOf: [{ $ref: getSchemaPath(TokensDto) }, { $ref: getSchemaPath(ChallengeDto) }] },
};

/**
 * The ready-made REST API over `CognitoAuthService`, mounted by `CognitoRestModule.forRoot({ auth: true })`.
 * Public routes are marked `@Public()` so that they also work under a global `CognitoAuthGuard`;
 * the others act on the caller's own account, so machine tokens are refused (`@UsersOnly()`).
 * Bodies are JSON only (415 otherwise); every error is `{ statusCode, code, message }`.
 */
@ApiTags('auth')
@ApiExtraModels(TokensDto, ChallengeDto)
@Controller('auth')
@UseGuards(CognitoJsonBodyGuard)
@UsePipes(createCognitoValidationPipe())
@UseFilters(CognitoExceptionFilter)
@UsersOnly()
export class CognitoAuthController {
  constructor(private readonly auth: CognitoAuthService) {}

  @Public()
  @Post('sign-up')
  @ApiOperation({
    summary: 'Register with email and password; Cognito emails a confirmation code.',
    description:
      '`clientMetadata` goes to the pre sign-up and custom message (or sender) triggers, and to post confirmation when pre sign-up confirms.',
  })
  @ApiResponse({
    status: 201,
    description: 'Registered; confirm with the emailed code.',
    type: SignUpResultDto,
  })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    ['INVALID_PASSWORD', 'The password does not meet the pool’s policy.'],
    ['INVALID_PARAMETER', 'An attribute does not fit the pool’s schema.'],
    ['USERNAME_EXISTS', 'An account with this email exists.'],
    THROTTLED,
  )
  signUp(@Body() body: SignUpDto): Promise<SignUpResult> {
    return this.auth.signUp(body);
  }

  @Public()
  @Post('confirm-sign-up')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Confirm a registration with the emailed code.',
    description: '`clientMetadata` goes to the post confirmation trigger.',
  })
  @ApiResponse({ status: 204, description: 'Confirmed.' })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    [
      'CODE_MISMATCH',
      'The code is wrong (the same for an unknown email or an account with nothing to confirm).',
    ],
    ['EXPIRED_CODE', 'The code expired; ask for a new one.'],
    ['TOO_MANY_FAILED_ATTEMPTS', 'Too many wrong codes.'],
    THROTTLED,
  )
  async confirmSignUp(@Body() body: ConfirmSignUpDto): Promise<void> {
    await this.auth.confirmSignUp(body.email, body.code, { clientMetadata: body.clientMetadata });
  }

  @Public()
  @Post('resend-confirmation-code')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a new confirmation code. Answers alike for every email.',
    description: '`clientMetadata` goes to the custom message (or sender) trigger.',
  })
  @ApiResponse({ status: 202, description: 'A code is on its way if the account exists and is unconfirmed.' })
  @ApiCognitoErrors(BAD_BODY, NOT_JSON, THROTTLED)
  async resendConfirmationCode(@Body() body: EmailDto): Promise<void> {
    await this.auth.resendConfirmationCode(body.email, { clientMetadata: body.clientMetadata });
  }

  @Public()
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email and password.',
    description:
      'Answers tokens, or a challenge `{ challenge, session, requiredAttributes, destination?, factors? }` to answer at /auth/respond-to-challenge: NEW_PASSWORD_REQUIRED (an account created by an administrator), SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP (a code), SELECT_MFA_TYPE (a factor), MFA_SETUP (set up an authenticator app: /auth/sign-in/totp-setup). `clientMetadata` goes to the pre authentication and user migration triggers (as `validationData`), and with SRP’s answer to post authentication and pre token generation.',
  })
  @ApiOkResponse(CHALLENGE_RESULT)
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    ['NOT_AUTHORIZED', 'Incorrect email or password (the same for an unknown email), or a disabled account.'],
    ['USER_NOT_CONFIRMED', 'The account is not confirmed yet.'],
    ['PASSWORD_RESET_REQUIRED', 'An administrator reset the password: use forgot-password.'],
    ['MFA_METHOD_NOT_FOUND', 'The pool requires MFA and offers this user no factor it can use.'],
    ['TOO_MANY_REQUESTS', 'Cognito throttles sign-ins.'],
  )
  signIn(@Body() body: SignInDto): Promise<SignInResult> {
    return this.auth.signIn(body.email, body.password, signInOptions(body));
  }

  @Public()
  @Post('sign-in/passwordless')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start a sign-in without a password: a code by email or SMS, or a passkey.',
    description:
      'Cognito’s choice-based sign-in (USER_AUTH). With `factor`: its challenge, EMAIL_OTP or SMS_OTP (a code sent to `destination`) or WEB_AUTHN (`credentialRequestOptions` for `navigator.credentials.get`). Without it, or when the pool does not allow it or the user cannot use it (no verified email or phone, no passkey): SELECT_CHALLENGE with the `choices`. Answer at /auth/respond-to-challenge. `clientMetadata` goes to the pre authentication trigger (as `validationData`).',
  })
  @ApiOkResponse(CHALLENGE_RESULT)
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    ['NOT_AUTHORIZED', 'A disabled account, or too many failed sign-ins (the same for an unknown email).'],
    ['CLIENT_MISCONFIGURED', 'The app client does not allow choice-based sign-in (ALLOW_USER_AUTH).'],
    THROTTLED,
  )
  signInWithoutPassword(@Body() body: PasswordlessSignInDto): Promise<SignInResult> {
    return this.auth.signInWithoutPassword(body.email, {
      ...(body.factor ? { factor: body.factor } : {}),
      clientMetadata: body.clientMetadata,
    });
  }

  @Public()
  @Post('sign-in/custom')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start a custom authentication, led by the pool’s auth challenge triggers.',
    description:
      'Cognito’s CUSTOM_AUTH: the pool’s define auth challenge trigger leads, its create trigger makes each CUSTOM_CHALLENGE (its public parameters answered as `parameters`: a question, where a code or link went), its verify trigger judges each answer. Answer at /auth/respond-to-challenge with `answer`. `clientMetadata` goes to the pre authentication trigger.',
  })
  @ApiOkResponse(CHALLENGE_RESULT)
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    [
      'NOT_AUTHORIZED',
      'The define trigger failed the sign-in, or a disabled account (the same for an unknown email).',
    ],
    ['USER_NOT_CONFIRMED', 'The account is not confirmed yet.'],
    ['REJECTED_BY_TRIGGER', 'A trigger refused the sign-in (it threw; its message is given).'],
    ['TRIGGER_FAILED', 'A trigger answered what Cognito cannot use, or could not be run.'],
    ['POOL_MISCONFIGURED', 'The pool has no custom authentication triggers.'],
    ['CLIENT_MISCONFIGURED', 'The app client does not allow custom authentication (ALLOW_CUSTOM_AUTH).'],
    THROTTLED,
  )
  signInWithCustomChallenge(@Body() body: CustomSignInDto): Promise<SignInResult> {
    return this.auth.signInWithCustomChallenge(body.email, { clientMetadata: body.clientMetadata });
  }

  @Public()
  @Post('respond-to-challenge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Answer a sign-in challenge: a new password, an MFA code, the choice of a factor, the first code of a new app, a one-time code, a passkey or a custom challenge.',
    description:
      'Answers tokens, or the next challenge (a new password may be followed by MFA, a choice of factor by its code, a wrong custom answer by the next round). SELECT_CHALLENGE takes `choice` (with `password` for PASSWORD and PASSWORD_SRP, proven here with SRP), EMAIL_OTP and SMS_OTP a `code`, WEB_AUTHN the `credential` of `navigator.credentials.get()`, CUSTOM_CHALLENGE the `answer`. `clientMetadata` goes to the triggers the answer runs: define, create and verify auth challenge, post authentication, pre token generation.',
  })
  @ApiOkResponse({ ...CHALLENGE_RESULT, description: 'Tokens, or the next challenge.' })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    ['INVALID_PASSWORD', 'The new password does not meet the pool’s policy.'],
    [
      'NOT_AUTHORIZED',
      'The session is invalid, spent or expired (or too many wrong codes), a wrong password, a passkey refused, or the define trigger failed the custom sign-in: sign in again.',
    ],
    ['CODE_MISMATCH', 'The code is wrong.'],
    [
      'INVALID_PARAMETER',
      'A required attribute is missing, the session is of another challenge, a factor not offered, or MFA_SETUP before an app was set up.',
    ],
    [
      'REJECTED_BY_TRIGGER',
      'A custom challenge’s trigger refused the answer (it threw; its message is given).',
    ],
    ['TRIGGER_FAILED', 'A custom challenge’s trigger answered what Cognito cannot use, or could not be run.'],
    ['POOL_MISCONFIGURED', 'The pool lacks a trigger the custom challenge needs.'],
  )
  respondToChallenge(@Body() body: RespondToChallengeDto): Promise<SignInResult> {
    return this.auth.respondToChallenge(challengeAnswer(body));
  }

  @Public()
  @Post('sign-in/totp-setup')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'At MFA_SETUP: the secret of a new authenticator app, for the sign-in’s session.',
    description:
      'Answer the MFA_SETUP challenge at /auth/respond-to-challenge with the session given here and the first code of the app.',
  })
  @ApiOkResponse({ type: TotpSetupDto })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    ['NOT_AUTHORIZED', 'The session is invalid, spent, expired or not of MFA_SETUP.'],
    NO_TOTP,
  )
  async totpSetupAtSignIn(@Body() body: TotpSetupSessionDto): Promise<TotpSetupDto> {
    return withQrCode(await this.auth.setUpTotp({ session: body.session }, body.email));
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'New access and ID tokens from a refresh token.' })
  @ApiOkResponse({
    description: 'Tokens; a new refresh token too where the app client rotates them.',
    type: RefreshedTokensDto,
  })
  @ApiCognitoErrors(BAD_BODY, NOT_JSON, [
    'NOT_AUTHORIZED',
    'The refresh token is invalid, expired or revoked.',
  ])
  refresh(@Body() body: RefreshDto): Promise<RefreshedTokens> {
    return this.auth.refresh(body.refreshToken, body.username, body.deviceKey);
  }

  @Public()
  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Email a password-reset code. Answers alike for every email.',
    description: '`clientMetadata` goes to the custom message (or sender) and user migration triggers.',
  })
  @ApiResponse({ status: 202, description: 'A code is on its way if the account can be reset.' })
  @ApiCognitoErrors(BAD_BODY, NOT_JSON, THROTTLED)
  async forgotPassword(@Body() body: EmailDto): Promise<void> {
    await this.auth.forgotPassword(body.email, { clientMetadata: body.clientMetadata });
  }

  @Public()
  @Post('confirm-forgot-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with the emailed reset code.',
    description: '`clientMetadata` goes to the post confirmation trigger.',
  })
  @ApiResponse({ status: 204, description: 'The password is changed.' })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    ['CODE_MISMATCH', 'The code is wrong (or the email unknown).'],
    ['EXPIRED_CODE', 'The code expired; ask for a new one.'],
    ['INVALID_PASSWORD', 'The new password does not meet the pool’s policy.'],
    THROTTLED,
  )
  async confirmForgotPassword(@Body() body: ConfirmForgotPasswordDto): Promise<void> {
    await this.auth.confirmForgotPassword(body.email, body.code, body.newPassword, {
      clientMetadata: body.clientMetadata,
    });
  }

  @Post('change-password')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change the signed-in user’s password.' })
  @ApiResponse({ status: 204, description: 'Changed.' })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    BAD_TOKEN,
    ['NOT_AUTHORIZED', 'The previous password is wrong.'],
    ['INVALID_PASSWORD', 'The proposed password does not meet the pool’s policy.'],
    THROTTLED,
  )
  async changePassword(@AccessToken() token: string, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(token, body.previousPassword, body.proposedPassword);
  }

  @Get('me')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user's profile." })
  @ApiOkResponse({ description: 'Profile.', type: ProfileDto })
  @ApiCognitoErrors(BAD_TOKEN)
  me(@CurrentUser() user: CognitoUser, @AccessToken() token: string): Promise<UserProfile> {
    return this.auth.getProfile(token, user.groups);
  }

  @Patch('me')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Change the signed-in user's attributes.",
    description:
      'A new email gets a verification code (see /auth/verify-attribute); `clientMetadata` goes to its custom message (or sender) trigger.',
  })
  @ApiOkResponse({ description: 'The profile after the change.', type: ProfileDto })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    BAD_TOKEN,
    ['INVALID_PARAMETER', 'An attribute does not exist, is immutable or does not fit the schema.'],
    ['NOT_AUTHORIZED', 'The app client may not write one of the attributes.'],
    ['ALIAS_EXISTS', 'Another account uses this email.'],
  )
  async updateMe(
    @CurrentUser() user: CognitoUser,
    @AccessToken() token: string,
    @Body() body: UpdateProfileDto,
  ): Promise<UserProfile> {
    await this.auth.updateProfile(token, body.attributes, { clientMetadata: body.clientMetadata });
    return this.auth.getProfile(token, user.groups);
  }

  @Post('verify-attribute')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Verify the email (or phone) with the code Cognito sent.' })
  @ApiResponse({ status: 204, description: 'Verified.' })
  @ApiCognitoErrors(
    BAD_BODY,
    BAD_TOKEN,
    ['CODE_MISMATCH', 'The code is wrong.'],
    ['EXPIRED_CODE', 'The code expired.'],
    ['ALIAS_EXISTS', 'Another account took this email meanwhile.'],
  )
  async verifyAttribute(@AccessToken() token: string, @Body() body: VerifyAttributeDto): Promise<void> {
    await this.auth.verifyAttribute(token, body.attribute, body.code);
  }

  @Post('sign-out')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out everywhere: every token of the user stops working.' })
  @ApiResponse({ status: 204, description: 'Signed out.' })
  @ApiCognitoErrors(BAD_TOKEN)
  async signOut(@AccessToken() token: string): Promise<void> {
    await this.auth.signOut(token);
  }

  @Delete('me')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Delete the signed-in user's account." })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiCognitoErrors(BAD_TOKEN)
  async deleteMe(@AccessToken() token: string): Promise<void> {
    await this.auth.deleteAccount(token);
  }

  @Post('mfa/totp')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Set up an authenticator app: its secret, `otpauth://` URI and QR code (SVG).',
    description:
      'Then POST /auth/mfa/totp/verify with the code the app shows, and PUT /auth/mfa to turn it on.',
  })
  @ApiOkResponse({ type: TotpSetupDto })
  @ApiCognitoErrors(BAD_TOKEN, NO_TOTP)
  async setUpTotp(@AccessToken() token: string): Promise<TotpSetupDto> {
    const profile = await this.auth.getProfile(token);
    return withQrCode(await this.auth.setUpTotp({ accessToken: token }, profile.email ?? profile.username));
  }

  @Post('mfa/totp/verify')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Verify the authenticator app being set up with the code it shows.' })
  @ApiResponse({ status: 204, description: 'Verified: the app can be turned on (PUT /auth/mfa).' })
  @ApiCognitoErrors(
    BAD_TOKEN,
    BAD_BODY,
    NOT_JSON,
    ['CODE_MISMATCH', 'The code is wrong, or was already used.'],
    ['INVALID_PARAMETER', 'No app is being set up (POST /auth/mfa/totp first).'],
    NO_TOTP,
  )
  async verifyTotp(@AccessToken() token: string, @Body() body: VerifyTotpDto): Promise<void> {
    await this.auth.verifyTotp(token, body.code, body.appName);
  }

  @Get('mfa')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user's second factors: enabled and preferred." })
  @ApiOkResponse({ type: MfaPreferencesDto })
  @ApiCognitoErrors(BAD_TOKEN)
  getMfa(@AccessToken() token: string): Promise<MfaPreferences> {
    return this.auth.getMfaPreferences(token);
  }

  @Put('mfa')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn second factors on or off, and choose the preferred one.' })
  @ApiResponse({ status: 204, description: 'Done.' })
  @ApiCognitoErrors(BAD_TOKEN, BAD_BODY, NOT_JSON, [
    'INVALID_PARAMETER',
    'A factor the user cannot use (an app not verified, no phone or email) cannot be turned on.',
  ])
  async setMfa(@AccessToken() token: string, @Body() body: MfaPreferencesInputDto): Promise<void> {
    await this.auth.setMfaPreferences(token, body);
  }

  @Get('factors')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "The signed-in user's ways in: the first factors it can sign in with, and its second factors.",
  })
  @ApiOkResponse({ type: UserAuthFactorsDto })
  @ApiCognitoErrors(BAD_TOKEN)
  factors(@AccessToken() token: string): Promise<UserAuthFactors> {
    return this.auth.authFactors(token);
  }

  @Post('passkeys/registration')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Start registering a passkey: the options for the browser’s `navigator.credentials.create`.',
    description: 'Then POST /auth/passkeys with what the browser made, within the options’ `timeout`.',
  })
  @ApiOkResponse({ type: PasskeyCreationOptionsDto })
  @ApiCognitoErrors(BAD_TOKEN, NO_PASSKEYS, [
    'POOL_MISCONFIGURED',
    'The pool has no relying party for passkeys (no RelyingPartyId, no domain).',
  ])
  async startPasskeyRegistration(@AccessToken() token: string): Promise<PasskeyCreationOptionsDto> {
    return { options: await this.auth.startPasskeyRegistration(token) };
  }

  @Post('passkeys')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register the passkey the browser made from the registration options.' })
  @ApiResponse({ status: 201, description: 'Registered: the user can sign in with it.' })
  @ApiCognitoErrors(
    BAD_TOKEN,
    BAD_BODY,
    NOT_JSON,
    NO_PASSKEYS,
    ['WEB_AUTHN_CHALLENGE_NOT_FOUND', 'No registration is pending (expired, or already completed).'],
    ['WEB_AUTHN_CLIENT_MISMATCH', 'The registration was started by another app client.'],
    ['WEB_AUTHN_ORIGIN_NOT_ALLOWED', 'The passkey was made on a page of an origin the pool does not accept.'],
    ['WEB_AUTHN_RELYING_PARTY_MISMATCH', 'The passkey was made for another relying party.'],
    [
      'WEB_AUTHN_CREDENTIAL_NOT_SUPPORTED',
      'The passkey’s signature, key type, attestation or user verification is refused.',
    ],
    ['INVALID_PARAMETER', 'Not a registration response, or a passkey already registered.'],
  )
  async completePasskeyRegistration(
    @AccessToken() token: string,
    @Body() body: PasskeyCredentialDto,
  ): Promise<void> {
    await this.auth.completePasskeyRegistration(token, body.credential);
  }

  @Get('passkeys')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user's passkeys." })
  @ApiOkResponse({ type: PasskeysPageDto })
  @ApiCognitoErrors(BAD_TOKEN, BAD_BODY, ['INVALID_PARAMETER', 'The page token is not one of this listing.'])
  listPasskeys(
    @AccessToken() token: string,
    @Query() query: ListPasskeysQueryDto,
  ): Promise<Page<PasskeyInfo, 'passkeys', 'nextToken'>> {
    return this.auth.listPasskeys(token, query);
  }

  @Delete('passkeys/:credentialId')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove one of the user’s passkeys: it no longer signs in.' })
  @ApiResponse({ status: 204, description: 'Removed.' })
  @ApiCognitoErrors(BAD_TOKEN, BAD_BODY, ['RESOURCE_NOT_FOUND', 'No such passkey of this user.'])
  async deletePasskey(@AccessToken() token: string, @Param() params: CredentialIdParams): Promise<void> {
    await this.auth.deletePasskey(token, params.credentialId);
  }

  @Get('devices')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user's devices (where the pool tracks devices)." })
  @ApiOkResponse({ type: DevicesPageDto })
  @ApiCognitoErrors(BAD_TOKEN, ['INVALID_PARAMETER', 'The pool does not track devices.'])
  listDevices(
    @AccessToken() token: string,
    @Query() query: ListDevicesQueryDto,
  ): Promise<Page<DeviceInfo, 'devices', 'nextToken'>> {
    return this.auth.listDevices(token, query);
  }

  @Put('devices/:deviceKey')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remember one of the user’s devices, or stop remembering it.' })
  @ApiResponse({ status: 204, description: 'Done.' })
  @ApiCognitoErrors(BAD_TOKEN, BAD_BODY, NOT_JSON, ['RESOURCE_NOT_FOUND', 'No such device of this user.'])
  async setDeviceStatus(
    @AccessToken() token: string,
    @Param() params: DeviceKeyParams,
    @Body() body: DeviceStatusDto,
  ): Promise<void> {
    await this.auth.setDeviceRemembered(token, params.deviceKey, body.remembered);
  }

  @Delete('devices/:deviceKey')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Forget one of the user’s devices.' })
  @ApiResponse({ status: 204, description: 'Forgotten.' })
  @ApiCognitoErrors(BAD_TOKEN, ['RESOURCE_NOT_FOUND', 'No such device of this user.'])
  async forgetDevice(@AccessToken() token: string, @Param() params: DeviceKeyParams): Promise<void> {
    await this.auth.forgetDevice(token, params.deviceKey);
  }
}

/** The device fields and `clientMetadata` of a body, as `SignInOptions` (absent ones left out). */
function signInOptions(body: SignInDto | RespondToChallengeDto): SignInOptions {
  return {
    ...(body.device ? { device: body.device } : {}),
    ...(body.rememberDevice ? { rememberDevice: true } : {}),
    ...(body.deviceName ? { deviceName: body.deviceName } : {}),
    ...(body.clientMetadata ? { clientMetadata: body.clientMetadata } : {}),
  };
}

/** The typed answer of a challenge body (the fields of other challenges left out). */
function challengeAnswer(body: RespondToChallengeDto): ChallengeAnswer {
  const common = { email: body.email, session: body.session, ...signInOptions(body) };
  // The DTO requires each challenge's own fields (ValidateIf): they are set for their challenge.
  switch (body.challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return {
        ...common,
        challenge: body.challenge,
        newPassword: body.newPassword!,
        ...(body.attributes ? { attributes: body.attributes } : {}),
      };
    case 'SELECT_MFA_TYPE':
      return { ...common, challenge: body.challenge, factor: body.factor! };
    case 'WEB_AUTHN':
      return { ...common, challenge: body.challenge, credential: body.credential! };
    case 'CUSTOM_CHALLENGE':
      return { ...common, challenge: body.challenge, answer: body.answer! };
    case 'SELECT_CHALLENGE':
      return body.choice === 'PASSWORD' || body.choice === 'PASSWORD_SRP'
        ? { ...common, challenge: body.challenge, choice: body.choice, password: body.password! }
        : { ...common, challenge: body.challenge, choice: body.choice! };
    default:
      return { ...common, challenge: body.challenge, code: body.code! };
  }
}

/**
 * A TOTP setup with its URI drawn as a QR code (SVG), since people scan rather than type. The
 * answer holds the secret: its routes answer `Cache-Control: no-store`.
 */
function withQrCode(setup: TotpSetup): TotpSetupDto {
  return { ...setup, qrCode: renderSVG(setup.uri) };
}
