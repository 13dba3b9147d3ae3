import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { EventStoreModule } from '@trustworks/event-store';
import { AuthModule } from '@trustworks/auth';
import { ErrorFilter } from '@trustworks/platform';
import { TrustsModule } from '@trustworks/trusts';
import { DemoDataModule } from '@trustworks/demo-data';
import { WebModule } from '@trustworks/web';
import { AuditModule, hashChained } from '@trustworks/audit';
import { ProjectionsModule, projectionsDatabasePath } from '@trustworks/projections';
import { CalendarModule } from '@trustworks/calendar';
import { RemindersModule, remindersDatabasePath } from '@trustworks/reminders';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { STATUS_BY_CODE } from './http-status-by-code';
import { SlidingWindowStorage } from './http/sliding-window-storage';
import { WriteThrottlerGuard } from './http/write-throttler.guard';

/** Composition only: each capability lives in its own library under libs/. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forRoot(config.eventStore, hashChained),
        AuthModule.forRoot(config.auth),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: config.writeRateLimitPerMinute }],
          storage: new SlidingWindowStorage(),
        }),
        TrustsModule,
        ProjectionsModule.forRoot({ databasePath: projectionsDatabasePath(config.eventStore) }),
        AuditModule,
        CalendarModule.forRoot(config.calendar),
        RemindersModule.forRoot({
          ...config.reminders,
          databasePath: remindersDatabasePath(config.eventStore),
        }),
        DemoDataModule.forRoot({ loadAtStart: config.demoData }),
        WebModule.forRoot(),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useFactory: () => new ErrorFilter(STATUS_BY_CODE) },
        // Order matters: authenticate first, then count writes.
        { provide: APP_GUARD, useClass: WriteThrottlerGuard },
      ],
    };
  }
}
