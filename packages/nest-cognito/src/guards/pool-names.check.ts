import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { COGNITO_POOLS } from '../decorators/cognito-pools.decorator.js';
import { DEFAULT_POOL } from '../tokens/cognito-user.js';

/**
 * Fails the start of the application when a `@CognitoPools()` names a pool the options do not
 * define: a misspelt name would otherwise refuse every token on its routes, with nothing to say why.
 * Reads the decorator on every controller and provider (resolvers, gateways) and their methods.
 */
@Injectable()
export class CognitoPoolNamesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(COGNITO_OPTIONS) private readonly options: ResolvedCognitoOptions,
  ) {}

  onApplicationBootstrap(): void {
    const known = new Set([DEFAULT_POOL, ...this.options.trustedPools.map((pool) => pool.name)]);
    const problems: string[] = [];
    const classes = new Set<object>();
    for (const wrapper of [...this.discovery.getControllers(), ...this.discovery.getProviders()]) {
      const type: unknown = wrapper.metatype;
      if (typeof type === 'function' && type.prototype) classes.add(type);
    }
    for (const type of classes as Set<{ name: string; prototype: object }>) {
      for (const [where, target] of decoratedTargets(type)) {
        const names = this.reflector.get<readonly string[] | undefined>(COGNITO_POOLS, target) ?? [];
        const unknown = names.filter((name) => !known.has(name));
        if (unknown.length > 0) problems.push(`${where} names ${unknown.join(', ')}`);
      }
    }
    if (problems.length > 0) {
      throw new Error(
        `@CognitoPools() names pools that CognitoModule's trustedPools do not define (known: ${[...known].join(', ')}):\n  - ${problems.join('\n  - ')}`,
      );
    }
  }
}

/** What `Reflector.get` reads metadata from: a class or a method. */
type Target = Parameters<Reflector['get']>[1];

/** The class and each of its methods (own and inherited), with a name for messages. */
function* decoratedTargets(type: { name: string; prototype: object }): Generator<[string, Target]> {
  yield [type.name, type as Target];
  const seen = new Set<string>();
  for (
    let proto = type.prototype;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key);
      const value = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
      if (typeof value === 'function') yield [`${type.name}.${key}`, value as Target];
    }
  }
}
