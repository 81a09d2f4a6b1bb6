/**
 * The route under test, three ways, on nest-cognito (Nest 12): unguarded, and guarded by
 * CognitoAuthGuard. Started as its own process by bench/guard/run.ts:
 *   ADAPTER=fastify|express PORT=... JWKS_ENDPOINT=http://... node bench/dist/guard/our-app.js
 */
import 'reflect-metadata';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CognitoAuthGuard, CognitoModule } from 'nest-cognito';
import { CLIENT_ID, POOL_ID } from './tokens.js';

@Controller()
class BenchController {
  @Get('unguarded')
  unguarded() {
    return { ok: true };
  }

  @Get('guarded')
  @UseGuards(CognitoAuthGuard)
  guarded() {
    return { ok: true };
  }
}

@Module({
  imports: [
    CognitoModule.forRoot({
      userPoolId: POOL_ID,
      clientId: CLIENT_ID,
      endpoint: process.env.JWKS_ENDPOINT!,
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    }),
  ],
  controllers: [BenchController],
})
class BenchModule {}

const app = await NestFactory.create(
  BenchModule,
  process.env.ADAPTER === 'express' ? new ExpressAdapter() : new FastifyAdapter(),
  { logger: false },
);
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
