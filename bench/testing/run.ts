/**
 * bench/testing: what nest-cognito/testing costs a test file. Measured in this process, medians of
 * repeats: starting an emulated Cognito and a testing module (compiled, listening) until the first
 * signed-in user's token is accepted by the real guard; `signInAs` for 100 users (one after the
 * other, and 10 at a time); the offline mode's start and minting.
 *
 *   npm run bench:testing            (BENCH_ROUNDS to change the default)
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Controller, Get, type INestApplication, Module, UseGuards } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { CognitoAuthGuard, CognitoModule } from 'nest-cognito';
import { createOfflineCognito, startEmulatedCognito } from 'nest-cognito/testing';
import { median, round, table, writeResults } from '../common.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

@Controller('orders')
@UseGuards(CognitoAuthGuard)
class OrdersController {
  @Get()
  list() {
    return { ok: true };
  }
}

@Module({
  imports: [CognitoModule.forRoot({ userPoolId: 'eu-west-1_Prod00001', clientId: 'prodclient1234' })],
  controllers: [OrdersController],
})
class AppModule {}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

async function accepted(url: string, authorization: string): Promise<void> {
  const answer = await fetch(`${url}/orders`, { headers: { authorization } });
  if (answer.status !== 200) throw new Error(`the guard answered ${answer.status}`);
}

const results = {
  startToFirstTokenMs: [] as number[],
  signInAs100SequentialMs: [] as number[],
  signInAs100TenAtATimeMs: [] as number[],
  offlineStartToFirstTokenMs: [] as number[],
  mint1000Ms: [] as number[],
};

for (let round_ = 0; round_ < ROUNDS; round_++) {
  let started = performance.now();
  const cognito = await startEmulatedCognito();
  const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  const url = await listen(app);
  const first = await cognito.signInAs();
  await accepted(url, first.authorization);
  results.startToFirstTokenMs.push(performance.now() - started);

  started = performance.now();
  for (let i = 0; i < 100; i++) await cognito.signInAs();
  results.signInAs100SequentialMs.push(performance.now() - started);

  started = performance.now();
  for (let batch = 0; batch < 10; batch++)
    await Promise.all(Array.from({ length: 10 }, () => cognito.signInAs()));
  results.signInAs100TenAtATimeMs.push(performance.now() - started);
  await app.close();
  await cognito.stop();

  started = performance.now();
  const offline = createOfflineCognito();
  const offlineRef = await offline.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
  const offlineApp = offlineRef.createNestApplication(new FastifyAdapter(), { logger: false });
  const offlineUrl = await listen(offlineApp);
  await accepted(offlineUrl, `Bearer ${offline.mintAccessToken()}`);
  results.offlineStartToFirstTokenMs.push(performance.now() - started);
  started = performance.now();
  for (let i = 0; i < 1000; i++) offline.mintAccessToken({ groups: ['admin'] });
  results.mint1000Ms.push(performance.now() - started);
  await offlineApp.close();
  console.log(`  round ${round_ + 1}: start to first token ${round(results.startToFirstTokenMs.at(-1)!)} ms`);
}

const summary = Object.fromEntries(
  Object.entries(results).map(([name, values]) => [
    name,
    { median: round(median(values)), rounds: values.map((v) => round(v)) },
  ]),
);
const path = writeResults('testing', {
  settings: { rounds: ROUNDS },
  ...summary,
  goals: { startToFirstTokenMs: '< 1000', signInAs100: 'a few seconds' },
});
console.log();
console.log(
  table(
    ['measure', 'median (ms)'],
    [
      [
        'emulated: start emulator + testing module + first token accepted',
        summary.startToFirstTokenMs!.median,
      ],
      ['signInAs × 100, one after the other', summary.signInAs100SequentialMs!.median],
      ['signInAs × 100, 10 at a time', summary.signInAs100TenAtATimeMs!.median],
      ['offline: testing module + first minted token accepted', summary.offlineStartToFirstTokenMs!.median],
      ['mintAccessToken × 1000', summary.mint1000Ms!.median],
    ],
  ),
);
console.log(`results: ${path}`);
