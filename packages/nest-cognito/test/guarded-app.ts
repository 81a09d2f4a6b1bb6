import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import {
  AccessToken,
  CognitoAuthGuard,
  CognitoModule,
  type CognitoModuleOptions,
  type CognitoUser,
  CurrentUser,
  Groups,
  OptionalAuth,
  Public,
  Scopes,
} from '../src/index.js';
import { CognitoRestModule } from '../src/rest/index.js';

/** Routes behind the guard, one per feature, for the guard's tests and benchmarks. */
@Controller('t')
@UseGuards(CognitoAuthGuard)
class GuardedController {
  @Get('me')
  me(@CurrentUser() user: CognitoUser) {
    return { sub: user.sub, username: user.username, groups: user.groups, tokenUse: user.tokenUse };
  }

  @Get('token')
  token(@AccessToken() token: string) {
    return { length: token.length };
  }

  @Get('open')
  @Public()
  open(@CurrentUser() user: CognitoUser | undefined) {
    return { user: user?.sub ?? null };
  }

  @Get('optional')
  @OptionalAuth()
  optional(@CurrentUser() user: CognitoUser | undefined) {
    return { user: user?.sub ?? null };
  }

  @Get('admins')
  @Groups('admin', 'ops')
  admins() {
    return { ok: true };
  }

  @Get('admins-and-ops')
  @Groups.all('admin', 'ops')
  adminsAndOps() {
    return { ok: true };
  }

  @Get('orders')
  @Scopes('orders/read', 'orders/admin')
  orders() {
    return { ok: true };
  }

  @Get('orders-write')
  @Scopes.all('orders/read', 'orders/write')
  ordersWrite() {
    return { ok: true };
  }
}

/** The controller above with `CognitoModule` (and its /auth routes) configured by `options`. */
export function guardedApp(options: CognitoModuleOptions) {
  @Module({
    imports: [
      CognitoModule.forRoot({ ...options, isGlobal: true }),
      CognitoRestModule.forRoot({ auth: true }),
    ],
    controllers: [GuardedController],
  })
  class GuardedAppModule {}
  return GuardedAppModule;
}
