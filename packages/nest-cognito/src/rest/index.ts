/**
 * `nest-cognito/rest`: the ready-made REST API (controllers, request and response DTOs, OpenAPI
 * decorators, the validation pipe). Needs the optional peers `@nestjs/swagger`, `class-validator`
 * and `class-transformer`; the root entry `nest-cognito` never loads them.
 */
export { CognitoRestModule, type CognitoRestModuleOptions } from './cognito-rest.module.js';
export { CognitoAdminController } from '../admin/cognito-admin.controller.js';
export * from '../admin/dto/admin.dto.js';
export * from '../admin/dto/admin-responses.dto.js';
export { CognitoAuthController } from '../auth/cognito-auth.controller.js';
export * from '../auth/dto/auth.dto.js';
export * from '../auth/dto/auth-responses.dto.js';
export { type ApiErrorCase, ApiCognitoErrors } from '../errors/api-errors.decorator.js';
export { CognitoValidationPipe, createCognitoValidationPipe } from '../validation/cognito-validation.pipe.js';
