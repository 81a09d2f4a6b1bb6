import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { applyCognitoErrorHandling, type CognitoModuleOptions, cognitoFastifyOptions } from 'nest-cognito';
import { AppModule, type AppSettings } from './app.module.js';

/** Builds the reference server (not yet listening): nest-cognito's API and OpenAPI docs at /docs. */
export async function createApp(
  cognito: CognitoModuleOptions,
  options: {
    logger?: false | LoggerService;
    settings?: AppSettings;
    /** Told of each request Fastify refuses before routing (a URL it cannot decode, ...). */
    onRejected?: (status: number, method: string | null) => void;
  } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(cognito, options.settings),
    // Requests Fastify answers itself (431, bad URLs) get the API's error body too.
    // return503OnClosing off: during a graceful shutdown the server's own hook refuses requests in
    // the error shape (see shutdown.ts) instead of Fastify's bare 503.
    new FastifyAdapter({ ...fastifyOptions(options.onRejected), return503OnClosing: false }),
    {
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    },
  );
  // Every error, on every route (404, 413, invalid JSON included): { statusCode, code, message }.
  applyCognitoErrorHandling(app);
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

/** nest-cognito's Fastify options, with requests refused before routing reported to `onRejected`. */
function fastifyOptions(onRejected?: (status: number, method: string | null) => void) {
  const options = cognitoFastifyOptions();
  if (!onRejected) return options;
  return {
    ...options,
    frameworkErrors: (error: Error, request: { method?: string }, reply: unknown) => {
      options.frameworkErrors(error, request, reply);
      onRejected((reply as { statusCode: number }).statusCode, request.method ?? null);
    },
  };
}
