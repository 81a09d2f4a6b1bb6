import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { COGNITO_USER } from '../decorators/current-user.decorator.js';
import { forbiddenError, missingGroup } from '../guards/authorization.js';
import { requestOf } from '../guards/token-sources.js';
import type { CognitoUser } from '../tokens/cognito-user.js';

/**
 * After `CognitoAuthGuard`: only members of the configured admin group (`adminGroup`, default
 * `admin`) pass; anyone else authenticated is a 403, answered as `CognitoAuthGuard` answers one.
 */
@Injectable()
export class CognitoAdminGroupGuard implements CanActivate {
  constructor(@Inject(COGNITO_OPTIONS) private readonly options: ResolvedCognitoOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const user = (requestOf(context) as { [COGNITO_USER]?: CognitoUser })[COGNITO_USER];
    const problem = missingGroup(user, this.options.adminGroup);
    if (problem) throw forbiddenError(context, problem);
    return true;
  }
}
