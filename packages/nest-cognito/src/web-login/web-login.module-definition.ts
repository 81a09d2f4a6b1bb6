import { ConfigurableModuleBuilder } from '@nestjs/common';
import { WEB_LOGIN_MODULE_OPTIONS } from './web-login.constants.js';
import type { CognitoWebLoginOptions } from './web-login.options.js';

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<CognitoWebLoginOptions>({
    optionsInjectionToken: WEB_LOGIN_MODULE_OPTIONS,
    moduleName: 'CognitoWebLogin',
  })
    .setClassMethodName('forRoot')
    .build();
