import { ChallengeService } from './services/challenges.js';
import { CodeService } from './store/codes.js';
import { DeviceStore } from './store/devices.js';
import { DomainStore } from './store/domains.js';
import { GroupService } from './store/groups.js';
import { InvocationLog } from './lambda/invocations.js';
import { LambdaInvoker, type LambdaInvokerOptions } from './lambda/invoker.js';
import { LockoutStore } from './store/lockout.js';
import { MfaStore } from './store/mfa.js';
import { Outbox } from './store/outbox.js';
import { PasswordHasher } from './services/passwords.js';
import { PoolService } from './store/pools.js';
import { ResourceServerStore } from './store/resource-servers.js';
import { TokenService } from './services/tokens.js';
import { preTokenGeneration } from './services/trigger-tokens.js';
import { UserService } from './store/users.js';
import type { Db } from './store/database.js';

export interface ContextOptions {
  /** Region of the pools this emulator creates (their ids start with it). */
  region?: string;
  /** scrypt cost of stored passwords, as log2(N). */
  passwordCost?: number;
  /** The clock, in epoch milliseconds; tests may move it. */
  now?: () => number;
  /** Where triggers' functions run (in this process, an Invoke API) and how long they may take. */
  lambdas?: Omit<LambdaInvokerOptions, 'now'>;
}

/** The shared services every target works over. */
export class EmulatorContext {
  readonly region: string;
  readonly now: () => number;
  readonly pools: PoolService;
  /** Pools' domains (OAuth endpoints and managed login). */
  readonly domains: DomainStore;
  /** Pools' resource servers and their custom scopes. */
  readonly resourceServers: ResourceServerStore;
  readonly users: UserService;
  readonly groups: GroupService;
  readonly codes: CodeService;
  readonly devices: DeviceStore;
  readonly mfa: MfaStore;
  readonly lockout: LockoutStore;
  readonly challenges: ChallengeService;
  readonly outbox: Outbox;
  readonly tokens: TokenService;
  readonly passwords: PasswordHasher;
  /** Runs triggers' functions and records each invocation. */
  readonly lambdas: LambdaInvoker;

  constructor(
    readonly db: Db,
    options: ContextOptions = {},
  ) {
    this.region = options.region ?? 'us-east-1';
    this.now = options.now ?? Date.now;
    this.pools = new PoolService(db);
    this.domains = new DomainStore(db);
    this.resourceServers = new ResourceServerStore(db);
    this.users = new UserService(db);
    this.groups = new GroupService(db);
    this.codes = new CodeService(db, this.now);
    this.devices = new DeviceStore(db);
    this.mfa = new MfaStore(db);
    this.lockout = new LockoutStore(db);
    this.challenges = new ChallengeService(this.now);
    this.outbox = new Outbox(db, this.now);
    this.tokens = new TokenService(db, this.pools, this.now);
    this.passwords = new PasswordHasher(options.passwordCost ?? 12);
    this.lambdas = new LambdaInvoker(new InvocationLog(), { ...options.lambdas, now: this.now });
    this.tokens.customizeWith(preTokenGeneration(this));
  }
}
