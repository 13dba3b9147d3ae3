import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventStoreModule } from '@trustworks/event-store';
import { AuthModule } from '@trustworks/auth';
import { ErrorFilter } from '@trustworks/platform';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { STATUS_BY_CODE } from './http-status-by-code';

/** Composition only: each capability lives in its own library under libs/. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [EventStoreModule.forRoot(config.eventStore), AuthModule.forRoot(config.auth)],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useFactory: () => new ErrorFilter(STATUS_BY_CODE) }],
    };
  }
}
