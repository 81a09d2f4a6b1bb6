import type { FactoryProvider } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import { CognitoModule } from '../cognito.module.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';

/** Resolved before the controllers of `CognitoRestModule`: its factory checks that they can be built. */
export const COGNITO_REST_REQUIREMENT = Symbol('COGNITO_REST_REQUIREMENT');

const NOT_IMPORTED =
  'CognitoRestModule needs CognitoModule: import CognitoModule.forRoot({ ..., isGlobal: true }) ' +
  '(or forRootAsync) in the application module.';
const NOT_GLOBAL =
  'CognitoRestModule needs CognitoModule registered globally: pass isGlobal: true to ' +
  'CognitoModule.forRoot / forRootAsync (its controllers take their services from it).';

/** Why `CognitoRestModule` cannot see the services of a `CognitoModule`, given the application's modules. */
export function missingCognitoModule(modules: Iterable<{ metatype: unknown }>): string {
  for (const module of modules) if (module.metatype === CognitoModule) return NOT_GLOBAL;
  return NOT_IMPORTED;
}

/**
 * Fails the boot with a message naming the fix when no global `CognitoModule` provides the
 * services the controllers need (Nest's own message would name a constructor argument index).
 * Providers of a module are built before its controllers, so this speaks first.
 */
export const cognitoModuleRequirement: FactoryProvider<true> = {
  provide: COGNITO_REST_REQUIREMENT,
  inject: [ModulesContainer, { token: COGNITO_OPTIONS, optional: true }],
  useFactory: (modules: ModulesContainer, options?: ResolvedCognitoOptions) => {
    if (options === undefined) throw new Error(missingCognitoModule(modules.values()));
    return true;
  },
};
