import { ConfigurableModuleBuilder } from '@nestjs/common';
import { COGNITO_MODULE_OPTIONS } from './cognito.constants.js';
import type { CognitoModuleOptions } from './cognito.options.js';

export interface CognitoModuleExtras {
  /**
   * Register the module globally. Default false. `CognitoRestModule` (`nest-cognito/rest`) needs
   * it: its controllers take their services from a global `CognitoModule`.
   */
  isGlobal?: boolean;
}

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<CognitoModuleOptions>({
    optionsInjectionToken: COGNITO_MODULE_OPTIONS,
    moduleName: 'Cognito',
  })
    .setClassMethodName('forRoot')
    .setExtras<CognitoModuleExtras>({ isGlobal: false }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal ?? false,
    }))
    .build();
