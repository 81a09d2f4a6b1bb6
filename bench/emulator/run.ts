/**
 * bench/emulator: USER_PASSWORD_AUTH sign-ins per second through the AWS SDK v3 with 16 requests in
 * flight, cognito-emulator and cognito-local (from npm, as shipped) side by side in one run, and
 * cognito-emulator's USER_SRP_AUTH sign-ins (both round trips, the client math by nest-cognito's
 * `src/srp`) beside its password ones, both as the memo of recent password checks leaves them (the
 * same 64 users again and again: no scrypt after the first) and cold (each sign-in the first of a
 * user made beforehand, so each pays scrypt: the memo is the emulator's own shortcut); the server
 * process's CPU time per sign-in (user + system of all its threads, from `/proc/<pid>/stat`, over a
 * fixed number of sign-ins: steadier than throughput on a shared machine); the client-side SRP math in CPU ms against
 * amazon-cognito-identity-js's; plus time to ready and memory. Each server runs in its own process;
 * the load comes from this one. Rounds alternate between the runs; medians of the rounds are compared.
 *
 *   npm run bench:emulator    (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CPU_REPEATS, BENCH_COLD_USERS to
 *                              change the defaults)
 *
 * Every user of ours, the SRP ones included, has its password stored at the emulator's default
 * scrypt cost (2^12; the CLI has no option to change it). SRP never runs scrypt: it checks the SRP
 * verifier stored beside the hash, so the cost only matters to the password flow.
 */
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProvider,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from 'cognito-emulator';
import {
  cpuTimeMs,
  fromRoot,
  median,
  memoryOf,
  round,
  runCount,
  spawnUntilReady,
  stopChild,
  table,
  throughput,
  writeResults,
} from '../common.js';
import { coldSignIn, coldUsersNeeded, createColdUsers } from './cold.js';
import { clientStepCpuMs, loadSrp, passwordVerifierChallenge, type SrpClient, srpSignIn } from './srp.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = 16;
const USERS = 64;
const CPU_REPEATS = Number(process.env.BENCH_CPU_REPEATS ?? 5);
/** Sign-ins per CPU measure: about 2 s of work for each run. */
const CPU_SIGN_INS: Record<string, number> = {
  'cognito-emulator': 2000,
  'cognito-emulator (USER_SRP_AUTH)': 600,
  'cognito-emulator (USER_PASSWORD_AUTH, cold)': 200,
  'cognito-local': 200,
};
const SRP = 'cognito-emulator (USER_SRP_AUTH)';
const COLD = 'cognito-emulator (USER_PASSWORD_AUTH, cold)';
/** Warm-up, rounds and CPU repeats of the cold run: each sign-in uses up a user. */
const COLD_USERS = Number(
  process.env.BENCH_COLD_USERS ??
    coldUsersNeeded({
      seconds: 1 + ROUNDS * SECONDS,
      signIns: CPU_REPEATS * CPU_SIGN_INS[COLD]!,
      warmUsers: USERS,
    }),
);
const PASSWORD = 'Bench-Passw0rd!';
const work = mkdtempSync(join(tmpdir(), 'bench-emulator-'));
/** Every server process started, killed at the end whatever happens. */
const children: ChildProcess[] = [];

interface Server {
  name: string;
  child: ChildProcess;
  endpoint: string;
  readyMs: number;
  sdk: CognitoIdentityProvider;
  clientId: string;
  userPoolId: string;
}

/** One measured load: a server and the sign-in it is driven with. */
interface Run {
  name: string;
  server: Server;
  task: (i: number) => Promise<unknown>;
}

const sdkFor = (endpoint: string) =>
  new CognitoIdentityProvider({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });

const answers = (url: string) => async () => {
  const response = await fetch(url, { method: 'POST', body: '{}' });
  await response.arrayBuffer();
  return true;
};

async function startOurs(port: number, dataFile: string): Promise<Started> {
  const endpoint = `http://127.0.0.1:${port}`;
  const { child, readyMs } = await spawnUntilReady(
    process.execPath,
    [fromRoot('packages/cognito-emulator/dist/cli.js'), '--port', String(port), '--data', dataFile],
    { ready: answers(endpoint) },
  );
  children.push(child);
  return { name: 'cognito-emulator', child, endpoint, readyMs };
}

async function startCognitoLocal(port: number, cwd: string): Promise<Started> {
  const endpoint = `http://127.0.0.1:${port}`;
  const { child, readyMs } = await spawnUntilReady(
    process.execPath,
    [fromRoot('node_modules/cognito-local/lib/bin/start.js')],
    { cwd, env: { PORT: String(port), HOST: '127.0.0.1' }, ready: answers(endpoint) },
  );
  children.push(child);
  return { name: 'cognito-local', child, endpoint, readyMs };
}

type Started = Omit<Server, 'sdk' | 'clientId' | 'userPoolId'>;

/** A pool, a client that allows USER_PASSWORD_AUTH (and `flows`), and confirmed users, through the SDK. */
async function prepare(server: Started, flows: ExplicitAuthFlowsType[] = []): Promise<Server> {
  const sdk = sdkFor(server.endpoint);
  const { UserPool } = await sdk.createUserPool({ PoolName: 'bench', UsernameAttributes: ['email'] });
  const { UserPoolClient } = await sdk.createUserPoolClient({
    UserPoolId: UserPool!.Id!,
    ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', ...flows],
  });
  const clientId = UserPoolClient!.ClientId!;
  for (let i = 0; i < USERS; i++) {
    const Username = `user${i}@bench.test`;
    await sdk.signUp({ ClientId: clientId, Username, Password: PASSWORD });
    await sdk.adminConfirmSignUp({ UserPoolId: UserPool!.Id!, Username });
  }
  return { ...server, sdk, clientId, userPoolId: UserPool!.Id! };
}

const signIn = (server: Server) => (i: number) =>
  server.sdk.initiateAuth({
    ClientId: server.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: `user${i % USERS}@bench.test`, PASSWORD },
  });

/** What an application typically seeds: one pool (a new RSA key), one client, one user. */
const SEED = {
  pools: [
    {
      name: 'app',
      settings: { UsernameAttributes: ['email'] },
      clients: [{ name: 'web' }],
      users: [{ username: 'jane@bench.test', password: PASSWORD }],
    },
  ],
};

async function inProcessStartMs(dataFile?: string, seed?: typeof SEED): Promise<number> {
  const started = performance.now();
  const emulator = await startEmulator({
    port: 0,
    ...(dataFile ? { dataFile } : {}),
    ...(seed ? { seed } : {}),
  });
  const ms = performance.now() - started;
  await emulator.stop();
  return ms;
}

/** CPU time of one RS256 signature with a 2048-bit key in this process (the floor's unit). */
function rs256SignMs(): number {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const data = Buffer.alloc(800, 'x');
  for (let i = 0; i < 50; i++) sign('sha256', data, privateKey);
  const started = process.cpuUsage();
  for (let i = 0; i < 500; i++) sign('sha256', data, privateKey);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / 500;
}

/** The 1, 5 and 15 minute load averages of the machine (2 cores: 2 is full). */
const load = () => loadavg().map((value) => round(value, 2));

async function main() {
  const loadBefore = load();
  console.log(`bench/emulator: ${ROUNDS} rounds of ${SECONDS}s, ${CONCURRENCY} in flight, ${USERS} users`);
  console.log(`  load average before: ${loadBefore.join(', ')}`);
  const srp: SrpClient = await loadSrp();
  const ours = await prepare(await startOurs(19229, join(work, 'ours.db')), ['ALLOW_USER_SRP_AUTH']);
  const coldSetupSeconds = await createColdUsers(ours, COLD_USERS, PASSWORD);
  console.log(`  ${COLD_USERS} cold users made in ${round(coldSetupSeconds)} s (before any timing)`);
  const cold = coldSignIn(ours, COLD_USERS, PASSWORD);
  const theirs = await prepare(await startCognitoLocal(19230, work));
  const servers = [ours, theirs];
  const runs: Run[] = [
    { name: ours.name, server: ours, task: signIn(ours) },
    { name: SRP, server: ours, task: srpSignIn(srp, ours, { users: USERS, password: PASSWORD }) },
    { name: COLD, server: ours, task: cold.task },
    { name: theirs.name, server: theirs, task: signIn(theirs) },
  ];

  // Warm-up: JIT, connection pools, and (ours) the first, slow password check of each user (the
  // cold run's warm-up uses up users of its own, so it stays cold).
  for (const run of runs) await throughput(run.task, { concurrency: CONCURRENCY, durationMs: 1000 });

  const rates = new Map<string, number[]>(runs.map((r) => [r.name, []]));
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    for (const run of round_ % 2 ? [...runs].reverse() : runs) {
      const result = await throughput(run.task, { concurrency: CONCURRENCY, durationMs: SECONDS * 1000 });
      if (result.errors) throw new Error(`${run.name}: ${result.errors} sign-ins failed`);
      rates.get(run.name)!.push(result.perSecond);
      console.log(`  round ${round_ + 1} ${run.name}: ${round(result.perSecond)} sign-ins/s`);
    }
  }
  // CPU time of each server process over a fixed number of sign-ins, repeats alternating; and of
  // this process (the SDK, and the SRP client math) for the runs on ours.
  const cpuPerSignIn = new Map<string, number[]>(runs.map((r) => [r.name, []]));
  const loaderCpuPerSignIn = new Map<string, number[]>([
    [ours.name, []],
    [SRP, []],
    [COLD, []],
  ]);
  for (let repeat = 0; repeat < CPU_REPEATS; repeat++) {
    for (const run of repeat % 2 ? [...runs].reverse() : runs) {
      const count = CPU_SIGN_INS[run.name]!;
      const before = cpuTimeMs(run.server.child.pid!);
      const loaderBefore = process.cpuUsage();
      const { errors } = await runCount(run.task, { concurrency: CONCURRENCY, count });
      const loader = process.cpuUsage(loaderBefore);
      const ms = (cpuTimeMs(run.server.child.pid!) - before) / count;
      if (errors) throw new Error(`${run.name}: ${errors} sign-ins failed`);
      cpuPerSignIn.get(run.name)!.push(ms);
      loaderCpuPerSignIn.get(run.name)?.push((loader.user + loader.system) / 1000 / count);
      console.log(`  cpu ${repeat + 1} ${run.name}: ${round(ms, 2)} ms per sign-in`);
    }
  }
  // A real challenge of ours, for the client-side step measured below with the servers idle.
  const challenge = await passwordVerifierChallenge(srp, ours, 'user0@bench.test');
  const memory = Object.fromEntries(servers.map((s) => [s.name, memoryOf(s.child.pid!)]));
  for (const server of servers) await stopChild(server.child);

  // Time to ready: a fresh process until it answers (three times each), and ours in-process.
  const spawnReady: Record<string, number[]> = { 'cognito-emulator': [], 'cognito-local': [] };
  for (let i = 0; i < 3; i++) {
    const a = await startOurs(19231, join(work, `start-${i}.db`));
    spawnReady['cognito-emulator']!.push(a.readyMs);
    await stopChild(a.child);
    const dir = mkdtempSync(join(work, 'local-'));
    const b = await startCognitoLocal(19232, dir);
    spawnReady['cognito-local']!.push(b.readyMs);
    await stopChild(b.child);
  }
  const inMemory: number[] = [];
  const onFile: number[] = [];
  const seeded: number[] = [];
  for (let i = 0; i < 5; i++) {
    inMemory.push(await inProcessStartMs());
    onFile.push(await inProcessStartMs(join(work, `in-process-${i}.db`)));
    seeded.push(await inProcessStartMs(undefined, SEED));
  }

  const clientStep = clientStepCpuMs(
    srp,
    { userPoolId: ours.userPoolId, password: PASSWORD, parameters: challenge.parameters },
    CPU_REPEATS,
  );
  const loadAfter = load();
  console.log(`  load average after: ${loadAfter.join(', ')}`);

  const oursRate = median(rates.get('cognito-emulator')!);
  const theirRate = median(rates.get('cognito-local')!);
  const srpRate = median(rates.get(SRP)!);
  const coldRate = median(rates.get(COLD)!);
  const cpuSummary = (name: string, values: number[]) => ({
    median: round(median(values), 2),
    repeats: values.map((ms) => round(ms, 2)),
    signInsPerRepeat: CPU_SIGN_INS[name],
  });
  const results = {
    settings: {
      rounds: ROUNDS,
      secondsPerRound: SECONDS,
      concurrency: CONCURRENCY,
      users: USERS,
      coldUsers: COLD_USERS,
      passwordCost: 'emulator default (scrypt 2^12) for every user of ours, the SRP ones included',
    },
    loadAverage: { before: loadBefore, after: loadAfter, note: '1, 5 and 15 minutes; 2 cores' },
    signInsPerSecond: {
      'cognito-emulator': {
        median: round(oursRate),
        rounds: rates.get('cognito-emulator')!.map((r) => round(r)),
      },
      'cognito-local': { median: round(theirRate), rounds: rates.get('cognito-local')!.map((r) => round(r)) },
      ratio: round(oursRate / theirRate, 2),
      goal: '>= 5',
    },
    cpuMsPerSignIn: {
      'cognito-emulator': cpuSummary(ours.name, cpuPerSignIn.get(ours.name)!),
      'cognito-local': cpuSummary(theirs.name, cpuPerSignIn.get(theirs.name)!),
      // The least a sign-in can cost: two RS256 signatures (access and ID token), measured here.
      floorTwoSignaturesMs: round(2 * rs256SignMs(), 2),
      source: 'server process utime + stime (/proc/<pid>/stat), all threads',
    },
    srp: {
      signInsPerSecond: {
        USER_PASSWORD_AUTH: { median: round(oursRate), rounds: rates.get(ours.name)!.map((r) => round(r)) },
        USER_SRP_AUTH: { median: round(srpRate), rounds: rates.get(SRP)!.map((r) => round(r)) },
        ratio: round(srpRate / oursRate, 2),
        goal: 'USER_SRP_AUTH >= 0.7 x USER_PASSWORD_AUTH',
        note: 'cognito-emulator; both round trips of SRP through the AWS SDK, client math by nest-cognito src/srp',
        'USER_PASSWORD_AUTH (cold)': {
          median: round(coldRate),
          rounds: rates.get(COLD)!.map((r) => round(r)),
        },
        ratioCold: round(srpRate / coldRate, 2),
        passwordRuns: {
          'USER_PASSWORD_AUTH (memo warm)': `the same ${USERS} users again and again: after its first sign-in a user's password check is remembered for five minutes and skips scrypt`,
          'USER_PASSWORD_AUTH (cold)': `each sign-in the first of one of ${COLD_USERS} users made before timing (SignUp + AdminConfirmSignUp): scrypt every time, the memo being the emulator's own shortcut`,
        },
      },
      serverCpuMsPerSignIn: {
        USER_PASSWORD_AUTH: cpuSummary(ours.name, cpuPerSignIn.get(ours.name)!),
        USER_SRP_AUTH: cpuSummary(SRP, cpuPerSignIn.get(SRP)!),
        'USER_PASSWORD_AUTH (cold)': cpuSummary(COLD, cpuPerSignIn.get(COLD)!),
      },
      loadGeneratorCpuMsPerSignIn: {
        USER_PASSWORD_AUTH: cpuSummary(ours.name, loaderCpuPerSignIn.get(ours.name)!),
        USER_SRP_AUTH: cpuSummary(SRP, loaderCpuPerSignIn.get(SRP)!),
        'USER_PASSWORD_AUTH (cold)': cpuSummary(COLD, loaderCpuPerSignIn.get(COLD)!),
        note: 'this process: the AWS SDK, and for SRP the client math',
      },
      coldUsers: { made: COLD_USERS, used: cold.used(), setupSeconds: round(coldSetupSeconds) },
      clientStepCpuMs: clientStep,
    },
    startMs: {
      'cognito-emulator (startEmulator, :memory:)': round(median(inMemory)),
      'cognito-emulator (startEmulator, new SQLite file)': round(median(onFile)),
      'cognito-emulator (startEmulator, seeding 1 pool, client and user)': round(median(seeded)),
      'cognito-emulator (CLI process until it answers)': round(median(spawnReady['cognito-emulator']!)),
      'cognito-local (process until it answers)': round(median(spawnReady['cognito-local']!)),
      goal: 'startEmulator < 300',
    },
    memoryAfterLoad: memory,
  };
  const path = writeResults('emulator', results);
  console.log();
  console.log(
    table(
      ['', 'cognito-emulator', 'cognito-local', 'ratio'],
      [
        ['sign-ins/s (median)', round(oursRate), round(theirRate), `${round(oursRate / theirRate, 2)}×`],
        [
          'process start to first answer (ms)',
          round(median(spawnReady['cognito-emulator']!)),
          round(median(spawnReady['cognito-local']!)),
          '',
        ],
        [
          'server CPU per sign-in (ms, median)',
          round(median(cpuPerSignIn.get('cognito-emulator')!), 2),
          round(median(cpuPerSignIn.get('cognito-local')!), 2),
          '',
        ],
        ['RSS after load (MiB)', memory['cognito-emulator']!.rssMiB, memory['cognito-local']!.rssMiB, ''],
      ],
    ),
  );
  const step = clientStep;
  const ourStep = step['nest-cognito src/srp (SRP_A and the PASSWORD_VERIFIER answer)'].median;
  console.log();
  console.log(
    table(
      [
        'cognito-emulator',
        'USER_PASSWORD_AUTH (memo warm)',
        'USER_PASSWORD_AUTH (cold)',
        'USER_SRP_AUTH',
        'SRP / warm (goal >= 0.7)',
        'SRP / cold',
      ],
      [
        [
          'sign-ins/s (median)',
          round(oursRate),
          round(coldRate),
          round(srpRate),
          `${round(srpRate / oursRate, 2)}`,
          `${round(srpRate / coldRate, 2)}`,
        ],
        [
          'server CPU per sign-in (ms, median)',
          ...[ours.name, COLD, SRP].map((name) => round(median(cpuPerSignIn.get(name)!), 2)),
          '',
          '',
        ],
        [
          'load generator CPU per sign-in (ms, median)',
          ...[ours.name, COLD, SRP].map((name) => round(median(loaderCpuPerSignIn.get(name)!), 2)),
          '',
          '',
        ],
      ],
    ),
  );
  console.log(
    `\nclient-side SRP step (CPU ms, median): ours ${ourStep} (SRP_A ${step['nest-cognito src/srp: SRP_A only (srpClientKeys)'].median}, ` +
      `answer ${step['nest-cognito src/srp: the answer only (passwordVerifierResponses)'].median}; ` +
      `floor ${step['floor: the three exponentiations alone (OpenSSL, 256 + 256 + 512 bits)'].median}), ` +
      `amazon-cognito-identity-js ${step['amazon-cognito-identity-js AuthenticationHelper (A, key, signature)'].median} (goal: ours <= 2)`,
  );
  console.log(
    `\nstartEmulator(): ${round(median(inMemory))} ms in memory, ${round(median(onFile))} ms on a new file, ` +
      `${round(median(seeded))} ms seeding a pool, client and user`,
  );
  console.log(`results: ${path}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });
