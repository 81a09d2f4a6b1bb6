/**
 * The same routes guarded by @nestjs-cognito/auth (on the Nest 10 it requires), for bench/guard.
 * Its verifier is aws-jwt-verify. @nestjs-cognito/core 1.3 does not hand `additionalProperties.jwksCache`
 * to it (it would fetch from AWS), so the JWKS is fetched from the benchmark's server at start and
 * put in that verifier's cache: its verification path per request is unchanged.
 *   ADAPTER=fastify|express PORT=... JWKS_ENDPOINT=http://... POOL_ID=... CLIENT_ID=... node .../main.js
 */
import 'reflect-metadata';
import { Authentication, CognitoAuthModule } from '@nestjs-cognito/auth';
import { COGNITO_JWT_VERIFIER_INSTANCE_TOKEN, type CognitoJwtVerifier } from '@nestjs-cognito/core';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';

const endpoint = process.env.JWKS_ENDPOINT!;

@Controller()
class BenchController {
  @Get('unguarded')
  unguarded() {
    return { ok: true };
  }

  @Get('guarded')
  @Authentication()
  guarded() {
    return { ok: true };
  }
}

@Module({
  imports: [
    CognitoAuthModule.register({
      jwtVerifier: {
        userPoolId: process.env.POOL_ID!,
        clientId: process.env.CLIENT_ID!,
        tokenUse: 'access',
        additionalProperties: {
          jwksCache: new SimpleJwksCache({
            fetcher: {
              fetch: async (uri: string) =>
                (await fetch(`${endpoint}${new URL(uri).pathname}`)).json() as never,
            },
          }),
        },
      },
    }),
  ],
  controllers: [BenchController],
})
class BenchModule {}

const app = await NestFactory.create(
  BenchModule,
  process.env.ADAPTER === 'express' ? new ExpressAdapter() : new FastifyAdapter(),
  { logger: process.env.DEBUG ? ['error', 'warn'] : false },
);
const jwks: unknown = await (await fetch(`${endpoint}/${process.env.POOL_ID}/.well-known/jwks.json`)).json();
const verifier = app.get<CognitoJwtVerifier>(COGNITO_JWT_VERIFIER_INSTANCE_TOKEN);
(verifier.jwtVerifier as unknown as { cacheJwks(jwks: unknown): void }).cacheJwks(jwks);
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
