/**
 * bench/admin: how long listing every user of a 10,000-user pool takes, page by page (60 a page)
 * through the AWS SDK against the emulator, and through CognitoAdminService's async iterator.
 * Medians of repeats; each run checks that every user came back exactly once.
 *
 *   npm run bench:admin            (BENCH_ROUNDS, BENCH_USERS to change the defaults)
 */
import 'reflect-metadata';
import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { Test } from '@nestjs/testing';
import { startEmulator } from 'cognito-emulator';
import { CognitoAdminService, CognitoModule } from 'nest-cognito';
import { median, round, table, writeResults } from '../common.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

const emulator = await startEmulator({
  port: 0,
  passwordCost: 1,
  seed: {
    pools: [{ name: 'bench', settings: { UsernameAttributes: ['email'] }, clients: [{ name: 'app' }] }],
  },
});
const poolId = emulator.pools.bench!.id;
const sdk = new CognitoIdentityProvider({
  endpoint: emulator.endpoint,
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
});
const started = performance.now();
// Users come in through AdminCreateUser, 32 at a time (the emulator's store is not a public door);
// the emulator's cheapest password cost keeps this set-up short. The benchmark is about listing them.
const BATCH = 32;
for (let i = 0; i < USERS; i += BATCH) {
  await Promise.all(
    Array.from({ length: Math.min(BATCH, USERS - i) }, (_, j) =>
      sdk.adminCreateUser({
        UserPoolId: poolId,
        Username: `user${i + j}@bench.test`,
        TemporaryPassword: 'Bench-temp-0',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: `User ${i + j}` },
        ],
      }),
    ),
  );
}
const seedMs = performance.now() - started;

const moduleRef = await Test.createTestingModule({
  imports: [
    CognitoModule.forRoot({
      userPoolId: poolId,
      clientId: emulator.pools.bench!.clients.app!.id,
      endpoint: emulator.endpoint,
      credentials,
    }),
  ],
}).compile();
const admin = moduleRef.get(CognitoAdminService);

async function viaSdk(): Promise<{ ms: number; pages: number; users: number }> {
  const seen = new Set<string>();
  let pages = 0;
  let PaginationToken: string | undefined;
  const begin = performance.now();
  do {
    const page = await sdk.listUsers({
      UserPoolId: poolId,
      Limit: 60,
      ...(PaginationToken ? { PaginationToken } : {}),
    });
    for (const user of page.Users ?? []) {
      if (seen.has(user.Username!)) throw new Error(`user ${user.Username} listed twice`);
      seen.add(user.Username!);
    }
    PaginationToken = page.PaginationToken;
    pages++;
  } while (PaginationToken);
  return { ms: performance.now() - begin, pages, users: seen.size };
}

async function viaService(): Promise<{ ms: number; users: number }> {
  const seen = new Set<string>();
  const begin = performance.now();
  for await (const user of admin.listAllUsers()) {
    if (seen.has(user.username)) throw new Error(`user ${user.username} listed twice`);
    seen.add(user.username);
  }
  return { ms: performance.now() - begin, users: seen.size };
}

const sdkRuns: number[] = [];
const serviceRuns: number[] = [];
let pages = 0;
for (let r = 0; r < ROUNDS; r++) {
  const a = await viaSdk();
  const b = await viaService();
  if (a.users !== USERS || b.users !== USERS)
    throw new Error(`listed ${a.users} / ${b.users} of ${USERS} users`);
  sdkRuns.push(a.ms);
  serviceRuns.push(b.ms);
  pages = a.pages;
  console.log(`  round ${r + 1}: SDK ${round(a.ms)} ms, service ${round(b.ms)} ms`);
}
await moduleRef.close();
await emulator.stop();

const results = {
  settings: { rounds: ROUNDS, users: USERS, pageSize: 60, pages },
  seedMs: round(seedMs),
  listAllUsersMs: {
    'AWS SDK ListUsers pages': { median: round(median(sdkRuns)), rounds: sdkRuns.map((x) => round(x)) },
    'CognitoAdminService.listAllUsers()': {
      median: round(median(serviceRuns)),
      rounds: serviceRuns.map((x) => round(x)),
    },
  },
  usersPerSecond: round(USERS / (median(serviceRuns) / 1000)),
};
const path = writeResults('admin', results);
console.log();
console.log(
  table(
    ['listing every user', `${USERS} users, ${pages} pages: median ms`],
    [
      ['AWS SDK ListUsers, page by page', results.listAllUsersMs['AWS SDK ListUsers pages'].median],
      [
        'CognitoAdminService.listAllUsers()',
        results.listAllUsersMs['CognitoAdminService.listAllUsers()'].median,
      ],
    ],
  ),
);
console.log(`results: ${path}`);
