import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessToken, CurrentUser } from '../decorators/current-user.decorator.js';
import { CognitoAuthGuard } from '../guards/cognito-auth.guard.js';
import type { CognitoUser } from '../tokens/cognito-user.js';
import { createCognitoValidationPipe } from '../validation/cognito-validation.pipe.js';
import { CognitoAuthService } from './cognito-auth.service.js';
import type { AuthTokens, SignUpResult, UserProfile } from './cognito-auth.types.js';
import { ConfirmSignUpDto, SignInDto, SignUpDto } from './dto/auth.dto.js';

const ERROR_BODY = {
  schema: {
    type: 'object',
    properties: {
      statusCode: { type: 'number' },
      code: { type: 'string' },
      message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    },
  },
};

/** The ready-made REST API over `CognitoAuthService`, mounted with `forRoot({ ..., controller: true })`. */
@ApiTags('auth')
@Controller('auth')
@UsePipes(createCognitoValidationPipe())
export class CognitoAuthController {
  constructor(private readonly auth: CognitoAuthService) {}

  @Post('sign-up')
  @ApiOperation({ summary: 'Register with email and password; Cognito emails a confirmation code.' })
  @ApiResponse({ status: 201, description: 'Registered; confirm with the emailed code.' })
  @ApiResponse({ status: 400, description: 'Invalid body or password policy not met.', ...ERROR_BODY })
  @ApiResponse({ status: 409, description: 'An account with this email exists.', ...ERROR_BODY })
  signUp(@Body() body: SignUpDto): Promise<SignUpResult> {
    return this.auth.signUp(body);
  }

  @Post('confirm-sign-up')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Confirm a registration with the emailed code.' })
  @ApiResponse({ status: 204, description: 'Confirmed.' })
  @ApiResponse({ status: 400, description: 'Wrong or expired code, or invalid body.', ...ERROR_BODY })
  async confirmSignUp(@Body() body: ConfirmSignUpDto): Promise<void> {
    await this.auth.confirmSignUp(body.email, body.code);
  }

  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password.' })
  @ApiResponse({ status: 200, description: 'Tokens.' })
  @ApiResponse({ status: 401, description: 'Incorrect email or password.', ...ERROR_BODY })
  @ApiResponse({ status: 403, description: 'The account is not confirmed.', ...ERROR_BODY })
  signIn(@Body() body: SignInDto): Promise<AuthTokens> {
    return this.auth.signIn(body.email, body.password);
  }

  @Get('me')
  @UseGuards(CognitoAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user's profile." })
  @ApiResponse({ status: 200, description: 'Profile.' })
  @ApiResponse({ status: 401, description: 'Missing, invalid, expired or revoked token.', ...ERROR_BODY })
  me(@CurrentUser() user: CognitoUser, @AccessToken() token: string): Promise<UserProfile> {
    return this.auth.getProfile(token, user.groups);
  }
}
