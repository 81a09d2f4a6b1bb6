import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { CognitoModuleOptions } from 'nest-cognito';
import { AppModule } from './app.module.js';

/** Builds the reference server (not yet listening): nest-cognito's API and OpenAPI docs at /docs. */
export async function createApp(
  cognito: CognitoModuleOptions,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(cognito),
    new FastifyAdapter(),
    {
      ...(options.logger === false ? { logger: false } : {}),
    },
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nest-cognito auth server')
      .setDescription('Amazon Cognito user flows as a REST API.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  app.enableShutdownHooks();
  return app;
}
