import { ConfigurableModuleBuilder } from '@nestjs/common';
import { CognitoAdminController } from './admin/cognito-admin.controller.js';
import { CognitoAuthController } from './auth/cognito-auth.controller.js';
import { COGNITO_MODULE_OPTIONS } from './cognito.constants.js';
import type { CognitoModuleOptions } from './cognito.options.js';

export interface CognitoModuleExtras {
  /** Register the module globally. Default false. */
  isGlobal?: boolean;
  /** Mount the ready-made `/auth` REST controller. Default false. */
  controller?: boolean;
  /** Mount the ready-made `/admin` REST controller (members of `adminGroup` only). Default false. */
  adminController?: boolean;
}

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<CognitoModuleOptions>({
    optionsInjectionToken: COGNITO_MODULE_OPTIONS,
    moduleName: 'Cognito',
  })
    .setClassMethodName('forRoot')
    .setExtras<CognitoModuleExtras>(
      { isGlobal: false, controller: false, adminController: false },
      (definition, extras) => ({
        ...definition,
        global: extras.isGlobal ?? false,
        controllers: [
          ...(extras.controller ? [CognitoAuthController] : []),
          ...(extras.adminController ? [CognitoAdminController] : []),
        ],
      }),
    )
    .build();
