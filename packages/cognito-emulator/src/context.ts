import { ChallengeService } from './services/challenges.js';
import { CodeService } from './services/codes.js';
import { GroupService } from './services/groups.js';
import { Outbox } from './services/outbox.js';
import { PasswordHasher } from './services/passwords.js';
import { PoolService } from './services/pools.js';
import { TokenService } from './services/tokens.js';
import { UserService } from './services/users.js';
import type { Db } from './store/database.js';

export interface ContextOptions {
  /** Region of the pools this emulator creates (their ids start with it). */
  region?: string;
  /** scrypt cost of stored passwords, as log2(N). */
  passwordCost?: number;
  /** The clock, in epoch milliseconds; tests may move it. */
  now?: () => number;
}

/** The shared services every target works over. */
export class EmulatorContext {
  readonly region: string;
  readonly now: () => number;
  readonly pools: PoolService;
  readonly users: UserService;
  readonly groups: GroupService;
  readonly codes: CodeService;
  readonly challenges: ChallengeService;
  readonly outbox: Outbox;
  readonly tokens: TokenService;
  readonly passwords: PasswordHasher;

  constructor(
    readonly db: Db,
    options: ContextOptions = {},
  ) {
    this.region = options.region ?? 'us-east-1';
    this.now = options.now ?? Date.now;
    this.pools = new PoolService(db);
    this.users = new UserService(db);
    this.groups = new GroupService(db);
    this.codes = new CodeService(db, this.now);
    this.challenges = new ChallengeService(this.now);
    this.outbox = new Outbox(db, this.now);
    this.tokens = new TokenService(db, this.pools, this.now);
    this.passwords = new PasswordHasher(options.passwordCost ?? 12);
  }
}

/** What a target may know of the HTTP request besides its body. */
export interface RequestInfo {
  /** Whether the request carried a SigV4 `Authorization` header (admin operations require one). */
  signed: boolean;
}

export type Target = (
  ctx: EmulatorContext,
  input: Record<string, unknown>,
  request: RequestInfo,
) => Promise<object> | object;
