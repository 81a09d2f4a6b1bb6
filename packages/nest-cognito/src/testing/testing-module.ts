import type { TestingModuleBuilder } from '@nestjs/testing';

/** What `apply()` needs of `Test.createTestingModule(...)`: the builder, before `compile()`. */
export type Overridable = Pick<TestingModuleBuilder, 'overrideProvider'>;
