import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass } from './cognito.module-definition.js';
import { removedOptions } from './cognito.options.js';
import { cognitoExports, cognitoProviders } from './cognito.providers.js';

/** `DiscoveryModule` lets the start-up check read every `@CognitoPools()` of the application. */
@Module({ imports: [DiscoveryModule], providers: cognitoProviders, exports: cognitoExports })
export class CognitoModule extends ConfigurableModuleClass {
  /** `forRoot`'s options are checked when resolved; `forRootAsync`'s extras are checked here. */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    const removed = removedOptions(options);
    if (removed.length > 0) throw new Error(`Invalid CognitoModule options:\n  - ${removed.join('\n  - ')}`);
    return super.forRootAsync(options);
  }
}
