import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LogLevel } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { validationPipe } from '@trustworks/platform';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { setUpOpenApi } from './openapi';
import { useSecurityHeaders } from './http/security-headers';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the application (not listening); shared by main.ts, the e2e tests and the benchmarks. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const verbose = LEVELS.indexOf(config.logLevel as LogLevel) >= LEVELS.indexOf('debug');
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Structured request logs (pino) carry the correlation id as reqId.
    logger: verbose ? { level: 'info' } : false,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION.test(given) ? given : randomUUID();
    },
    // URLs Fastify refuses before Nest sees them (bad encoding, over-long ids) get the API's error shape too.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const statusCode = error.statusCode ?? 400;
      void reply.status(statusCode).send({
        statusCode,
        code: 'BAD_URL',
        message: `The address is not valid: ${error.message}`,
        details: { fastify: error.code },
      });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel as LogLevel) + 1),
    cors: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  useSecurityHeaders(fastify);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-correlation-id', request.id);
    done(null, payload);
  });
  app.useGlobalPipes(validationPipe());
  setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
