import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { CognitoAdminController } from '../admin/cognito-admin.controller.js';
import { CognitoAuthController } from '../auth/cognito-auth.controller.js';
import { cognitoModuleRequirement } from './cognito-module.requirement.js';

/** Which ready-made controllers `CognitoRestModule.forRoot` mounts. */
export interface CognitoRestModuleOptions {
  /** `CognitoAuthController`: the `/auth` routes (sign-up, sign-in, refresh, profile, sign-out, ...). Default true. */
  auth?: boolean;
  /** `CognitoAdminController`: the `/admin` routes, for members of `adminGroup` only. Default false. */
  admin?: boolean;
}

/**
 * nest-cognito's ready-made REST API, on top of a global `CognitoModule`:
 *
 * ```ts
 * imports: [
 *   CognitoModule.forRoot({ userPoolId, clientId, isGlobal: true }),
 *   CognitoRestModule.forRoot({ auth: true, admin: true }),
 * ]
 * ```
 *
 * The controllers take `CognitoAuthService`, `CognitoAdminService` and the guards from that
 * module; without it the application stops at boot with a message that says what to import.
 * Needs the optional peers `@nestjs/swagger`, `class-validator` and `class-transformer`.
 */
@Module({})
export class CognitoRestModule {
  static forRoot(options: CognitoRestModuleOptions = {}): DynamicModule {
    return {
      module: CognitoRestModule,
      controllers: controllersOf(options),
      providers: [cognitoModuleRequirement],
    };
  }
}

function controllersOf(options: CognitoRestModuleOptions): Type[] {
  const problems: string[] = [];
  const flag = (name: keyof CognitoRestModuleOptions, fallback: boolean): boolean => {
    const value = (options as Record<string, unknown>)[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') problems.push(`${name} must be true or false`);
    return value === true;
  };
  const auth = flag('auth', true);
  const admin = flag('admin', false);
  for (const key of Object.keys(options)) {
    if (key !== 'auth' && key !== 'admin') problems.push(`${key} is not an option (auth, admin)`);
  }
  if (problems.length === 0 && !auth && !admin)
    problems.push('auth and admin are both false: nothing to mount');
  if (problems.length > 0) {
    throw new Error(`Invalid CognitoRestModule options:\n  - ${problems.join('\n  - ')}`);
  }
  return [...(auth ? [CognitoAuthController] : []), ...(admin ? [CognitoAdminController] : [])];
}
