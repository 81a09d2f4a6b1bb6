import {
  Body,
  Controller,
  Delete,
  Get,
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
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCognitoErrors } from '../errors/api-errors.decorator.js';
import { CognitoExceptionFilter } from '../errors/cognito-exception.filter.js';
import { CognitoAuthGuard } from '../guards/cognito-auth.guard.js';
import { createCognitoValidationPipe } from '../validation/cognito-validation.pipe.js';
import { CognitoJsonBodyGuard } from '../validation/json-body.guard.js';
import { CognitoAdminGroupGuard } from './admin-group.guard.js';
import { CognitoAdminService } from './cognito-admin.service.js';
import type { AdminGroup, AdminUser, GroupsPage, UsersPage } from './cognito-admin.types.js';
import { AdminGroupDto, AdminUserDto, GroupsPageDto, UsersPageDto } from './dto/admin-responses.dto.js';
import {
  CreateGroupDto,
  CreateUserDto,
  EmailTemplatesDto,
  GroupNameParams,
  ListGroupsQueryDto,
  ListUsersQueryDto,
  SetPasswordDto,
  UpdateUserDto,
  UserDeviceParams,
  UserGroupParams,
  UsernameParams,
} from './dto/admin.dto.js';
import type { DeviceInfo, MfaPreferences, UserAuthFactors } from '../auth/cognito-auth.types.js';
import { DevicesPageDto, MfaPreferencesDto, UserAuthFactorsDto } from '../auth/dto/auth-responses.dto.js';
import { ListDevicesQueryDto, MfaPreferencesInputDto } from '../auth/dto/auth.dto.js';
import type { Page } from '../cognito/page.js';

const BAD_BODY: [string, string] = [
  'VALIDATION_FAILED',
  'The body, query or path is invalid; every problem is listed.',
];
const NOT_JSON: [string, string] = [
  'UNSUPPORTED_MEDIA_TYPE',
  'The body is not JSON (a form post, text/plain, ...).',
];
const BAD_TOKEN: [string, string] = ['INVALID_TOKEN', 'Missing, invalid, expired or revoked access token.'];
const NOT_ADMIN: [string, string] = ['FORBIDDEN', 'The caller is not in the admin group.'];
const NO_USER: [string, string] = ['USER_NOT_FOUND', 'No such user.'];

/**
 * The ready-made admin REST API over `CognitoAdminService`, for members of the admin group
 * (`adminGroup`, default `admin`). Mounted by `CognitoRestModule.forRoot({ admin: true })`.
 * Bodies are JSON only (415 otherwise); every error is `{ statusCode, code, message }`.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
@UseGuards(CognitoAuthGuard, CognitoAdminGroupGuard, CognitoJsonBodyGuard)
@UsePipes(createCognitoValidationPipe())
@UseFilters(CognitoExceptionFilter)
export class CognitoAdminController {
  constructor(private readonly admin: CognitoAdminService) {}

  @Post('users')
  @ApiOperation({
    summary: 'Create (and by default invite) a user who signs in with its email.',
    description:
      '`clientMetadata` goes to the pre sign-up trigger and to the custom message (or sender) trigger of the invitation.',
  })
  @ApiCreatedResponse({ type: AdminUserDto })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    BAD_TOKEN,
    NOT_ADMIN,
    ['USERNAME_EXISTS', 'A user has this email.'],
    ['INVALID_PASSWORD', 'The temporary password breaks the policy.'],
    ['RESOURCE_NOT_FOUND', 'A group does not exist.'],
  )
  createUser(@Body() body: CreateUserDto): Promise<AdminUser> {
    return this.admin.createUser(body);
  }

  @Get('users')
  @ApiOperation({ summary: 'One page of users (at most 60), optionally filtered.' })
  @ApiOkResponse({ type: UsersPageDto })
  @ApiCognitoErrors(BAD_BODY, BAD_TOKEN, NOT_ADMIN, [
    'INVALID_PARAMETER',
    'The filter or pagination token is invalid.',
  ])
  listUsers(@Query() query: ListUsersQueryDto): Promise<UsersPage> {
    return this.admin.listUsers(query);
  }

  @Get('users/:username')
  @ApiOperation({ summary: 'A user, by user name or email.' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  getUser(@Param() params: UsernameParams): Promise<AdminUser> {
    return this.admin.getUser(params.username);
  }

  @Patch('users/:username')
  @ApiOperation({
    summary: "Change a user's attributes (standard and custom).",
    description: '`clientMetadata` goes to the custom message (or sender) trigger of a verification code.',
  })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiCognitoErrors(
    BAD_BODY,
    NOT_JSON,
    BAD_TOKEN,
    NOT_ADMIN,
    NO_USER,
    ['INVALID_PARAMETER', 'An attribute is unknown or immutable.'],
    ['ALIAS_EXISTS', 'Another user has this email.'],
  )
  updateUser(@Param() params: UsernameParams, @Body() body: UpdateUserDto): Promise<AdminUser> {
    return this.admin.updateUser(params.username, body.attributes, { clientMetadata: body.clientMetadata });
  }

  @Delete('users/:username')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a user; its tokens stop working.' })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  async deleteUser(@Param() params: UsernameParams): Promise<void> {
    await this.admin.deleteUser(params.username);
  }

  @Post('users/:username/disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Disable a user: no sign-in, no refresh, its tokens refused.' })
  @ApiResponse({ status: 204, description: 'Disabled.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  async disableUser(@Param() params: UsernameParams): Promise<void> {
    await this.admin.disableUser(params.username);
  }

  @Post('users/:username/enable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Enable a disabled user.' })
  @ApiResponse({ status: 204, description: 'Enabled.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  async enableUser(@Param() params: UsernameParams): Promise<void> {
    await this.admin.enableUser(params.username);
  }

  @Post('users/:username/reset-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Require a password reset: a code is emailed, sign-in answers 403 until then.' })
  @ApiResponse({ status: 204, description: 'Reset required.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  async resetPassword(@Param() params: UsernameParams): Promise<void> {
    await this.admin.resetPassword(params.username);
  }

  @Post('users/:username/sign-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign a user out everywhere.' })
  @ApiResponse({ status: 204, description: 'Signed out.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  async signOut(@Param() params: UsernameParams): Promise<void> {
    await this.admin.globalSignOut(params.username);
  }

  @Put('users/:username/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Set a user's password, permanent or temporary." })
  @ApiResponse({ status: 204, description: 'Set.' })
  @ApiCognitoErrors(BAD_BODY, NOT_JSON, BAD_TOKEN, NOT_ADMIN, NO_USER, [
    'INVALID_PASSWORD',
    'The password breaks the policy.',
  ])
  async setPassword(@Param() params: UsernameParams, @Body() body: SetPasswordDto): Promise<void> {
    await this.admin.setPassword(params.username, body.password, body.permanent);
  }

  @Get('users/:username/groups')
  @ApiOperation({ summary: "A user's groups." })
  @ApiOkResponse({ type: [AdminGroupDto] })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  listGroupsForUser(@Param() params: UsernameParams): Promise<AdminGroup[]> {
    return this.admin.listGroupsForUser(params.username);
  }

  @Get('users/:username/mfa')
  @ApiOperation({ summary: "A user's second factors: those enabled and the preferred one." })
  @ApiOkResponse({ type: MfaPreferencesDto })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  getUserMfa(@Param() params: UsernameParams): Promise<MfaPreferences> {
    return this.admin.getUserMfaPreferences(params.username);
  }

  @Get('users/:username/factors')
  @ApiOperation({
    summary: "A user's ways in: the first factors it can sign in with, and its second factors.",
  })
  @ApiOkResponse({ type: UserAuthFactorsDto })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  getUserFactors(@Param() params: UsernameParams): Promise<UserAuthFactors> {
    return this.admin.userAuthFactors(params.username);
  }

  @Put('users/:username/mfa')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: "Turn a user's second factors on or off and choose the preferred one.",
    description: 'Factors not named stay as they are; `preferred: null` clears the preference.',
  })
  @ApiResponse({ status: 204, description: 'Done.' })
  @ApiCognitoErrors(BAD_BODY, NOT_JSON, BAD_TOKEN, NOT_ADMIN, NO_USER, [
    'INVALID_PARAMETER',
    'A factor the user cannot use (no verified app, phone or email) cannot be turned on.',
  ])
  async setUserMfa(@Param() params: UsernameParams, @Body() body: MfaPreferencesInputDto): Promise<void> {
    await this.admin.setUserMfaPreferences(params.username, body);
  }

  @Get('users/:username/devices')
  @ApiOperation({ summary: "A user's devices (where the pool tracks devices)." })
  @ApiOkResponse({ type: DevicesPageDto })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER)
  listUserDevices(
    @Param() params: UsernameParams,
    @Query() query: ListDevicesQueryDto,
  ): Promise<Page<DeviceInfo, 'devices', 'nextToken'>> {
    return this.admin.listUserDevices(params.username, query);
  }

  @Delete('users/:username/devices/:deviceKey')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Forget one of a user’s devices.' })
  @ApiResponse({ status: 204, description: 'Forgotten.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER, ['RESOURCE_NOT_FOUND', 'No such device of this user.'])
  async forgetUserDevice(@Param() params: UserDeviceParams): Promise<void> {
    await this.admin.forgetUserDevice(params.username, params.deviceKey);
  }

  @Put('users/:username/groups/:group')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Add a user to a group.' })
  @ApiResponse({ status: 204, description: 'Added.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER, ['RESOURCE_NOT_FOUND', 'No such group.'])
  async addToGroup(@Param() params: UserGroupParams): Promise<void> {
    await this.admin.addToGroups(params.username, [params.group]);
  }

  @Delete('users/:username/groups/:group')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a user from a group.' })
  @ApiResponse({ status: 204, description: 'Removed.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, NO_USER, ['RESOURCE_NOT_FOUND', 'No such group.'])
  async removeFromGroup(@Param() params: UserGroupParams): Promise<void> {
    await this.admin.removeFromGroup(params.username, params.group);
  }

  @Get('groups')
  @ApiOperation({ summary: 'One page of the groups of the pool (at most 60); `nextToken` for the next.' })
  @ApiOkResponse({ type: GroupsPageDto })
  @ApiCognitoErrors(BAD_BODY, BAD_TOKEN, NOT_ADMIN, ['INVALID_PARAMETER', 'The pagination token is invalid.'])
  listGroups(@Query() query: ListGroupsQueryDto): Promise<GroupsPage> {
    return this.admin.listGroups(query);
  }

  @Post('groups')
  @ApiOperation({ summary: 'Create a group.' })
  @ApiCreatedResponse({ type: AdminGroupDto })
  @ApiCognitoErrors(BAD_BODY, NOT_JSON, BAD_TOKEN, NOT_ADMIN, ['GROUP_EXISTS', 'A group has this name.'])
  createGroup(@Body() body: CreateGroupDto): Promise<AdminGroup> {
    return this.admin.createGroup(body);
  }

  @Delete('groups/:name')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a group (its members stay users).' })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiCognitoErrors(BAD_TOKEN, NOT_ADMIN, ['RESOURCE_NOT_FOUND', 'No such group.'])
  async deleteGroup(@Param() params: GroupNameParams): Promise<void> {
    await this.admin.deleteGroup(params.name);
  }

  @Put('email-templates')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Change the verification and invitation emails; every other pool setting is kept.',
  })
  @ApiResponse({ status: 204, description: 'Changed.' })
  @ApiCognitoErrors(BAD_BODY, NOT_JSON, BAD_TOKEN, NOT_ADMIN)
  async updateEmailTemplates(@Body() body: EmailTemplatesDto): Promise<void> {
    await this.admin.updateEmailTemplates(body);
  }
}
