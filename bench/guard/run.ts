/**
 * bench/guard: what verifying a Cognito token costs, side by side in one run, medians of repeats.
 *
 * 1. Verifications per second in this process: raw `crypto.verify` of the same tokens (the limit),
 *    `aws-jwt-verify` alone (JWKS cached), nest-cognito's verifier cold (every token new) and warm
 *    (repeated tokens, from the verified-token cache).
 * 2. HTTP with autocannon against apps in their own processes, on Fastify and on Express: the
 *    unguarded route, the same route behind CognitoAuthGuard (warm), and behind
 *    @nestjs-cognito/auth (its own small app on the Nest 10 it requires).
 *
 *   npm run bench:guard            (BENCH_ROUNDS, BENCH_SECONDS to change the defaults)
 */
import { verify } from 'node:crypto';
import autocannon from 'autocannon';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { CognitoTokenVerifier, resolveCognitoOptions } from 'nest-cognito';
import { fromRoot, median, round, spawnUntilReady, stopChild, table, writeResults } from '../common.js';
import { benchPool, CLIENT_ID, JWKS_URI, POOL_ID, serveJwks } from './tokens.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DISTINCT = 2000;
const CONNECTIONS = 32;

const pool = benchPool();
const tokens = Array.from({ length: DISTINCT }, () => pool.accessToken());

/** Runs `work` over every token, `repeats` times; operations per second of each repeat. */
async function perSecond(
  name: string,
  work: (token: string) => unknown,
  prepare?: () => void,
): Promise<number[]> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    prepare?.();
    const started = performance.now();
    for (const token of tokens) await work(token);
    rates.push(tokens.length / ((performance.now() - started) / 1000));
  }
  console.log(`  ${name}: ${round(median(rates))} verifications/s`);
  return rates;
}

async function verifiers() {
  console.log(`verifiers: ${DISTINCT} distinct tokens, ${ROUNDS} rounds`);
  const raw = await perSecond('raw crypto.verify', (token) => {
    const dot = token.lastIndexOf('.');
    if (
      !verify(
        'RSA-SHA256',
        Buffer.from(token.slice(0, dot)),
        pool.publicKey,
        Buffer.from(token.slice(dot + 1), 'base64url'),
      )
    ) {
      throw new Error('bad signature');
    }
  });
  const awsJwtVerify = CognitoJwtVerifier.create({
    userPoolId: POOL_ID,
    clientId: CLIENT_ID,
    tokenUse: 'access',
  });
  awsJwtVerify.cacheJwks(pool.jwks as never);
  const alone = await perSecond('aws-jwt-verify alone', (token) => awsJwtVerify.verifySync(token));
  const ours = new CognitoTokenVerifier(
    resolveCognitoOptions({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: 'http://127.0.0.1:1' }),
  );
  ours.jwks.addJwks(JWKS_URI, pool.jwks as never);
  const cold = await perSecond(
    'nest-cognito cold (distinct tokens)',
    (token) => ours.verify(token),
    () => ours.cache.clear(),
  );
  for (const token of tokens) await ours.verify(token);
  const warm = await perSecond('nest-cognito warm (repeated tokens)', (token) => ours.verify(token));
  const m = { raw: median(raw), alone: median(alone), cold: median(cold), warm: median(warm) };
  return {
    verificationsPerSecond: {
      'raw crypto.verify': { median: round(m.raw), rounds: raw.map((r) => round(r)) },
      'aws-jwt-verify alone': { median: round(m.alone), rounds: alone.map((r) => round(r)) },
      'nest-cognito cold': { median: round(m.cold), rounds: cold.map((r) => round(r)) },
      'nest-cognito warm': { median: round(m.warm), rounds: warm.map((r) => round(r)) },
    },
    ratiosToRaw: {
      'aws-jwt-verify alone': round(m.alone / m.raw, 2),
      'nest-cognito cold': round(m.cold / m.raw, 2),
      'nest-cognito warm': round(m.warm / m.raw, 2),
      goals: { cold: '>= 0.5', warm: '>= 4' },
    },
  };
}

interface Target {
  name: string;
  app: 'nest-cognito' | '@nestjs-cognito/auth';
  path: '/unguarded' | '/guarded';
}
const TARGETS: Target[] = [
  { name: 'unguarded route', app: 'nest-cognito', path: '/unguarded' },
  { name: 'CognitoAuthGuard (warm)', app: 'nest-cognito', path: '/guarded' },
  { name: '@nestjs-cognito/auth guard', app: '@nestjs-cognito/auth', path: '/guarded' },
  { name: 'unguarded route (Nest 10 app)', app: '@nestjs-cognito/auth', path: '/unguarded' },
];

async function startApp(app: Target['app'], adapter: string, port: number, jwksEndpoint: string) {
  const script =
    app === 'nest-cognito'
      ? fromRoot('bench/dist/guard/our-app.js')
      : fromRoot('bench/nestjs-cognito-app/dist/main.js');
  const url = `http://127.0.0.1:${port}`;
  const { child } = await spawnUntilReady(process.execPath, [script], {
    env: { ADAPTER: adapter, PORT: String(port), JWKS_ENDPOINT: jwksEndpoint, POOL_ID, CLIENT_ID },
    ready: async () => (await fetch(`${url}/unguarded`)).ok,
  });
  return { child, url };
}

function load(url: string, token: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: `Bearer ${token}` } },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function http() {
  const jwks = await serveJwks(pool.jwks);
  const token = tokens[0]!;
  const results: Record<string, Record<string, { rps: number[]; p99: number[] }>> = {};
  try {
    for (const adapter of ['fastify', 'express']) {
      console.log(`http on ${adapter}: ${ROUNDS} rounds of ${SECONDS}s, ${CONNECTIONS} connections`);
      const apps = {
        'nest-cognito': await startApp('nest-cognito', adapter, 19401, jwks.url),
        '@nestjs-cognito/auth': await startApp('@nestjs-cognito/auth', adapter, 19402, jwks.url),
      };
      try {
        // Both answer 200 to the token before anything is measured.
        for (const target of TARGETS) {
          const answer = await fetch(`${apps[target.app].url}${target.path}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (answer.status !== 200) throw new Error(`${target.name} answered ${answer.status}`);
        }
        for (const target of TARGETS) await load(`${apps[target.app].url}${target.path}`, token); // warm-up
        const byTarget: Record<string, { rps: number[]; p99: number[] }> = {};
        for (let r = 0; r < ROUNDS; r++) {
          for (const target of r % 2 ? [...TARGETS].reverse() : TARGETS) {
            const result = await load(`${apps[target.app].url}${target.path}`, token);
            if (result.non2xx > 0 || result.errors > 0)
              throw new Error(`${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
            const entry = (byTarget[target.name] ??= { rps: [], p99: [] });
            entry.rps.push(result.requests.average);
            entry.p99.push(result.latency.p99);
          }
        }
        for (const [name, entry] of Object.entries(byTarget)) {
          console.log(`  ${name}: ${round(median(entry.rps))} req/s, p99 ${median(entry.p99)} ms`);
        }
        results[adapter] = byTarget;
      } finally {
        for (const { child } of Object.values(apps)) await stopChild(child);
      }
    }
  } finally {
    jwks.server.close();
  }
  return results;
}

const micro = await verifiers();
const httpResults = await http();
const summary = Object.fromEntries(
  Object.entries(httpResults).map(([adapter, byTarget]) => {
    const rps = (name: string) => median(byTarget[name]!.rps);
    return [
      adapter,
      {
        targets: Object.fromEntries(
          Object.entries(byTarget).map(([name, e]) => [
            name,
            {
              requestsPerSecond: round(median(e.rps)),
              p99Ms: median(e.p99),
              rounds: e.rps.map((x) => round(x)),
            },
          ]),
        ),
        guardedToUnguarded: round(rps('CognitoAuthGuard (warm)') / rps('unguarded route'), 2),
        oursToNestjsCognito: round(rps('CognitoAuthGuard (warm)') / rps('@nestjs-cognito/auth guard'), 2),
      },
    ];
  }),
);
const path = writeResults('guard', {
  settings: { rounds: ROUNDS, secondsPerRound: SECONDS, connections: CONNECTIONS, distinctTokens: DISTINCT },
  ...micro,
  http: summary,
  goals: {
    coldToRaw: '>= 0.5',
    warmToRaw: '>= 4',
    fastifyGuardedToUnguarded: '>= 0.6',
    fastifyOursToNestjsCognito: '>= 2',
  },
});

console.log();
const v = micro.verificationsPerSecond;
console.log(
  table(
    ['verifier', 'verifications/s', 'ratio to raw'],
    [
      ['raw crypto.verify', v['raw crypto.verify'].median, '1'],
      ['aws-jwt-verify alone', v['aws-jwt-verify alone'].median, micro.ratiosToRaw['aws-jwt-verify alone']],
      ['nest-cognito cold', v['nest-cognito cold'].median, micro.ratiosToRaw['nest-cognito cold']],
      ['nest-cognito warm', v['nest-cognito warm'].median, micro.ratiosToRaw['nest-cognito warm']],
    ],
  ),
);
console.log();
console.log(
  table(
    ['adapter', 'route', 'req/s', 'p99 ms'],
    Object.entries(summary).flatMap(([adapter, s]) =>
      Object.entries(s.targets).map(([name, t]) => [adapter, name, t.requestsPerSecond, t.p99Ms]),
    ),
  ),
);
for (const [adapter, s] of Object.entries(summary)) {
  console.log(
    `${adapter}: guarded/unguarded ${s.guardedToUnguarded}, ours/@nestjs-cognito ${s.oursToNestjsCognito}`,
  );
}
console.log(`results: ${path}`);
